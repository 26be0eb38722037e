import { parentPort, workerData } from 'node:worker_threads'
import type Database from 'better-sqlite3'
import type { ExportSpec } from './export'
import type { CsvChunkWorkerData } from './csv-parallel'

/**
 * The core's worker thread, three jobs in one entry (out/main/export-worker.js):
 *  - `export`: a whole export off the main event loop, with its own read-only SQLite connection. Progress goes out
 *    as messages; cancellation comes in as a flag in shared memory, because the export loop is synchronous and would
 *    not see a message until it finished.
 *  - `csv-chunks`: a helper of a long CSV export, encoding chunks of rows into memory for the exporting thread.
 *  - `verify`: checks batches of bundle event lines for verifyAuditBundleFile.
 *  - `recover-votes`: recovers the signers of batches of votes for a streamed vote import (governance/vote-lines).
 * Each loads only the modules its job needs (lazily), so a helper starts in milliseconds.
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

export interface VerifyWorkerData {
  kind: 'verify'
}

export interface RecoverVotesWorkerData {
  kind: 'recover-votes'
}

/**
 * Modules are required when a job starts, not at the top: a verification helper never loads ethers or pdfkit. Plain
 * require() with literal paths, which the bundler follows and tsx (running from source) resolves.
 */
function load<T>(name: 'export' | 'sink' | 'csv-parallel' | 'checker' | 'os' | 'recover-votes'): T {
  /* eslint-disable @typescript-eslint/no-require-imports */
  switch (name) {
    case 'export':
      return require('./export') as T
    case 'sink':
      return require('./sink') as T
    case 'csv-parallel':
      return require('./csv-parallel') as T
    case 'checker':
      return require('../audit/checker') as T
    case 'os':
      return require('node:os') as T
    case 'recover-votes':
      return require('../governance/recover-batch') as T
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
}

function openReadOnly(file: string, nativeBinding?: string): Database.Database {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Sqlite = require('better-sqlite3') as typeof Database
  return new Sqlite(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) })
}

async function exportJob(data: ExportWorkerData): Promise<void> {
  const port = parentPort!
  const post = (m: ExportWorkerMessage) => port.postMessage(m)
  const { runExport } = load<typeof import('./export')>('export')
  const { ExportCancelled } = load<typeof import('./sink')>('sink')
  const { availableParallelism } = load<typeof import('node:os')>('os')
  const flag = new Int32Array(data.cancelFlag)
  const db = openReadOnly(data.dbFile, data.nativeBinding)
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
        post({ type: 'progress', done, total, phase })
      },
    })
    post({
      type: 'done',
      bytes: outcome.bytes,
      events: outcome.events,
      firstSeq: outcome.firstSeq,
      lastSeq: outcome.lastSeq,
      headHash: outcome.headHash,
    })
  } catch (error) {
    if (error instanceof ExportCancelled) post({ type: 'cancelled' })
    else post({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
  } finally {
    db.close()
  }
}

function csvChunks(data: CsvChunkWorkerData): void {
  const { helpCsvChunks } = load<typeof import('./csv-parallel')>('csv-parallel')
  const db = openReadOnly(data.dbFile, data.nativeBinding)
  try {
    helpCsvChunks(db, data)
  } finally {
    db.close()
  }
}

async function serveVerification(): Promise<void> {
  const { checkEventBatch } = load<typeof import('../audit/checker')>('checker')
  parentPort!.on('message', (message: { id: number; bytes: Uint8Array }) => {
    const { bytes } = message
    // Event texts separated by ",\n" (see verify-bundle's ParallelSink). A text holds no newline (the file was
    // split on them), so every newline ends a separator: the texts come back exactly, a stray comma of their own
    // included. Decoded one by one: JSON.parse of pieces split from one big string measured twice as slow.
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
    const lines: string[] = []
    let start = 0
    for (let nl = buffer.indexOf(0x0a); nl !== -1; nl = buffer.indexOf(0x0a, start)) {
      lines.push(buffer.toString('utf8', start, nl - 1))
      start = nl + 1
    }
    lines.push(buffer.toString('utf8', start))
    parentPort!.postMessage({ id: message.id, result: checkEventBatch(lines) })
  })
}

function serveVoteRecovery(): void {
  const { recoverVoteBatch } = load<typeof import('../governance/recover-batch')>('recover-votes')
  parentPort!.on('message', (message: { id: number; votes: Parameters<typeof recoverVoteBatch>[0] }) => {
    parentPort!.postMessage({ id: message.id, result: recoverVoteBatch(message.votes) })
  })
}

const data = workerData as
  | ExportWorkerData
  | VerifyWorkerData
  | CsvChunkWorkerData
  | RecoverVotesWorkerData
  | undefined
if (parentPort && data?.kind === 'export') void exportJob(data)
else if (parentPort && data?.kind === 'verify') void serveVerification()
else if (parentPort && data?.kind === 'csv-chunks') csvChunks(data)
else if (parentPort && data?.kind === 'recover-votes') serveVoteRecovery()
