import type { Db } from '../db/open'
import {
  BUNDLE_FORMAT,
  BUNDLE_TRAILER,
  BUNDLE_VERSION,
  HASH_RULE,
  auditSlice,
  bundleEventLine,
  bundleHeaderLine,
  parsedEventHash,
  toPeriod,
  type AuditAnchor,
  type AuditSlice,
  type PeriodInput,
} from '../audit'
import { ACTIVITY_HEADERS, warmTokenChecksums, type ActivitySource } from './activity'
import { writeActivityRows } from './csv-rows'
import { writeActivityRowsParallel } from './csv-parallel'
import { startCoreWorker, workerEntry } from '../workers'
import { csvLine } from './csv'
import { ExportCancelled, FileSink } from './sink'
import { gatherReportData } from './report-data'
import { writeTransparencyReport } from './pdf'

export type ExportFormat = 'csv' | 'json' | 'pdf'

export interface ExportSpec {
  format: ExportFormat
  period: PeriodInput
  /** "AITBC Treasury 0.1.0": written into the files so an auditor knows what made them. */
  generator: string
  /** JSON only: a steward's signature over the slice's head, made before the export started. */
  anchor?: AuditAnchor | null
  /** JSON only: the slice the anchor was made for; the export refuses to write a different one. */
  expectedSlice?: AuditSlice | null
}

export interface ExportControl {
  /**
   * CSV: worker threads that each export a slice of a long range into a hidden part file while this thread does
   * the first slice; the parts are appended in order. 0 or absent: one thread.
   */
  helpers?: number
  /** The better-sqlite3 build the helpers load (Electron's ABI in the desktop app). */
  nativeBinding?: string
  /** done/total in the export's own unit (events, or report steps). */
  onProgress?(done: number, total: number, phase: string): void
  /** Polled between batches; answering true stops the export and removes its file. */
  cancelled?(): boolean
  now?: Date
}

export interface ExportOutcome {
  file: string
  bytes: number
  /** Audit events covered. */
  events: number
  firstSeq: number | null
  lastSeq: number | null
  headHash: string | null
}

const BATCH = 4096
/** Below this a helper thread's start-up costs more than it saves. */
const PARALLEL_CSV_FROM = 100_000

/** Runs one export to `file` (written beside it under a temporary name, renamed when complete). */
export async function runExport(
  db: Db,
  spec: ExportSpec,
  file: string,
  control: ExportControl = {},
): Promise<ExportOutcome> {
  const period = toPeriod(spec.period)
  const slice = auditSlice(db, period)
  const sink = new FileSink(file)
  try {
    let outcome: Omit<ExportOutcome, 'file' | 'bytes'>
    if (spec.format === 'csv')
      outcome =
        slice && (control.helpers ?? 0) > 0 && slice.events >= PARALLEL_CSV_FROM && !db.memory && workerEntry()
          ? await writeActivityCsvParallel(db, slice, sink, control)
          : writeActivityCsv(db, slice, sink, control)
    else if (spec.format === 'json') outcome = writeAuditBundle(db, spec, slice, sink, control)
    else {
      const data = await gatherReportData(db, spec.period, {
        now: control.now,
        generator: spec.generator,
        onProgress: control.onProgress,
        cancelled: control.cancelled,
      })
      if (control.cancelled?.()) throw new ExportCancelled()
      await writeTransparencyReport(data, sink)
      outcome = {
        events: data.audit.events,
        firstSeq: data.audit.firstSeq,
        lastSeq: data.audit.lastSeq,
        headHash: data.audit.workspaceHead.hash,
      }
    }
    if (control.cancelled?.()) throw new ExportCancelled()
    const bytes = sink.commit()
    return { file, bytes, ...outcome }
  } catch (error) {
    sink.abort()
    throw error
  }
}

/** The auditor CSV: a header row, then one row per audit event of the period. */
export function writeActivityCsv(
  db: Db,
  slice: AuditSlice | null,
  sink: FileSink,
  control: ExportControl,
  sources?: readonly ActivitySource[],
): Omit<ExportOutcome, 'file' | 'bytes'> {
  sink.write(csvLine(ACTIVITY_HEADERS))
  if (!slice) return { events: 0, firstSeq: null, lastSeq: null, headHash: null }
  const rows = writeActivityRows(
    db,
    slice,
    sink,
    (done) => {
      if (control.cancelled?.()) throw new ExportCancelled()
      control.onProgress?.(done, slice.events, 'rows')
    },
    sources,
  )
  control.onProgress?.(rows, slice.events, 'rows')
  return { events: rows, firstSeq: slice.firstSeq, lastSeq: slice.lastSeq, headHash: slice.headHash }
}

/**
 * A long CSV on several threads (see csv-parallel.ts): the header here, then the rows in chunks that this thread
 * and the helpers claim in turn, written in order. A cancel stops every thread; nothing is left but the sink's
 * temporary file, which the caller removes.
 */
async function writeActivityCsvParallel(
  db: Db,
  slice: AuditSlice,
  sink: FileSink,
  control: ExportControl,
): Promise<Omit<ExportOutcome, 'file' | 'bytes'>> {
  sink.write(csvLine(ACTIVITY_HEADERS))
  // The workspace's token addresses checksummed here once, handed to the helpers with their data.
  warmTokenChecksums(db)
  const { rows } = await writeActivityRowsParallel(db, slice, sink, {
    helpers: control.helpers ?? 0,
    nativeBinding: control.nativeBinding,
    startHelper: (data, transfer) => startCoreWorker(data, { transferList: transfer }),
    cancelled: () => control.cancelled?.() ?? false,
    onProgress: (done) => control.onProgress?.(done, slice.events, 'rows'),
  })
  return { events: rows, firstSeq: slice.firstSeq, lastSeq: slice.lastSeq, headHash: slice.headHash }
}

/**
 * The JSON bundle. Every event is re-hashed on the way out: the app never hands out a bundle it would not itself
 * accept, and a database changed behind its back is named here instead of in the auditor's hands.
 */
export function writeAuditBundle(
  db: Db,
  spec: ExportSpec,
  slice: AuditSlice | null,
  sink: FileSink,
  control: ExportControl,
): Omit<ExportOutcome, 'file' | 'bytes'> {
  if (!slice) throw new RangeError('There are no audit events in that period: nothing to export.')
  const expected = spec.expectedSlice
  if (
    expected &&
    (expected.firstSeq !== slice.firstSeq || expected.lastSeq !== slice.lastSeq || expected.headHash !== slice.headHash)
  )
    throw new Error('The audit slice changed between signing and export; start the export again.')
  const period = toPeriod(spec.period)
  sink.write(
    bundleHeaderLine({
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      exportedAt: (control.now ?? new Date()).toISOString(),
      generator: spec.generator,
      hashRule: HASH_RULE,
      range: {
        from: period.fromIso,
        to: period.toIso,
        firstSeq: slice.firstSeq,
        lastSeq: slice.lastSeq,
        events: slice.events,
      },
      prevHash: slice.prevHash,
      headHash: slice.headHash,
      anchor: spec.anchor ?? null,
    }),
  )
  const statement = db
    .prepare(
      'SELECT seq, at, actor, action, subject, payload, prev_hash, hash FROM audit_events WHERE seq BETWEEN ? AND ? ORDER BY seq',
    )
    .raw(true)
  let prev = slice.prevHash
  let expectedSeq = slice.firstSeq
  for (const r of pages(statement, slice.firstSeq, slice.lastSeq) as Iterable<
    [number, string, string, string, string, string, string, string]
  >) {
    const [seq, at, actor, action, subject, payload, prevHash, hash] = r
    const broken = (why: string) =>
      new ChainBrokenError(
        seq,
        `The audit chain is broken at event #${seq} (${why}); a bundle of it would not verify. Export the period before it, and investigate the workspace.`,
      )
    if (seq !== expectedSeq) throw broken(`expected #${expectedSeq}`)
    if (prevHash !== prev) throw broken('its link to the previous event is wrong')
    let parsed: unknown
    try {
      parsed = JSON.parse(payload)
    } catch {
      throw broken('its payload is not JSON')
    }
    if (parsedEventHash(prev, seq, at, actor, action, subject, parsed) !== hash)
      throw broken('its content does not match its hash')
    sink.write(
      (seq === slice.firstSeq ? '' : ',\n') + bundleEventLine(seq, at, actor, action, subject, payload, prevHash, hash),
    )
    prev = hash
    expectedSeq++
    if ((seq - slice.firstSeq + 1) % BATCH === 0) {
      if (control.cancelled?.()) throw new ExportCancelled()
      control.onProgress?.(seq - slice.firstSeq + 1, slice.events, 'events')
    }
  }
  if (expectedSeq !== slice.lastSeq + 1)
    throw new ChainBrokenError(expectedSeq, `Audit event #${expectedSeq} is missing.`)
  sink.write('\n' + BUNDLE_TRAILER)
  control.onProgress?.(slice.events, slice.events, 'events')
  return { events: slice.events, firstSeq: slice.firstSeq, lastSeq: slice.lastSeq, headHash: slice.headHash }
}

/** Rows of a seq range a page at a time (fewer crossings into SQLite than iterate(), memory bounded). */
function* pages(statement: { all(a: number, b: number): unknown[] }, first: number, last: number): Generator<unknown> {
  for (let start = first; start <= last; start += 4096) yield* statement.all(start, Math.min(last, start + 4095))
}

export class ChainBrokenError extends Error {
  constructor(
    readonly seq: number,
    message: string,
  ) {
    super(message)
    this.name = 'ChainBrokenError'
  }
}
