import canonicalize from 'canonicalize'
import { keccak256, toUtf8Bytes } from 'ethers'
import type { Db } from '../db/open'

/**
 * Disputes: anyone may raise one against a disbursement (a Safe proposal), a grant milestone or a governance
 * proposal. While it is open it blocks drafting, signing and executing what it names in the app (other cores call
 * `assertNoOpenDispute` before those steps); a council member resolves it with a signed, recorded decision.
 */
export const DISPUTE_SUBJECTS = ['governance_proposal', 'disbursement', 'milestone'] as const
export type DisputeSubjectKind = (typeof DISPUTE_SUBJECTS)[number]
export type DisputeStatus = 'open' | 'upheld' | 'dismissed'

export interface DisputeRecord {
  id: number
  uid: string
  subjectKind: DisputeSubjectKind
  subjectRef: string
  raisedBy: string
  reason: string
  raisedAt: string
  status: DisputeStatus
  decision: string | null
  resolvedBy: string | null
  resolvedAt: string | null
  resolutionSignature: string | null
}

interface Row {
  id: number
  uid: string
  subject_kind: DisputeSubjectKind
  subject_ref: string
  raised_by: string
  reason: string
  raised_at: string
  status: DisputeStatus
  decision: string | null
  resolved_by: string | null
  resolved_at: string | null
  resolution_signature: string | null
}

const fromRow = (r: Row): DisputeRecord => ({
  id: r.id,
  uid: r.uid,
  subjectKind: r.subject_kind,
  subjectRef: r.subject_ref,
  raisedBy: r.raised_by,
  reason: r.reason,
  raisedAt: r.raised_at,
  status: r.status,
  decision: r.decision,
  resolvedBy: r.resolved_by,
  resolvedAt: r.resolved_at,
  resolutionSignature: r.resolution_signature,
})

export interface NewDispute {
  subjectKind: DisputeSubjectKind
  subjectRef: string
  raisedBy: string
  reason: string
  raisedAt: string
}

/** The dispute's identity as a council member signs it: keccak256 of its canonical JSON. */
export function disputeUid(d: NewDispute): string {
  return keccak256(toUtf8Bytes(canonicalize({ format: 'aitbc-dispute', version: 1, ...d })!))
}

/** Call inside a mutation. */
export function insertDispute(db: Db, d: NewDispute): DisputeRecord {
  const uid = disputeUid(d)
  const info = db
    .prepare(
      `INSERT INTO disputes (uid, subject_kind, subject_ref, raised_by, reason, raised_at, status)
       VALUES (?, ?, ?, ?, ?, ?, 'open')`,
    )
    .run(uid, d.subjectKind, d.subjectRef, d.raisedBy, d.reason, d.raisedAt)
  return getDispute(db, Number(info.lastInsertRowid))!
}

export function getDispute(db: Db, id: number): DisputeRecord | null {
  const row = db.prepare('SELECT * FROM disputes WHERE id = ?').get(id) as Row | undefined
  return row ? fromRow(row) : null
}

export function listDisputes(
  db: Db,
  filter: { subjectKind?: DisputeSubjectKind; subjectRef?: string; status?: DisputeStatus } = {},
): DisputeRecord[] {
  const where: string[] = []
  const args: unknown[] = []
  const add = (clause: string, value: unknown) => {
    where.push(clause)
    args.push(value)
  }
  if (filter.subjectKind) add('subject_kind = ?', filter.subjectKind)
  if (filter.subjectRef) add('subject_ref = ?', filter.subjectRef)
  if (filter.status) add('status = ?', filter.status)
  const sql = `SELECT * FROM disputes ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC`
  return (db.prepare(sql).all(...args) as Row[]).map(fromRow)
}

export function openDisputes(db: Db, subjectKind: DisputeSubjectKind, subjectRef: string): DisputeRecord[] {
  return listDisputes(db, { subjectKind, subjectRef, status: 'open' })
}

export class DisputeBlockedError extends Error {
  constructor(
    readonly disputes: DisputeRecord[],
    doing: string,
  ) {
    super(
      `Cannot ${doing}: ${disputes.length === 1 ? 'dispute' : 'disputes'} ${disputes.map((d) => `#${d.id}`).join(', ')} ` +
        'raised against it must first be resolved by the council.',
    )
    this.name = 'DisputeBlockedError'
  }
}

/** For the cores that draft, sign or execute a subject: refuse while a dispute against it is open. */
export function assertNoOpenDispute(db: Db, subjectKind: DisputeSubjectKind, subjectRef: string, doing: string): void {
  const open = openDisputes(db, subjectKind, subjectRef)
  if (open.length) throw new DisputeBlockedError(open, doing)
}

/** Call inside a mutation, after checking the resolver's authority and signature. */
export function resolveDispute(
  db: Db,
  id: number,
  r: { outcome: 'upheld' | 'dismissed'; decision: string; by: string; at: string; signature: string },
): void {
  const changed = db
    .prepare(
      `UPDATE disputes SET status = ?, decision = ?, resolved_by = ?, resolved_at = ?, resolution_signature = ?
       WHERE id = ? AND status = 'open'`,
    )
    .run(r.outcome, r.decision, r.by, r.at, r.signature, id)
  if (changed.changes !== 1) throw new Error(`dispute #${id} is not open`)
}
