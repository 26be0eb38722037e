import type { Db } from '../db/open'
import {
  ACTIVITY_EVENTS_SQL,
  ACTIVITY_KEYS,
  ACTIVITY_PAGE,
  ACTIVITY_SOURCES,
  EventView,
  activityFiller,
  resetRow,
  type ActivityEventRow,
  type ActivityRow,
  type ActivitySource,
  type SeqRange,
} from './activity'
import { CSV_EOL, csvCell } from './csv'

/** Where CSV text goes: the export file (FileSink) or a chunk held in memory (MemorySink). */
export interface TextSink {
  write(text: string): void
}

const BATCH = 4096

/**
 * CSV rows (no header) of a seq range; `tick` runs every few thousand rows and may throw to stop.
 *
 * The inner loop of a million-row export that must stay within 2× of `sqlite3 -csv`, so it allocates as little as
 * it can per event: one row object and one event view reused for every event (sources never keep them), a cell
 * escaped only when it is not empty (most of the 30 are), one string per line encoded straight into the sink's
 * buffer. Same cells, same order, same escaping as `treasuryActivityRows` + `csvLine` (the tests compare them).
 */
export function writeActivityRows(
  db: Db,
  range: SeqRange,
  sink: TextSink,
  tick: (done: number) => void,
  sources: readonly ActivitySource[] = ACTIVITY_SOURCES,
): number {
  const fill = activityFiller(db, sources)
  const statement = db.prepare(ACTIVITY_EVENTS_SQL).raw(true)
  const event = new EventView()
  const row = {} as ActivityRow
  const keys = ACTIVITY_KEYS
  const n = keys.length
  const cells: string[] = new Array<string>(n)
  let done = 0
  for (let first = range.firstSeq; first <= range.lastSeq; first += ACTIVITY_PAGE) {
    const page = statement.all(first, Math.min(range.lastSeq, first + ACTIVITY_PAGE - 1)) as ActivityEventRow[]
    for (let r = 0; r < page.length; r++) {
      event.reset(page[r])
      resetRow(row, event)
      fill(row, event)
      for (let i = 0; i < n; i++) {
        const value = row[keys[i]]
        cells[i] = value === '' ? '' : csvCell(value)
      }
      // join() allocates the line once; concatenating 60 pieces cost ~10% more.
      sink.write(cells.join(',') + CSV_EOL)
      if (++done % BATCH === 0) tick(done)
    }
  }
  return done
}
