import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { runExport, type ExportSpec } from './export'
import { ExportCancelled } from './sink'
import { checkEventBatch } from '../audit/bundle'

/**
 * The export worker: its own read-only SQLite connection, off the main event loop, so a million-row export never
 * stalls the app. Progress goes out as messages; cancellation comes in as a flag in shared memory, because the
 * export loop is synchronous and would not see a message until it finished.
 */
export interface ExportWorkerData {
  kind: 'export'
  dbFile: string
  nativeBinding?: string
  spec: ExportSpec
  file: string
  /** Int32Array over it: [0] = 1 when cancelled. */
  cancelFlag: SharedArrayBuffer
}

export type ExportWorkerMessage =
  | { type: 'progress'; done: number; total: number; phase: string }
  | {
      type: 'done'
      bytes: number
      events: number
      firstSeq: number | null
      lastSeq: number | null
      headHash: string | null
    }
  | { type: 'cancelled' }
  | { type: 'failed'; message: string }

async function main(data: ExportWorkerData): Promise<void> {
  const port = parentPort!
  const flag = new Int32Array(data.cancelFlag)
  const db = new Database(data.dbFile, {
    readonly: true,
    fileMustExist: true,
    ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
  })
  let last = 0
  try {
    const outcome = await runExport(db, data.spec, data.file, {
      cancelled: () => Atomics.load(flag, 0) === 1,
      onProgress(done, total, phase) {
        const now = Date.now()
        if (now - last < 100 && done < total) return
        last = now
        port.postMessage({ type: 'progress', done, total, phase } satisfies ExportWorkerMessage)
      },
    })
    port.postMessage({
      type: 'done',
      bytes: outcome.bytes,
      events: outcome.events,
      firstSeq: outcome.firstSeq,
      lastSeq: outcome.lastSeq,
      headHash: outcome.headHash,
    } satisfies ExportWorkerMessage)
  } catch (error) {
    if (error instanceof ExportCancelled) port.postMessage({ type: 'cancelled' } satisfies ExportWorkerMessage)
    else
      port.postMessage({
        type: 'failed',
        message: error instanceof Error ? error.message : String(error),
      } satisfies ExportWorkerMessage)
  } finally {
    db.close()
  }
}

/** A verification helper: checks batches of bundle event lines sent by verifyAuditBundleFile, in parallel. */
export interface VerifyWorkerData {
  kind: 'verify'
}

function serveVerification(): void {
  parentPort!.on('message', (message: { id: number; lines: string[] }) => {
    parentPort!.postMessage({ id: message.id, result: checkEventBatch(message.lines) })
  })
}

const data = workerData as ExportWorkerData | VerifyWorkerData | undefined
if (parentPort && data?.kind === 'export') void main(data)
else if (parentPort && data?.kind === 'verify') serveVerification()
