import type { Db } from '../db/open'
import { parsedEventHash } from './hash-chain'

/** Where bundle lines go: the export file, or a chunk held in memory until its turn (see reports/csv-parallel). */
export interface BundleTextSink {
  write(text: string): void
}

/** The exported slice: its first and last event and the hash before the first (see AuditSlice). */
export interface BundleStart {
  firstSeq: number
  lastSeq: number
  prevHash: string
}

/** The stored audit chain does not re-hash: the export stops instead of handing out a bundle that would not verify. */
export class ChainBrokenError extends Error {
  constructor(
    readonly seq: number,
    message: string,
  ) {
    super(message)
    this.name = 'ChainBrokenError'
  }
}

const PAGE = 4096

/**
 * One event as a line, built from the stored row. `payloadJson` is the stored JSON text, spliced in unchanged so
 * the file carries exactly what was hashed (the store writes it with JSON.stringify of the hashed value).
 */
export function bundleEventLine(
  seq: number,
  at: string,
  actor: string,
  action: string,
  subject: string,
  payloadJson: string,
  prevHash: string,
  hash: string,
): string {
  return (
    `{"seq":${seq},"at":${JSON.stringify(at)},"actor":${JSON.stringify(actor)},"action":${JSON.stringify(action)},` +
    `"subject":${JSON.stringify(subject)},"payload":${payloadJson},"prevHash":"${prevHash}","hash":"${hash}"}`
  )
}

/**
 * The event lines of `range` (part of the slice that begins at `start`), each re-hashed from its stored content on
 * the way out. A range is self-contained: its first link is checked against the stored hash of the event before
 * it (itself re-hashed by whoever writes that range), so ranges can be written by several threads and joined in
 * order, and the bytes are those of one walk over the slice. `tick` runs every few thousand events and may throw
 * to stop.
 */
export function writeBundleEvents(
  db: Db,
  range: { firstSeq: number; lastSeq: number },
  start: BundleStart,
  sink: BundleTextSink,
  tick: (done: number) => void = () => {},
): number {
  const broken = (seq: number, why: string) =>
    new ChainBrokenError(
      seq,
      `The audit chain is broken at event #${seq} (${why}); a bundle of it would not verify. Export the period before it, and investigate the workspace.`,
    )
  let prev: string
  if (range.firstSeq === start.firstSeq) prev = start.prevHash
  else {
    const before = db
      .prepare('SELECT hash FROM audit_events WHERE seq = ?')
      .pluck()
      .get(range.firstSeq - 1)
    // The range before this one names the missing event itself; this only keeps the link check honest.
    if (typeof before !== 'string')
      throw new ChainBrokenError(range.firstSeq - 1, `Audit event #${range.firstSeq - 1} is missing.`)
    prev = before
  }
  const statement = db
    .prepare(
      'SELECT seq, at, actor, action, subject, payload, prev_hash, hash FROM audit_events WHERE seq BETWEEN ? AND ? ORDER BY seq',
    )
    .raw(true)
  let expectedSeq = range.firstSeq
  for (let first = range.firstSeq; first <= range.lastSeq; first += PAGE) {
    const page = statement.all(first, Math.min(range.lastSeq, first + PAGE - 1)) as Array<
      [number, string, string, string, string, string, string, string]
    >
    for (let i = 0; i < page.length; i++) {
      const [seq, at, actor, action, subject, payload, prevHash, hash] = page[i]
      if (seq !== expectedSeq) throw broken(seq, `expected #${expectedSeq}`)
      if (prevHash !== prev) throw broken(seq, 'its link to the previous event is wrong')
      let parsed: unknown
      try {
        parsed = JSON.parse(payload)
      } catch {
        throw broken(seq, 'its payload is not JSON')
      }
      if (parsedEventHash(prev, seq, at, actor, action, subject, parsed) !== hash)
        throw broken(seq, 'its content does not match its hash')
      sink.write(
        (seq === start.firstSeq ? '' : ',\n') +
          bundleEventLine(seq, at, actor, action, subject, payload, prevHash, hash),
      )
      prev = hash
      if (++expectedSeq % PAGE === 0) tick(expectedSeq - range.firstSeq)
    }
  }
  if (expectedSeq !== range.lastSeq + 1) {
    // Events missing at the end of a range: name what a walk over the whole slice would meet next.
    const next =
      range.lastSeq < start.lastSeq
        ? db
            .prepare('SELECT min(seq) FROM audit_events WHERE seq > ? AND seq <= ?')
            .pluck()
            .get(range.lastSeq, start.lastSeq)
        : null
    if (typeof next === 'number') throw broken(next, `expected #${expectedSeq}`)
    throw new ChainBrokenError(expectedSeq, `Audit event #${expectedSeq} is missing.`)
  }
  return expectedSeq - range.firstSeq
}
