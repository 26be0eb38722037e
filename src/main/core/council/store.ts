import type { Db } from '../db/open'
import type {
  CouncilActKind,
  CouncilActRequest,
  CouncilActSigner,
  CouncilActView,
  CouncilView,
} from '../../../shared/contract/council'

interface ActRow {
  id: number
  chain_id: number
  safe: string
  kind: CouncilActKind
  subject: string
  summary: string
  content: string
  content_hash: string
  nonce: string
  expiry: number
  digest: string
  needed: number
  status: 'pending' | 'effective'
  result: string | null
  created_at: string
  effective_at: string | null
}

export interface StoredAct extends Omit<CouncilActView, 'missing' | 'status'> {
  chainId: number
  safe: string
  status: 'pending' | 'effective'
}

function signersOf(db: Db, actId: number): CouncilActSigner[] {
  return (
    db
      .prepare(
        'SELECT member, signature, signed_at, council_source FROM council_act_signatures WHERE act_id = ? ORDER BY signed_at, member',
      )
      .all(actId) as Array<{ member: string; signature: string; signed_at: string; council_source: string }>
  ).map((s) => ({
    member: s.member,
    signature: s.signature,
    signedAt: s.signed_at,
    councilSource: s.council_source as CouncilView['source'],
  }))
}

function fromRow(db: Db, r: ActRow): StoredAct {
  const content = JSON.parse(r.content) as unknown
  const request: CouncilActRequest = {
    format: 'aitbc-council-act-request',
    version: 1,
    kind: r.kind,
    summary: r.summary,
    content,
    domain: { name: 'AITBC Treasury Council', version: '1', chainId: r.chain_id, verifyingContract: r.safe },
    message: {
      act: r.kind,
      subject: r.subject,
      contentHash: r.content_hash as `0x${string}`,
      nonce: r.nonce as `0x${string}`,
      expiry: r.expiry,
    },
  }
  return {
    id: r.id,
    chainId: r.chain_id,
    safe: r.safe,
    kind: r.kind,
    subject: r.subject,
    summary: r.summary,
    content,
    contentHash: r.content_hash,
    nonce: r.nonce,
    expiry: r.expiry,
    digest: r.digest,
    status: r.status,
    needed: r.needed,
    signers: signersOf(db, r.id),
    createdAt: r.created_at,
    effectiveAt: r.effective_at,
    result: r.result === null ? null : (JSON.parse(r.result) as unknown),
    request,
  }
}

export function actByNonce(db: Db, nonce: string): StoredAct | null {
  const row = db.prepare('SELECT * FROM council_acts WHERE nonce = ?').get(nonce.toLowerCase()) as ActRow | undefined
  return row ? fromRow(db, row) : null
}

export function getAct(db: Db, id: number): StoredAct | null {
  const row = db.prepare('SELECT * FROM council_acts WHERE id = ?').get(id) as ActRow | undefined
  return row ? fromRow(db, row) : null
}

export function listActs(db: Db, filter: { subject?: string; status?: 'pending' | 'effective' } = {}): StoredAct[] {
  const where: string[] = []
  const args: unknown[] = []
  if (filter.subject) {
    where.push('subject = ?')
    args.push(filter.subject)
  }
  if (filter.status) {
    where.push('status = ?')
    args.push(filter.status)
  }
  const sql = `SELECT * FROM council_acts ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT 500`
  return (db.prepare(sql).all(...args) as ActRow[]).map((r) => fromRow(db, r))
}

/** Call inside a mutation. */
export function insertAct(
  db: Db,
  a: { request: CouncilActRequest; digest: string; needed: number; at: string },
): number {
  const r = a.request
  const info = db
    .prepare(
      `INSERT INTO council_acts (chain_id, safe, kind, subject, summary, content, content_hash, nonce, expiry, digest,
                                 needed, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
    )
    .run(
      r.domain.chainId,
      r.domain.verifyingContract,
      r.kind,
      r.message.subject,
      r.summary,
      JSON.stringify(r.content),
      r.message.contentHash.toLowerCase(),
      r.message.nonce.toLowerCase(),
      r.message.expiry,
      a.digest.toLowerCase(),
      a.needed,
      a.at,
    )
  return Number(info.lastInsertRowid)
}

/** Call inside a mutation. */
export function insertActSignature(
  db: Db,
  s: { actId: number; member: string; signature: string; source: CouncilView['source']; members: string[]; at: string },
): void {
  db.prepare(
    `INSERT INTO council_act_signatures (act_id, member, signature, council_source, council_members, signed_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(s.actId, s.member, s.signature, s.source, JSON.stringify(s.members), s.at)
}

/** Call inside a mutation. */
export function setNeeded(db: Db, actId: number, needed: number): void {
  db.prepare("UPDATE council_acts SET needed = ? WHERE id = ? AND status = 'pending'").run(needed, actId)
}

/** Call inside a mutation. */
export function markEffective(db: Db, actId: number, result: unknown, at: string): void {
  const changed = db
    .prepare(
      "UPDATE council_acts SET status = 'effective', result = ?, effective_at = ? WHERE id = ? AND status = 'pending'",
    )
    .run(JSON.stringify(result ?? null), at, actId)
  if (changed.changes !== 1) throw new Error(`council act #${actId} is not pending`)
}

export interface CouncilListRecord {
  members: string[] | null
  threshold: number
  thresholds: Partial<Record<CouncilActKind, number>>
  actId: number
  createdAt: string
}

/** The latest council list of this Safe (made effective by a signed council-change act), or null: the Safe's owners. */
export function currentList(db: Db, chainId: number, safe: string): CouncilListRecord | null {
  const row = db
    .prepare('SELECT * FROM council_lists WHERE chain_id = ? AND safe = ? ORDER BY id DESC LIMIT 1')
    .get(chainId, safe) as
    { members: string | null; threshold: number; thresholds: string; act_id: number; created_at: string } | undefined
  if (!row) return null
  return {
    members: row.members === null ? null : (JSON.parse(row.members) as string[]),
    threshold: row.threshold,
    thresholds: JSON.parse(row.thresholds) as CouncilListRecord['thresholds'],
    actId: row.act_id,
    createdAt: row.created_at,
  }
}

/** Call inside a mutation (the council-change act's effect). */
export function insertList(
  db: Db,
  l: { chainId: number; safe: string; members: string[] | null; threshold: number; thresholds: object; actId: number },
  at: string,
): void {
  db.prepare(
    `INSERT INTO council_lists (chain_id, safe, members, threshold, thresholds, act_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    l.chainId,
    l.safe,
    l.members === null ? null : JSON.stringify(l.members),
    l.threshold,
    JSON.stringify(l.thresholds),
    l.actId,
    at,
  )
}
