import type { Db } from '../db/open'
import type { SigningRequestDoc } from '../../../shared/contract/signing'
import type { SignatureKind } from './safe-tx'

export interface StoredRequest {
  doc: SigningRequestDoc
  origin: 'created' | 'imported'
  addedAt: string
}

export interface StoredSignature {
  safeTxHash: string
  signer: string
  chainId: number
  safe: string
  signature: string
  kind: SignatureKind
  source: 'local' | 'imported' | 'onchain' | 'txservice'
  addedAt: string
}

interface RequestRow {
  safe_tx_hash: string
  document: string
  origin: 'created' | 'imported'
  added_at: string
}

interface SignatureRow {
  safe_tx_hash: string
  signer: string
  chain_id: number
  safe_address: string
  signature: string
  kind: SignatureKind
  source: 'local' | 'imported' | 'onchain' | 'txservice'
  added_at: string
}

/** Stores a checked signing request (parseSigningRequest / createSigningRequest). Call inside a mutation. */
export function saveSigningRequest(
  db: Db,
  doc: SigningRequestDoc,
  origin: 'created' | 'imported',
  now = new Date(),
): void {
  db.prepare(
    `INSERT INTO signing_requests (safe_tx_hash, chain_id, safe_address, nonce, document, origin, added_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(doc.safeTxHash, doc.chainId, doc.safe, doc.safeTx.nonce, JSON.stringify(doc), origin, now.toISOString())
}

export function getSigningRequest(db: Db, safeTxHash: string): StoredRequest | null {
  const row = db.prepare('SELECT * FROM signing_requests WHERE safe_tx_hash = ?').get(safeTxHash.toLowerCase()) as
    RequestRow | undefined
  return row ? { doc: JSON.parse(row.document) as SigningRequestDoc, origin: row.origin, addedAt: row.added_at } : null
}

/** Requests of one chain (and Safe), newest nonce first; all requests when no chain is given (an offline signer). */
export function listSigningRequests(db: Db, chainId?: number, safe?: string): StoredRequest[] {
  const where = chainId === undefined ? '' : safe ? 'WHERE chain_id = ? AND safe_address = ?' : 'WHERE chain_id = ?'
  const params = chainId === undefined ? [] : safe ? [chainId, safe] : [chainId]
  const rows = db
    .prepare(`SELECT * FROM signing_requests ${where} ORDER BY CAST(nonce AS INTEGER) DESC, added_at DESC`)
    .all(...params) as RequestRow[]
  return rows.map((row) => ({
    doc: JSON.parse(row.document) as SigningRequestDoc,
    origin: row.origin,
    addedAt: row.added_at,
  }))
}

/**
 * Stores a signature that was already verified (verifyBundle + owner check, or made here by a local key).
 * Call inside a mutation; a second signature by the same signer for the same hash violates the primary key.
 */
export function storeSignature(db: Db, s: Omit<StoredSignature, 'addedAt'>, now = new Date()): void {
  db.prepare(
    `INSERT INTO signatures (safe_tx_hash, signer, chain_id, safe_address, signature, kind, source, added_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(s.safeTxHash.toLowerCase(), s.signer, s.chainId, s.safe, s.signature, s.kind, s.source, now.toISOString())
}

/** The signatures accepted for one safeTxHash, ordered by signer address (the order Safe wants them packed in). */
export function listSignatures(db: Db, safeTxHash: string): StoredSignature[] {
  const rows = db
    .prepare('SELECT * FROM signatures WHERE safe_tx_hash = ?')
    .all(safeTxHash.toLowerCase()) as SignatureRow[]
  return rows
    .map((r) => ({
      safeTxHash: r.safe_tx_hash,
      signer: r.signer,
      chainId: r.chain_id,
      safe: r.safe_address,
      signature: r.signature,
      kind: r.kind,
      source: r.source,
      addedAt: r.added_at,
    }))
    .sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : 1))
}

export function hasSignature(db: Db, safeTxHash: string, signer: string): boolean {
  return (
    db
      .prepare('SELECT 1 FROM signatures WHERE safe_tx_hash = ? AND signer = ?')
      .get(safeTxHash.toLowerCase(), signer) !== undefined
  )
}

export function countSignatures(db: Db, safeTxHash: string): number {
  return (
    db.prepare('SELECT COUNT(*) AS n FROM signatures WHERE safe_tx_hash = ?').get(safeTxHash.toLowerCase()) as {
      n: number
    }
  ).n
}
