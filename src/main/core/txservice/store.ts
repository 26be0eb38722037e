import type { Db } from '../db/open'
import type { ServiceEndpoint } from './client'

export interface OutboxItem {
  id: number
  chainId: number
  safe: string
  safeTxHash: string
  signer: string
  status: 'pending' | 'delivered' | 'refused' | 'cancelled'
  attempts: number
  nextAttemptAt: string
  lastError: string | null
  postedAs: 'proposal' | 'confirmation' | 'already_there' | null
  createdAt: string
  updatedAt: string
}

export interface Refusal {
  chainId: number
  safe: string
  safeTxHash: string
  owner: string | null
  reason: string
  firstSeenAt: string
  lastSeenAt: string
}

export interface PulledRecord {
  chainId: number
  safe: string
  safeTxHash: string
  proposalId: number
  origin: string | null
  pulledAt: string
}

// --- configuration ---

export function getEndpoint(db: Db, chainId: number): ServiceEndpoint | null {
  const row = db.prepare('SELECT url, api_key FROM txservice_config WHERE chain_id = ?').get(chainId) as
    { url: string | null; api_key: string | null } | undefined
  return row ? { chainId, url: row.url, apiKey: row.api_key } : null
}

export function listEndpoints(db: Db): Array<ServiceEndpoint & { updatedAt: string }> {
  const rows = db.prepare('SELECT * FROM txservice_config ORDER BY chain_id').all() as Array<{
    chain_id: number
    url: string | null
    api_key: string | null
    updated_at: string
  }>
  return rows.map((r) => ({ chainId: r.chain_id, url: r.url, apiKey: r.api_key, updatedAt: r.updated_at }))
}

/** Call inside a mutation. */
export function saveEndpoint(db: Db, e: ServiceEndpoint, now = new Date()): void {
  db.prepare(
    `INSERT INTO txservice_config (chain_id, url, api_key, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (chain_id) DO UPDATE SET url = excluded.url, api_key = excluded.api_key, updated_at = excluded.updated_at`,
  ).run(e.chainId, e.url, e.apiKey, now.toISOString())
}

/** Call inside a mutation. */
export function removeEndpoint(db: Db, chainId: number): boolean {
  return db.prepare('DELETE FROM txservice_config WHERE chain_id = ?').run(chainId).changes > 0
}

// --- outbox ---

interface OutboxRow {
  id: number
  chain_id: number
  safe_address: string
  safe_tx_hash: string
  signer: string
  status: OutboxItem['status']
  attempts: number
  next_attempt_at: string
  last_error: string | null
  posted_as: OutboxItem['postedAs']
  created_at: string
  updated_at: string
}

function outboxFromRow(r: OutboxRow): OutboxItem {
  return {
    id: r.id,
    chainId: r.chain_id,
    safe: r.safe_address,
    safeTxHash: r.safe_tx_hash,
    signer: r.signer,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    postedAs: r.posted_as,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

/** Queues one signature for the service unless it is queued already. Call inside a mutation; true when added. */
export function enqueue(
  db: Db,
  item: { chainId: number; safe: string; safeTxHash: string; signer: string },
  now = new Date(),
): boolean {
  const at = now.toISOString()
  return (
    db
      .prepare(
        `INSERT INTO txservice_outbox (chain_id, safe_address, safe_tx_hash, signer, status, next_attempt_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'pending', ?, ?, ?) ON CONFLICT (chain_id, safe_tx_hash, signer) DO NOTHING`,
      )
      .run(item.chainId, item.safe, item.safeTxHash.toLowerCase(), item.signer, at, at, at).changes > 0
  )
}

export function getOutboxItem(db: Db, id: number): OutboxItem | null {
  const row = db.prepare('SELECT * FROM txservice_outbox WHERE id = ?').get(id) as OutboxRow | undefined
  return row ? outboxFromRow(row) : null
}

export function listOutbox(db: Db, chainId?: number, limit = 500): OutboxItem[] {
  const rows = (
    chainId === undefined
      ? db.prepare('SELECT * FROM txservice_outbox ORDER BY id DESC LIMIT ?').all(limit)
      : db.prepare('SELECT * FROM txservice_outbox WHERE chain_id = ? ORDER BY id DESC LIMIT ?').all(chainId, limit)
  ) as OutboxRow[]
  return rows.map(outboxFromRow)
}

/** Pending items whose next attempt is due, oldest first (a proposal before its confirmations). */
export function dueOutbox(db: Db, chainId: number, now = new Date(), ignoreBackoff = false): OutboxItem[] {
  const rows = db
    .prepare(
      `SELECT * FROM txservice_outbox WHERE chain_id = ? AND status = 'pending' ${ignoreBackoff ? '' : 'AND next_attempt_at <= ?'}
       ORDER BY id`,
    )
    .all(...(ignoreBackoff ? [chainId] : [chainId, now.toISOString()])) as OutboxRow[]
  return rows.map(outboxFromRow)
}

/** Call inside a mutation. */
export function updateOutbox(
  db: Db,
  id: number,
  change: Partial<Pick<OutboxItem, 'status' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'postedAs'>>,
  now = new Date(),
): void {
  const current = getOutboxItem(db, id)
  if (!current) return
  const next = { ...current, ...change }
  db.prepare(
    `UPDATE txservice_outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, posted_as = ?, updated_at = ?
     WHERE id = ?`,
  ).run(next.status, next.attempts, next.nextAttemptAt, next.lastError, next.postedAs, now.toISOString(), id)
}

// --- pulled and refused ---

/** Call inside a mutation. */
export function recordPulled(db: Db, r: Omit<PulledRecord, 'pulledAt'>, now = new Date()): void {
  db.prepare(
    `INSERT INTO txservice_pulled (chain_id, safe_address, safe_tx_hash, proposal_id, origin, pulled_at)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (chain_id, safe_tx_hash) DO NOTHING`,
  ).run(r.chainId, r.safe, r.safeTxHash.toLowerCase(), r.proposalId, r.origin, now.toISOString())
}

export function listPulled(db: Db, chainId?: number): PulledRecord[] {
  const rows = (
    chainId === undefined
      ? db.prepare('SELECT * FROM txservice_pulled ORDER BY pulled_at DESC').all()
      : db.prepare('SELECT * FROM txservice_pulled WHERE chain_id = ? ORDER BY pulled_at DESC').all(chainId)
  ) as Array<{
    chain_id: number
    safe_address: string
    safe_tx_hash: string
    proposal_id: number
    origin: string | null
    pulled_at: string
  }>
  return rows.map((r) => ({
    chainId: r.chain_id,
    safe: r.safe_address,
    safeTxHash: r.safe_tx_hash,
    proposalId: r.proposal_id,
    origin: r.origin,
    pulledAt: r.pulled_at,
  }))
}

/** Whether a proposal came from the service (the queue marks it). */
export function pulledProposalIds(db: Db, ids: number[]): Set<number> {
  if (ids.length === 0) return new Set()
  const rows = db
    .prepare(`SELECT proposal_id FROM txservice_pulled WHERE proposal_id IN (${ids.map(() => '?').join(',')})`)
    .all(...ids) as Array<{ proposal_id: number }>
  return new Set(rows.map((r) => r.proposal_id))
}

/** Call inside a mutation; true when this refusal is new (not seen on an earlier pull). */
export function recordRefusal(
  db: Db,
  r: { chainId: number; safe: string; safeTxHash: string; owner: string | null; reason: string },
  now = new Date(),
): boolean {
  const at = now.toISOString()
  const result = db
    .prepare(
      `INSERT INTO txservice_refusals (chain_id, safe_address, safe_tx_hash, owner, reason, first_seen_at, last_seen_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (chain_id, safe_tx_hash, owner) DO UPDATE SET reason = excluded.reason, last_seen_at = excluded.last_seen_at
       RETURNING first_seen_at`,
    )
    .get(r.chainId, r.safe, r.safeTxHash.toLowerCase(), r.owner ?? '', r.reason, at, at) as { first_seen_at: string }
  return result.first_seen_at === at
}

export function listRefusals(db: Db, chainId?: number, limit = 500): Refusal[] {
  const rows = (
    chainId === undefined
      ? db.prepare('SELECT * FROM txservice_refusals ORDER BY last_seen_at DESC, id DESC LIMIT ?').all(limit)
      : db
          .prepare('SELECT * FROM txservice_refusals WHERE chain_id = ? ORDER BY last_seen_at DESC, id DESC LIMIT ?')
          .all(chainId, limit)
  ) as Array<{
    chain_id: number
    safe_address: string
    safe_tx_hash: string
    owner: string
    reason: string
    first_seen_at: string
    last_seen_at: string
  }>
  return rows.map((r) => ({
    chainId: r.chain_id,
    safe: r.safe_address,
    safeTxHash: r.safe_tx_hash,
    owner: r.owner || null,
    reason: r.reason,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
  }))
}
