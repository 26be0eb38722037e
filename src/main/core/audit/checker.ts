import { parsedEventHash } from './hash-chain'
import type { BundleHeader, BundleVerdict } from './bundle'

/**
 * Walking a bundle's events: kept apart from the bundle format (zod, ethers for the anchor) so the verification
 * worker threads load only this and the hash.
 */
const EVENT_KEYS = new Set(['seq', 'at', 'actor', 'action', 'subject', 'payload', 'prevHash', 'hash'])

/**
 * Checks events one by one against a header: sequence without gaps, each prevHash the hash before it, each hash
 * recomputed from the content; then that the last one is the header's head and the anchor (if any) signs it.
 */
export class BundleChecker {
  private expectedSeq: number
  private prev: string
  private count = 0
  private failure: CheckerState['failure'] = null

  constructor(readonly header: BundleHeader) {
    this.expectedSeq = header.range.firstSeq
    this.prev = header.prevHash
  }

  get failed(): boolean {
    return this.failure !== null
  }

  /** Marks the bundle bad at the next expected event (used for unparsable lines). */
  fail(reason: string, line?: number): void {
    if (!this.failure) this.failure = { firstBadSeq: this.expectedSeq, reason, ...(line ? { line } : {}) }
  }

  /** Returns false once the bundle is known bad; the caller may stop reading. */
  event(value: unknown, line?: number): boolean {
    if (this.failure) return false
    const problem = this.check(value)
    if (problem === null) return true
    this.fail(problem, line)
    return false
  }

  /** null when the event is good (and then the chain advances), else what is wrong with it. */
  private check(value: unknown): string | null {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'an event is not an object'
    const e = value as Record<string, unknown>
    for (const key in e) if (!EVENT_KEYS.has(key)) return `event has an unexpected field "${key}"`
    if (e.seq !== this.expectedSeq)
      return `sequence broken: expected event #${this.expectedSeq}, found ${JSON.stringify(e.seq) ?? 'none'}`
    const { at, actor, action, subject, prevHash, hash } = e
    if (
      typeof at !== 'string' ||
      typeof actor !== 'string' ||
      typeof action !== 'string' ||
      typeof subject !== 'string' ||
      typeof prevHash !== 'string' ||
      typeof hash !== 'string'
    )
      return 'an event field (at, actor, action, subject, prevHash, hash) is missing or not text'
    if (!('payload' in e)) return 'event field "payload" is missing'
    if (prevHash !== this.prev) return 'link to the previous event is broken (prevHash differs)'
    let recomputed: string
    try {
      recomputed = parsedEventHash(this.prev, this.expectedSeq, at, actor, action, subject, e.payload)
    } catch (error) {
      return `event cannot be hashed: ${(error as Error).message}`
    }
    if (recomputed !== hash) return 'event content does not match its hash'
    this.prev = recomputed
    this.expectedSeq++
    this.count++
    return null
  }

  /** Where the walk stands: how many good events, the next expected seq, the last good hash, the first failure. */
  state(): CheckerState {
    return { count: this.count, expectedSeq: this.expectedSeq, prev: this.prev, failure: this.failure }
  }
}

export interface CheckerState {
  count: number
  expectedSeq: number
  prev: string
  failure: Pick<BundleVerdict, 'firstBadSeq' | 'line' | 'reason'> | null
}

/** What a worker reports about one batch of consecutive event lines (see `checkEventBatch`). */
export interface BatchResult {
  /** The first event's own seq and prevHash, to be joined to the batch before it; null if it did not parse. */
  firstSeq: number | null
  firstPrev: string | null
  count: number
  lastHash: string
  /** Index into the batch of the first bad line, and why. */
  failure: { index: number; reason: string } | null
}

/**
 * Checks a batch of event lines (JSON text, no trailing comma) on their own: each hash recomputed from its content
 * and its stated prevHash, links and sequence inside the batch. Joining batches (first seq and prevHash against the
 * batch before) is the caller's, so batches can be checked in parallel with the same verdict as a sequential walk.
 */
export function checkEventBatch(lines: readonly string[]): BatchResult {
  let checker: BundleChecker | null = null
  let firstSeq: number | null = null
  let firstPrev: string | null = null
  for (let i = 0; i < lines.length; i++) {
    let event: unknown
    try {
      event = JSON.parse(lines[i])
    } catch {
      const done = checker?.state()
      return {
        firstSeq,
        firstPrev,
        count: done?.count ?? 0,
        lastHash: done?.prev ?? '',
        failure: { index: i, reason: 'not a valid JSON event' },
      }
    }
    if (checker === null) {
      const e = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>
      firstSeq = Number.isSafeInteger(e.seq) && (e.seq as number) > 0 ? (e.seq as number) : null
      firstPrev = typeof e.prevHash === 'string' ? e.prevHash : null
      checker = new BundleChecker({
        range: { firstSeq: firstSeq ?? -1 },
        prevHash: firstPrev ?? '',
      } as BundleHeader)
    }
    if (!checker.event(event, i + 1)) {
      const done = checker.state()
      return {
        firstSeq,
        firstPrev,
        count: done.count,
        lastHash: done.prev,
        failure: { index: (done.failure!.line ?? 1) - 1, reason: done.failure!.reason! },
      }
    }
  }
  const done = checker?.state()
  return { firstSeq, firstPrev, count: done?.count ?? 0, lastHash: done?.prev ?? '', failure: null }
}
