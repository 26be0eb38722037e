import type { Db } from '../db/open'
import type { SafeOverview, SafeSummary } from '../../../shared/contract'

interface SafeRow {
  chain_id: number
  address: string
  label: string | null
  snapshot: string | null
  synced_at: string | null
}

export function listSafes(db: Db, chainId: number): SafeSummary[] {
  return (
    db.prepare('SELECT * FROM safes WHERE chain_id = ? ORDER BY added_at, address').all(chainId) as SafeRow[]
  ).map((r) => ({ chainId: r.chain_id, address: r.address, label: r.label, asOf: r.synced_at }))
}

export function getSafe(
  db: Db,
  chainId: number,
  address: string,
): { label: string | null; snapshot: SafeOverview | null } | null {
  const row = db.prepare('SELECT * FROM safes WHERE chain_id = ? AND address = ?').get(chainId, address) as
    SafeRow | undefined
  if (!row) return null
  return { label: row.label, snapshot: row.snapshot ? normaliseSnapshot(JSON.parse(row.snapshot)) : null }
}

/** Snapshots written before modules/guard/fallback handler were read lack them: show "not read yet" as empty. */
function normaliseSnapshot(raw: SafeOverview): SafeOverview {
  return { ...raw, modules: raw.modules ?? [], guard: raw.guard ?? null, fallbackHandler: raw.fallbackHandler ?? null }
}

export function insertSafe(db: Db, chainId: number, address: string, label: string | null, now = new Date()): void {
  db.prepare(
    `INSERT INTO safes (chain_id, address, label, added_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(chain_id, address) DO UPDATE SET label = COALESCE(excluded.label, safes.label)`,
  ).run(chainId, address, label, now.toISOString())
}

export function saveSnapshot(db: Db, overview: SafeOverview): void {
  db.prepare('UPDATE safes SET snapshot = ?, synced_at = ? WHERE chain_id = ? AND address = ?').run(
    JSON.stringify(overview),
    overview.asOf,
    overview.chainId,
    overview.address,
  )
}
