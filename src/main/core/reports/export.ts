import type { Db } from '../db/open'
import {
  BUNDLE_FORMAT,
  BUNDLE_TRAILER,
  BUNDLE_VERSION,
  HASH_RULE,
  auditSlice,
  bundleHeaderLine,
  toPeriod,
  writeBundleEvents,
  type AuditAnchor,
  type AuditSlice,
  type PeriodInput,
} from '../audit'
import { ACTIVITY_HEADERS, warmTokenChecksums, type ActivitySource } from './activity'
import { writeActivityRows } from './csv-rows'
import { writeActivityRowsParallel, writeBundleEventsParallel } from './csv-parallel'
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

/** Below this a helper thread's start-up costs more than it saves. */
const PARALLEL_CSV_FROM = 100_000
/** The bundle re-hashes every event, so helpers pay for themselves on shorter slices than the CSV. */
const PARALLEL_BUNDLE_FROM = 50_000

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
    else if (spec.format === 'json') outcome = await writeAuditBundle(db, spec, slice, sink, control)
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
 * accept, and a database changed behind its back is named here instead of in the auditor's hands. A long slice is
 * written in chunks by this thread and the helpers, like the CSV (the re-hash is most of the cost).
 */
export async function writeAuditBundle(
  db: Db,
  spec: ExportSpec,
  slice: AuditSlice | null,
  sink: FileSink,
  control: ExportControl,
): Promise<Omit<ExportOutcome, 'file' | 'bytes'>> {
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
  const start = { firstSeq: slice.firstSeq, lastSeq: slice.lastSeq, prevHash: slice.prevHash }
  if ((control.helpers ?? 0) > 0 && slice.events >= PARALLEL_BUNDLE_FROM && !db.memory && workerEntry())
    await writeBundleEventsParallel(db, slice, start, sink, {
      helpers: control.helpers ?? 0,
      nativeBinding: control.nativeBinding,
      startHelper: (data, transfer) => startCoreWorker(data, { transferList: transfer }),
      cancelled: () => control.cancelled?.() ?? false,
      onProgress: (done) => control.onProgress?.(done, slice.events, 'events'),
    })
  else
    writeBundleEvents(db, slice, start, sink, (done) => {
      if (control.cancelled?.()) throw new ExportCancelled()
      control.onProgress?.(done, slice.events, 'events')
    })
  sink.write('\n' + BUNDLE_TRAILER)
  control.onProgress?.(slice.events, slice.events, 'events')
  return { events: slice.events, firstSeq: slice.firstSeq, lastSeq: slice.lastSeq, headHash: slice.headHash }
}

export { ChainBrokenError } from '../audit'
