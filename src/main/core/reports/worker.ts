import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import {
  runExport,
  writeActivityRows,
  type CsvPartWorkerData,
  type CsvPartWorkerMessage,
  type ExportSpec,
} from './export'
import { FileSink } from './sink'
import { availableParallelism } from 'node:os'
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
      helpers: Math.min(3, availableParallelism() - 1),
      nativeBinding: data.nativeBinding,
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

/** One slice of a long CSV export, written to its part file (see writeActivityCsvParallel). */
function csvPart(data: CsvPartWorkerData): void {
  const post = (m: CsvPartWorkerMessage) => parentPort!.postMessage(m)
  const counters = new Int32Array(data.counters)
  const stop = new Int32Array(data.stop)
  const db = new Database(data.dbFile, {
    readonly: true,
    fileMustExist: true,
    ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
  })
  const sink = new FileSink(data.partPath, { temp: false })
  try {
    const rows = writeActivityRows(db, data.range, sink, (done) => {
      Atomics.store(counters, data.index, done)
      if (Atomics.load(stop, 0) === 1) throw new ExportCancelled()
    })
    sink.commit()
    Atomics.store(counters, data.index, rows)
    post({ type: 'done', rows })
  } catch (error) {
    sink.abort()
    if (error instanceof ExportCancelled) post({ type: 'cancelled' })
    else post({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
  } finally {
    db.close()
  }
}

const data = workerData as ExportWorkerData | VerifyWorkerData | CsvPartWorkerData | undefined
if (parentPort && data?.kind === 'export') void main(data)
else if (parentPort && data?.kind === 'verify') serveVerification()
else if (parentPort && data?.kind === 'csv-part') csvPart(data)
