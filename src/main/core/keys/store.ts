import type { Db } from '../db/open'

export type SignerKind = 'local' | 'watch'

export interface SignerRecord {
  address: string
  label: string
  kind: SignerKind
  /** BIP-44 path when the key was derived from a mnemonic. */
  path: string | null
  keystoreFile: string | null
  addedAt: string
}

interface SignerRow {
  address: string
  label: string
  kind: SignerKind
  path: string | null
  keystore_file: string | null
  added_at: string
}

const fromRow = (r: SignerRow): SignerRecord => ({
  address: r.address,
  label: r.label,
  kind: r.kind,
  path: r.path,
  keystoreFile: r.keystore_file,
  addedAt: r.added_at,
})

export function listSigners(db: Db): SignerRecord[] {
  return (db.prepare('SELECT * FROM signers ORDER BY added_at, rowid').all() as SignerRow[]).map(fromRow)
}

export function getSigner(db: Db, address: string): SignerRecord | null {
  const row = db.prepare('SELECT * FROM signers WHERE address = ?').get(address) as SignerRow | undefined
  return row ? fromRow(row) : null
}

/** Call inside a mutation. */
export function insertSigner(db: Db, signer: SignerRecord): void {
  db.prepare('INSERT INTO signers (address, label, kind, path, keystore_file, added_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    signer.address,
    signer.label,
    signer.kind,
    signer.path,
    signer.keystoreFile,
    signer.addedAt,
  )
}

export function renameSigner(db: Db, address: string, label: string): void {
  db.prepare('UPDATE signers SET label = ? WHERE address = ?').run(label, address)
}

export function deleteSigner(db: Db, address: string): void {
  db.prepare('DELETE FROM signers WHERE address = ?').run(address)
}

const AUTO_LOCK_KEY = 'keys.auto_lock_minutes'
export const DEFAULT_AUTO_LOCK_MINUTES = 5

export function getAutoLockMinutes(db: Db): number {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(AUTO_LOCK_KEY) as { value: string } | undefined
  const minutes = row ? Number(row.value) : DEFAULT_AUTO_LOCK_MINUTES
  return Number.isInteger(minutes) && minutes > 0 ? minutes : DEFAULT_AUTO_LOCK_MINUTES
}

/** Call inside a mutation. */
export function setAutoLockMinutes(db: Db, minutes: number): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(AUTO_LOCK_KEY, String(minutes))
}

export interface UnlockAttempts {
  failures: number
  /** Milliseconds since the epoch before which no passphrase is tried. */
  notBefore: number
}

export function getUnlockAttempts(db: Db, address: string): UnlockAttempts | null {
  const row = db.prepare('SELECT failures, not_before FROM signer_unlock_attempts WHERE address = ?').get(address) as
    { failures: number; not_before: number } | undefined
  return row ? { failures: row.failures, notBefore: row.not_before } : null
}

/** Call inside a mutation (with the `signer.unlock-failed` audit event). */
export function setUnlockAttempts(db: Db, address: string, attempts: UnlockAttempts): void {
  db.prepare(
    `INSERT INTO signer_unlock_attempts (address, failures, not_before) VALUES (?, ?, ?)
     ON CONFLICT(address) DO UPDATE SET failures = excluded.failures, not_before = excluded.not_before`,
  ).run(address, attempts.failures, attempts.notBefore)
}

/** Call inside a mutation (a successful unlock or export). */
export function clearUnlockAttempts(db: Db, address: string): void {
  db.prepare('DELETE FROM signer_unlock_attempts WHERE address = ?').run(address)
}
