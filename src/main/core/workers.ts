import { Worker, type WorkerOptions } from 'node:worker_threads'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

type WorkerEntry = { eval: false; file: string } | { eval: true; code: string }
let cachedEntry: WorkerEntry | null | undefined

/**
 * Where the core's worker-thread code is (core/reports/worker.ts): the built `export-worker.js` beside the bundle
 * (out/main, or its parent when this module landed in out/main/chunks), or, running from source (tests,
 * benchmarks), the TypeScript file loaded through tsx. null: no worker available, callers run in-process.
 */
export function workerEntry(): WorkerEntry | null {
  if (cachedEntry !== undefined) return cachedEntry
  cachedEntry = null
  // A prebuilt worker, for tools running the core from source that cannot wait for tsx in every thread (bench).
  const override = process.env.TREASURY_CORE_WORKER
  if (override && existsSync(override)) return (cachedEntry = { eval: false, file: override })
  for (const file of [join(__dirname, 'export-worker.js'), join(__dirname, '..', 'export-worker.js')])
    if (existsSync(file)) return (cachedEntry = { eval: false, file })
  const source = join(__dirname, 'reports', 'worker.ts')
  if (existsSync(source)) {
    try {
      const tsx = createRequire(__filename).resolve('tsx/cjs')
      cachedEntry = { eval: true, code: `require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)})` }
    } catch {
      cachedEntry = null
    }
  }
  return cachedEntry
}

/** Starts the core worker with `workerData`, or returns null when there is none. */
export function startCoreWorker(
  workerData: unknown,
  options: Omit<WorkerOptions, 'workerData' | 'eval'> = {},
): Worker | null {
  const entry = workerEntry()
  if (!entry) return null
  return entry.eval
    ? new Worker(entry.code, { ...options, eval: true, workerData })
    : new Worker(entry.file, { ...options, workerData })
}
