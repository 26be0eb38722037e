import { existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import { ensurePrivateDir } from '../private-files'
import { randomUUID } from 'node:crypto'
import { dirname, join } from 'node:path'
import type { Db } from '../db/open'
import { runExport, type ExportFormat, type ExportSpec } from './export'
import { ExportCancelled } from './sink'
import type { ExportWorkerData, ExportWorkerMessage } from './worker'
import { startCoreWorker, workerEntry } from '../workers'
import type { ExportFile, ExportJob } from '../../../shared/contract/reports'
import { sha256File, type ExportRecord } from './export-audit'

/** One export's state as the API reports it (see the shared contract). */
export type ExportJobState = ExportJob
export type ExportFileInfo = ExportFile

export interface ExportJobs {
  readonly exportsDir: string
  start(spec: Omit<ExportSpec, 'generator'>): ExportJobState
  status(id: string): ExportJobState | null
  cancel(id: string): ExportJobState | null
  list(): ExportJobState[]
  /** Finished exports in the folder, newest first. */
  files(): ExportFileInfo[]
  /** The absolute path of an export by file name, or null if the name is not a plain file in the folder. */
  resolveFile(name: string): string | null
  close(): Promise<void>
}

export interface ExportJobsOptions {
  /** The workspace database: its file for the worker's own read-only connection, the handle for in-process runs. */
  db: Db
  exportsDir: string
  generator: string
  nativeBinding?: string
  log?: (line: string) => void
  /** Who is acting now (captured when an export starts). */
  actor?: () => string
  /** Appends the finished export's audit event (recordExport); a job is done only once it is recorded. */
  recordExport?: (record: ExportRecord) => void
}

const KIND: Record<ExportFormat, string> = {
  csv: 'treasury-activity',
  json: 'audit-bundle',
  pdf: 'transparency-report',
}

/** A safe file name: letters, digits, dot, dash, underscore; no leading dot (temp files are hidden). */
export const EXPORT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/

export function createExportJobs(options: ExportJobsOptions): ExportJobs {
  const { db, exportsDir, generator } = options
  const log = options.log ?? (() => {})
  const jobs = new Map<string, { state: ExportJobState; cancel(): void; finished: Promise<void>; started: number }>()

  function fileNameFor(spec: Omit<ExportSpec, 'generator'>, now: Date): string {
    const label = (v: string | undefined, fallback: string) => (v ? v.replace(/[^0-9A-Za-z-]/g, '') : fallback)
    const stamp = now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z')
    const base = `${KIND[spec.format]}_${label(spec.period.from, 'start')}_${label(spec.period.to, 'now')}_${stamp}`
    let name = `${base}.${spec.format}`
    for (
      let n = 2;
      existsSync(join(exportsDir, name)) || [...jobs.values()].some((j) => j.state.fileName === name);
      n++
    )
      name = `${base}-${n}.${spec.format}`
    return name
  }

  function progress(job: ExportJobState, started: number, done: number, total: number, phase: string): void {
    job.done = done
    job.total = total
    job.phase = phase
    const elapsed = (Date.now() - started) / 1000
    job.etaSeconds =
      done > 0 && total > done && elapsed > 0.3
        ? Math.ceil((elapsed / done) * (total - done))
        : done >= total
          ? 0
          : null
  }

  function finish(job: ExportJobState, patch: Partial<ExportJobState>): void {
    Object.assign(job, patch, { finishedAt: new Date().toISOString(), etaSeconds: 0 })
  }

  return {
    exportsDir,
    start(spec) {
      ensurePrivateDir(exportsDir)
      const now = new Date()
      const id = randomUUID()
      const fileName = fileNameFor(spec, now)
      const file = join(exportsDir, fileName)
      const state: ExportJobState = {
        id,
        format: spec.format,
        state: 'running',
        fileName,
        phase: 'starting',
        done: 0,
        total: 0,
        etaSeconds: null,
        startedAt: now.toISOString(),
        finishedAt: null,
        bytes: null,
        events: null,
        headHash: null,
        sha256: null,
        signedBy: spec.anchor?.address ?? null,
        error: null,
      }
      const started = Date.now()
      const fullSpec: ExportSpec = { ...spec, generator }
      const canWork = workerEntry() !== null
      const requestedBy = options.actor?.()
      let settling: Promise<void> | null = null
      const onDone = (m: Extract<ExportWorkerMessage, { type: 'done' }>) => (settling = settle(m))
      const settle = async (m: Extract<ExportWorkerMessage, { type: 'done' }>) => {
        try {
          const sha256 = await sha256File(file)
          options.recordExport?.({
            kind: KIND[spec.format],
            format: spec.format,
            fileName,
            from: spec.period.from ?? null,
            to: spec.period.to ?? null,
            bytes: m.bytes,
            sha256,
            ...(requestedBy ? { requestedBy } : {}),
          })
          finish(state, {
            state: 'done',
            bytes: m.bytes,
            events: m.events,
            headHash: m.headHash,
            sha256,
            done: state.total || m.events,
            phase: 'done',
          })
        } catch (error) {
          // An export the trail does not know of is not left behind.
          rmSync(file, { force: true })
          onFail(`the export could not be recorded in the audit trail: ${messageOf(error)}`)
        }
      }
      const onFail = (message: string) => {
        log(`export ${fileName} failed: ${message.split('\n')[0].slice(0, 200)}`)
        finish(state, { state: 'failed', error: message })
      }

      if (db.name === ':memory:' || db.memory || !canWork) {
        // No file for a second connection (tests on in-memory databases) or no worker build: run here.
        let cancelled = false
        const finished = runExport(db, fullSpec, file, {
          cancelled: () => cancelled,
          onProgress: (done, total, phase) => progress(state, started, done, total, phase),
        }).then(
          (o) => onDone({ type: 'done', ...o }),
          (error: unknown) =>
            error instanceof ExportCancelled ? finish(state, { state: 'cancelled' }) : onFail(messageOf(error)),
        )
        jobs.set(id, { state, started, finished, cancel: () => (cancelled = true) })
        return { ...state }
      }

      const cancelFlag = new SharedArrayBuffer(4)
      const data: ExportWorkerData = {
        kind: 'export',
        dbFile: db.name,
        nativeBinding: options.nativeBinding,
        spec: fullSpec,
        file,
        cancelFlag,
      }
      const worker = startCoreWorker(data)!
      const finished = new Promise<void>((resolve) => {
        worker.on('message', (m: ExportWorkerMessage) => {
          if (m.type === 'progress') progress(state, started, m.done, m.total, m.phase)
          else if (m.type === 'done') void onDone(m)
          else if (m.type === 'cancelled') finish(state, { state: 'cancelled' })
          else onFail(m.message)
        })
        worker.on('error', (error) => onFail(messageOf(error)))
        worker.on('exit', () => {
          void (settling ?? Promise.resolve()).then(() => {
            if (state.state === 'running') {
              finish(state, { state: 'cancelled' })
              removeTemps(exportsDir, fileName)
            }
            resolve()
          })
        })
      })
      jobs.set(id, {
        state,
        started,
        finished,
        cancel: () => {
          Atomics.store(new Int32Array(cancelFlag), 0, 1)
          // A worker waiting on the network does not poll the flag: stop it outright after a grace period.
          setTimeout(() => {
            if (state.state === 'running') void worker.terminate()
          }, 2000).unref()
        },
      })
      return { ...state }
    },

    status: (id) => {
      const job = jobs.get(id)
      return job ? { ...job.state } : null
    },

    cancel(id) {
      const job = jobs.get(id)
      if (!job) return null
      if (job.state.state === 'running') job.cancel()
      return { ...job.state }
    },

    list: () => [...jobs.values()].map((j) => ({ ...j.state })).reverse(),

    files() {
      if (!existsSync(exportsDir)) return []
      return readdirSync(exportsDir)
        .filter((name) => EXPORT_NAME.test(name))
        .flatMap((name) => {
          const stat = statSync(join(exportsDir, name))
          return stat.isFile() ? [{ name, bytes: stat.size, modifiedAt: stat.mtime.toISOString() }] : []
        })
        .sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt) || a.name.localeCompare(b.name))
    },

    resolveFile(name) {
      if (!EXPORT_NAME.test(name)) return null
      const file = join(exportsDir, name)
      if (dirname(file) !== exportsDir) return null
      try {
        return statSync(file).isFile() ? file : null
      } catch {
        return null
      }
    },

    async close() {
      for (const job of jobs.values()) if (job.state.state === 'running') job.cancel()
      await Promise.race([
        Promise.all([...jobs.values()].map((j) => j.finished)),
        new Promise((resolve) => setTimeout(resolve, 3000).unref()),
      ])
    },
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function removeTemps(dir: string, fileName: string): void {
  try {
    for (const name of readdirSync(dir))
      if (name.startsWith(`.${fileName}.`) && name.endsWith('.partial')) rmSync(join(dir, name), { force: true })
  } catch {
    // the folder is gone: nothing to clean
  }
}
