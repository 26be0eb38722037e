import type { Db } from '../db/open'
import { getActiveSafe, setActiveSafe } from '../chain/store'
import type { SafeOverview, SafeSummary } from '../../../shared/contract'

interface SafeRow {
  chain_id: number
  address: string
  label: string | null
  snapshot: string | null
  synced_at: string | null
}

/**
 * The Safes of one chain. The active Safe comes first: callers that default to "the workspace's Safe" take the
 * first one, and that must be the Safe the user switched to.
 */
export function listSafes(db: Db, chainId: number): SafeSummary[] {
  const active = getActiveSafe(db)
  const rows = db.prepare('SELECT * FROM safes WHERE chain_id = ? ORDER BY added_at, address').all(chainId) as SafeRow[]
  const summaries = rows.map((r) => ({ chainId: r.chain_id, address: r.address, label: r.label, asOf: r.synced_at }))
  const first = active?.chainId === chainId ? summaries.findIndex((s) => s.address === active.address) : -1
  return first > 0 ? [summaries[first], ...summaries.slice(0, first), ...summaries.slice(first + 1)] : summaries
}

/** Every Safe of the workspace on every chain, in the order they were added, with its last synced state. */
export function listAllSafes(db: Db): Array<SafeSummary & { snapshot: SafeOverview | null }> {
  return (db.prepare('SELECT * FROM safes ORDER BY added_at, chain_id, address').all() as SafeRow[]).map((r) => ({
    chainId: r.chain_id,
    address: r.address,
    label: r.label,
    asOf: r.synced_at,
    snapshot: r.snapshot ? normaliseSnapshot(JSON.parse(r.snapshot)) : null,
  }))
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

/** Adds (or relabels) a Safe; the workspace's first Safe becomes its active one. Call inside a mutation. */
export function insertSafe(db: Db, chainId: number, address: string, label: string | null, now = new Date()): void {
  db.prepare(
    `INSERT INTO safes (chain_id, address, label, added_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(chain_id, address) DO UPDATE SET label = COALESCE(excluded.label, safes.label)`,
  ).run(chainId, address, label, now.toISOString())
  if (!getActiveSafe(db)) setActiveSafe(db, chainId, address)
}

export function saveSnapshot(db: Db, overview: SafeOverview): void {
  db.prepare('UPDATE safes SET snapshot = ?, synced_at = ? WHERE chain_id = ? AND address = ?').run(
    JSON.stringify(overview),
    overview.asOf,
    overview.chainId,
    overview.address,
  )
}
