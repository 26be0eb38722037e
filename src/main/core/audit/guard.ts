import type Database from 'better-sqlite3'
import type { Db } from '../db/open'
import { GENESIS_HASH, eventHash } from './hash-chain'
import type { AuditEventRow as Row, ChainVerdict, StoredAuditEvent } from './log'

/**
 * Start-up without waiting for a walk over a million audit events, and without losing the guarantee that a broken
 * chain is found and shown:
 *  - at start, synchronously: the last verified checkpoint's own event (its content still hashes to the recorded
 *    hash) and every event after it: the recent history, in milliseconds;
 *  - then, in time slices on the event loop (never blocking the API for more than a slice), the whole chain again
 *    from the genesis hash, exactly as `verifyAuditChain` does; when it passes, the head becomes the new checkpoint.
 * `audit.verify` (the AuditBanner on every page) answers with the full walk's verdict: it waits for the walk in
 * progress rather than a stale or partial one, so a tampered old event still shows as soon as the walk reaches it.
 * A checkpoint is only a shortcut for the early check; it is never trusted instead of the full walk.
 */
export interface AuditCheckpoint {
  seq: number
  hash: string
  verifiedAt: string
}

export function readAuditCheckpoint(db: Db): AuditCheckpoint | null {
  const row = db.prepare('SELECT seq, hash, verified_at FROM audit_checkpoints ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string; verified_at: string } | undefined
  return row ? { seq: row.seq, hash: row.hash, verifiedAt: row.verified_at } : null
}

/** Records that events 1..seq were verified with `hash` as the last one's. Not an audited change: bookkeeping. */
export function saveAuditCheckpoint(db: Db, seq: number, hash: string, now = new Date()): void {
  db.prepare(
    `INSERT INTO audit_checkpoints (seq, hash, verified_at) VALUES (?, ?, ?)
     ON CONFLICT(seq) DO UPDATE SET hash = excluded.hash, verified_at = excluded.verified_at`,
  ).run(seq, hash, now.toISOString())
  // One row is enough; older ones say less.
  db.prepare('DELETE FROM audit_checkpoints WHERE seq < ?').run(seq)
}

/** Walks events with seq > `after` (in pages of `page`), starting from `prevHash`; null when all are good. */
class ChainWalker {
  private readonly page: Database.Statement<[number, number], Row>
  expectedSeq: number
  prevHash: string
  count = 0
  failure: { seq: number; reason: string } | null = null

  constructor(
    db: Db,
    after: number,
    prevHash: string,
    private readonly pageSize = 2000,
  ) {
    this.page = db.prepare('SELECT * FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ?')
    this.expectedSeq = after + 1
    this.prevHash = prevHash
  }

  /** Checks the next page; false when the walk is over (end of the chain or a bad event). */
  step(): boolean {
    if (this.failure) return false
    const rows = this.page.all(this.expectedSeq - 1, this.pageSize)
    for (const row of rows) {
      const reason = checkRow(row, this.expectedSeq, this.prevHash)
      if (reason) {
        this.failure = { seq: row.seq, reason }
        return false
      }
      this.prevHash = row.hash
      this.expectedSeq++
      this.count++
    }
    return rows.length === this.pageSize
  }
}

function checkRow(row: Row, expectedSeq: number, prevHash: string): string | null {
  if (row.seq !== expectedSeq) return `sequence gap: expected ${expectedSeq}, found ${row.seq}`
  if (row.prev_hash !== prevHash) return 'link to the previous event is broken'
  let event: StoredAuditEvent
  try {
    event = { ...row, payload: JSON.parse(row.payload), prevHash: row.prev_hash }
  } catch {
    return 'payload is not valid JSON'
  }
  if (eventHash(prevHash, event) !== row.hash) return 'event content does not match its hash'
  return null
}

function verdictOf(walker: ChainWalker, before: number): ChainVerdict {
  const events = before + walker.count
  const headHash = events ? walker.prevHash : null
  return walker.failure
    ? { ok: false, events, headHash, firstBadSeq: walker.failure.seq, reason: walker.failure.reason }
    : { ok: true, events, headHash }
}

/**
 * The quick check: the checkpoint's own event (still there, same hash, its content still hashing to it) and every
 * event after it. Without a checkpoint it checks nothing and says so (`events: 0`); the full walk then decides.
 */
export function verifyAuditTail(db: Db, checkpoint: AuditCheckpoint | null = readAuditCheckpoint(db)): ChainVerdict {
  if (!checkpoint) return { ok: true, events: 0, headHash: null }
  const row = db.prepare('SELECT * FROM audit_events WHERE seq = ?').get(checkpoint.seq) as Row | undefined
  const bad = (reason: string): ChainVerdict => ({
    ok: false,
    events: checkpoint.seq - 1,
    headHash: null,
    firstBadSeq: checkpoint.seq,
    reason,
  })
  if (!row) return bad(`event #${checkpoint.seq}, verified earlier, is missing`)
  if (row.hash !== checkpoint.hash) return bad('event hash differs from the one verified earlier')
  const reason = checkRow(row, checkpoint.seq, row.prev_hash)
  if (reason) return bad(reason)
  return verifyAuditFrom(db, checkpoint.seq, checkpoint.hash)
}

/** Every event after `seq`, linked from `hash` (the hash of event `seq`, or the genesis hash for 0). */
export function verifyAuditFrom(db: Db, seq: number, hash: string): ChainVerdict {
  const walker = new ChainWalker(db, seq, hash)
  while (walker.step());
  return verdictOf(walker, seq)
}

/**
 * The whole chain from the genesis hash, like `verifyAuditChain`, but in slices of about `sliceMs` with the event
 * loop free in between (the connection is not held between pages, so API calls run in the gaps).
 */
export async function verifyAuditChainSliced(db: Db, options: { sliceMs?: number } = {}): Promise<ChainVerdict> {
  const sliceMs = options.sliceMs ?? 10
  const walker = new ChainWalker(db, 0, GENESIS_HASH, 500)
  for (;;) {
    const until = performance.now() + sliceMs
    let more = true
    while (more && performance.now() < until) more = walker.step()
    if (!more || !db.open) break
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
  return verdictOf(walker, 0)
}

/** How long a passed full walk answers `audit.verify` (with the events since checked on top) before another runs. */
const FULL_WALK_FRESH_MS = 60_000

export class AuditGuard {
  /** The quick check made at start. */
  readonly early: ChainVerdict
  private walk: Promise<ChainVerdict> | null = null
  private last: { verdict: ChainVerdict; at: number } | null = null
  private closed = false

  constructor(
    private readonly db: Db,
    private readonly log: (line: string) => void = () => {},
    private readonly options: { sliceMs?: number } = {},
  ) {
    this.early = verifyAuditTail(db)
    if (!this.early.ok) this.report(this.early)
  }

  /** Starts the full walk (or joins the one running). */
  private fullWalk(): Promise<ChainVerdict> {
    if (this.walk) return this.walk
    this.walk = verifyAuditChainSliced(this.db, this.options)
      .then((verdict) => {
        this.last = { verdict, at: Date.now() }
        if (verdict.ok && verdict.headHash && !this.closed) {
          try {
            saveAuditCheckpoint(this.db, verdict.events, verdict.headHash)
          } catch {
            // A read-only or closing database: the next start simply checks more.
          }
        }
        if (!verdict.ok && this.early.ok) this.report(verdict)
        return verdict
      })
      .finally(() => {
        this.walk = null
      })
    return this.walk
  }

  /** Starts the background walk now (after start-up). */
  start(): void {
    if (this.early.ok) void this.fullWalk().catch(() => {})
  }

  /** The chain's verdict for `audit.verify`: a broken one at once, else the (recent) full walk's. */
  async verdict(): Promise<ChainVerdict> {
    if (!this.early.ok) return this.early
    if (this.last && !this.last.verdict.ok) return this.last.verdict
    if (this.last && Date.now() - this.last.at < FULL_WALK_FRESH_MS && !this.walk)
      // Events appended since the walk: checked from its head, in milliseconds.
      return verifyAuditFrom(this.db, this.last.verdict.events, this.last.verdict.headHash ?? GENESIS_HASH)
    return this.fullWalk()
  }

  close(): void {
    this.closed = true
  }

  private report(verdict: ChainVerdict): void {
    this.log(
      `AUDIT CHAIN BROKEN at event #${verdict.firstBadSeq}: ${verdict.reason}. The app shows this on every page.`,
    )
  }
}

const guards = new WeakMap<Db, AuditGuard>()

/**
 * Called once at start (boot.ts): the quick check now, the full walk in the background; `auditVerdict(db)` then
 * answers from it.
 */
export function guardAuditChain(
  db: Db,
  log?: (line: string) => void,
  options: { background?: boolean } = {},
): AuditGuard {
  const guard = new AuditGuard(db, log)
  guards.set(db, guard)
  // The one-shot CLI walks only when asked (`audit verify-db`), not behind every command.
  if (options.background !== false) guard.start()
  return guard
}

/** The verdict `audit.verify` gives: the guard's when the workspace has one, else a fresh full walk. */
export function auditVerdict(db: Db): Promise<ChainVerdict> {
  return guards.get(db)?.verdict() ?? verifyAuditChainSliced(db)
}
