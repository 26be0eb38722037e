import type { Db } from '../db/open'

export type HardwareTransport = 'qr' | 'usb'

/** The device side of a hardware signer (its `signers` row is watch-only: the key never enters the app). */
export interface HardwareSigner {
  address: string
  transport: HardwareTransport
  device: string
  path: string
  /** Master key fingerprint, hex (QR devices). */
  sourceFingerprint: string | null
  addedAt: string
}

interface HardwareRow {
  address: string
  transport: HardwareTransport
  device: string
  path: string
  source_fingerprint: string | null
  added_at: string
}

const fromRow = (r: HardwareRow): HardwareSigner => ({
  address: r.address,
  transport: r.transport,
  device: r.device,
  path: r.path,
  sourceFingerprint: r.source_fingerprint,
  addedAt: r.added_at,
})

export function getHardwareSigner(db: Db, address: string): HardwareSigner | null {
  const row = db.prepare('SELECT * FROM hardware_signers WHERE address = ?').get(address) as HardwareRow | undefined
  return row ? fromRow(row) : null
}

export function listHardwareSigners(db: Db): HardwareSigner[] {
  return (db.prepare('SELECT * FROM hardware_signers ORDER BY added_at, address').all() as HardwareRow[]).map(fromRow)
}

/** Call inside a mutation, after its `signers` row. */
export function insertHardwareSigner(db: Db, s: HardwareSigner): void {
  db.prepare(
    `INSERT INTO hardware_signers (address, transport, device, path, source_fingerprint, added_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(s.address, s.transport, s.device, s.path, s.sourceFingerprint, s.addedAt)
}

export interface ShownRequest {
  requestId: string
  signer: string
  /** What the digest is of: a Safe transaction, a council act or a governance vote. */
  kind: 'safe-tx' | 'council-act' | 'vote'
  digest: string
  createdAt: string
}

/** Call inside a mutation. */
export function insertShownRequest(db: Db, r: ShownRequest): void {
  db.prepare(
    'INSERT INTO hardware_sign_requests (request_id, signer, kind, digest, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(r.requestId, r.signer, r.kind, r.digest.toLowerCase(), r.createdAt)
}

export function getShownRequest(db: Db, requestId: string): ShownRequest | null {
  const row = db.prepare('SELECT * FROM hardware_sign_requests WHERE request_id = ?').get(requestId.toLowerCase()) as
    { request_id: string; signer: string; kind: ShownRequest['kind']; digest: string; created_at: string } | undefined
  return row
    ? { requestId: row.request_id, signer: row.signer, kind: row.kind, digest: row.digest, createdAt: row.created_at }
    : null
}
