import type { Db } from '../db/open'
import { cachedStatement } from '../db/statements'
import { GENESIS_HASH, eventHash, parsedEventHash, type AuditEventFields } from './hash-chain'

export interface StoredAuditEvent extends AuditEventFields {
  prevHash: string
  hash: string
}

export interface NewAuditEvent {
  /** Who acted: a signer's or payer's address, or WORKSPACE_USER (core/workspace) for nobody in particular. */
  actor: string
  action: string
  subject: string
  payload?: unknown
}

export interface ChainVerdict {
  ok: boolean
  events: number
  headHash: string | null
  firstBadSeq?: number
  reason?: string
}

/** An audit_events row as SQLite returns it. */
export interface AuditEventRow {
  seq: number
  at: string
  actor: string
  action: string
  subject: string
  payload: string
  prev_hash: string
  hash: string
}

function fromRow(row: AuditEventRow): StoredAuditEvent {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    payload: JSON.parse(row.payload),
    prevHash: row.prev_hash,
    hash: row.hash,
  }
}

const HEAD_SQL = 'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1'
const INSERT_SQL =
  'INSERT INTO audit_events (seq, at, actor, action, subject, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
const COUNT_RANGE_SQL = `INSERT INTO audit_day_counts (day, actor, events)
  SELECT substr(at, 1, 10), actor, count(*) FROM audit_events WHERE seq BETWEEN ? AND ? GROUP BY 1, 2
  ON CONFLICT (day, actor) DO UPDATE SET events = events + excluded.events`

/**
 * Appends one event. Call it inside the same transaction as the change it records (see `mutate`), so the
 * change and its audit event commit or roll back together.
 */
export function appendAuditEvent(db: Db, event: NewAuditEvent, now: Date = new Date()): StoredAuditEvent {
  // Alone, the event and its day count still commit together.
  if (!db.inTransaction) return db.transaction(() => appendAuditEvent(db, event, now))()
  const stored = insertAuditEvent(db, event, now, headOf(db))
  countAuditEvents(db, stored.seq, stored.seq)
  return stored
}

/**
 * Appends many events at once (an import's one per voter), in order, each as `appendAuditEvent` would; their day
 * counts are added by one statement at the end instead of one upsert an event. Call it inside the transaction of
 * the change they record.
 */
export function appendAuditEvents(db: Db, events: Iterable<NewAuditEvent>, now: Date = new Date()): void {
  if (!db.inTransaction) return db.transaction(() => appendAuditEvents(db, events, now))()
  // The head read once: each event links to the one appended before it.
  let head = headOf(db)
  let first = 0
  for (const event of events) {
    head = insertAuditEvent(db, event, now, head)
    first ||= head.seq
  }
  if (first) countAuditEvents(db, first, head!.seq)
}

/**
 * Adds the events seq `first`…`last` (already inserted, not yet counted) to `audit_day_counts`, the per-day and
 * per-actor counts the reports read (migration 0014). The appenders above call it; so must anything that inserts
 * into audit_events by hand (test and bench fixtures), in the inserting transaction. Counting here instead of in a
 * trigger (dropped by 0025) spares a bulk append one trigger run an event: ~2 s of an 80,000-vote import.
 */
export function countAuditEvents(db: Db, first: number, last: number): void {
  cachedStatement(db, COUNT_RANGE_SQL).run(first, last)
}

type Head = { seq: number; hash: string } | undefined

// Cached statements: an import of 80,000 votes appends one event per voter, and compiling the SQL each time cost
// more than the event's hash.
const headOf = (db: Db) => cachedStatement(db, HEAD_SQL).get() as Head

function insertAuditEvent(db: Db, event: NewAuditEvent, now: Date, head: Head): StoredAuditEvent {
  // Every event names who acted; an empty actor would read as nobody in the trail, the CSV and participation.
  if (!event.actor.trim()) throw new Error(`audit event ${event.action} has no actor`)
  // Round-trip the payload through JSON so the stored text and the hashed value are the same thing (JSON.stringify
  // of its own output's parse gives that output again, so the text is stored as first written).
  const text = JSON.stringify(event.payload ?? null)
  const payload = JSON.parse(text)
  const fields: AuditEventFields = {
    seq: (head?.seq ?? 0) + 1,
    at: now.toISOString(),
    actor: event.actor,
    action: event.action,
    subject: event.subject,
    payload,
  }
  const prevHash = head?.hash ?? GENESIS_HASH
  // The payload came out of JSON.parse, so the bulk path's hash applies (tests hold it equal to `eventHash`).
  const hash = parsedEventHash(prevHash, fields.seq, fields.at, fields.actor, fields.action, fields.subject, payload)
  cachedStatement(db, INSERT_SQL).run(
    fields.seq,
    fields.at,
    fields.actor,
    fields.action,
    fields.subject,
    text,
    prevHash,
    hash,
  )
  return { ...fields, prevHash, hash }
}

export function auditHead(db: Db): { events: number; headHash: string | null } {
  const head = db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined
  return { events: head?.seq ?? 0, headHash: head?.hash ?? null }
}

export function listAuditEvents(db: Db, opts: { beforeSeq?: number; limit: number }): StoredAuditEvent[] {
  const rows = db
    .prepare('SELECT * FROM audit_events WHERE seq < ? ORDER BY seq DESC LIMIT ?')
    .all(opts.beforeSeq ?? Number.MAX_SAFE_INTEGER, opts.limit) as AuditEventRow[]
  return rows.map(fromRow)
}

/** Walks the whole chain; the first event whose link or hash is wrong is named, since all later ones are suspect. */
export function verifyAuditChain(db: Db): ChainVerdict {
  let prevHash = GENESIS_HASH
  let expectedSeq = 1
  let count = 0
  for (const row of db
    .prepare('SELECT * FROM audit_events ORDER BY seq')
    .iterate() as IterableIterator<AuditEventRow>) {
    const bad = (reason: string): ChainVerdict => ({
      ok: false,
      events: count,
      headHash: prevHash === GENESIS_HASH ? null : prevHash,
      firstBadSeq: row.seq,
      reason,
    })
    if (row.seq !== expectedSeq) return bad(`sequence gap: expected ${expectedSeq}, found ${row.seq}`)
    if (row.prev_hash !== prevHash) return bad('link to the previous event is broken')
    let event: StoredAuditEvent
    try {
      event = fromRow(row)
    } catch {
      return bad('payload is not valid JSON')
    }
    if (eventHash(prevHash, event) !== row.hash) return bad('event content does not match its hash')
    prevHash = row.hash
    expectedSeq++
    count++
  }
  return { ok: true, events: count, headHash: count ? prevHash : null }
}
