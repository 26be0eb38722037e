import type { Db } from '../db/open'

export interface GovernorRecord {
  chainId: number
  address: string
  name: string
  version: string
  token: string
  timelock: string
  safe: string | null
  module: string | null
  fromBlock: number
  addedAt: string
}

interface GovernorRow {
  chain_id: number
  address: string
  name: string
  version: string
  token: string
  timelock: string
  safe_address: string | null
  module_address: string | null
  from_block: number
  added_at: string
}

const fromRow = (r: GovernorRow): GovernorRecord => ({
  chainId: r.chain_id,
  address: r.address,
  name: r.name,
  version: r.version,
  token: r.token,
  timelock: r.timelock,
  safe: r.safe_address,
  module: r.module_address,
  fromBlock: r.from_block,
  addedAt: r.added_at,
})

/** Adds or refreshes a Governor (connecting it again re-reads its settings). */
export function upsertGovernor(db: Db, g: GovernorRecord): GovernorRecord {
  db.prepare(
    `INSERT INTO governors (chain_id, address, name, version, token, timelock, safe_address, module_address, from_block, added_at)
     VALUES (@chainId, @address, @name, @version, @token, @timelock, @safe, @module, @fromBlock, @addedAt)
     ON CONFLICT (chain_id, address) DO UPDATE SET name = excluded.name, version = excluded.version,
       token = excluded.token, timelock = excluded.timelock, safe_address = excluded.safe_address,
       module_address = excluded.module_address, from_block = excluded.from_block`,
  ).run(g)
  return getGovernor(db, g.chainId, g.address)!
}

export function getGovernor(db: Db, chainId: number, address: string): GovernorRecord | null {
  const row = db.prepare('SELECT * FROM governors WHERE chain_id = ? AND address = ?').get(chainId, address) as
    GovernorRow | undefined
  return row ? fromRow(row) : null
}

export function listGovernors(db: Db, chainId: number): GovernorRecord[] {
  return (
    db.prepare('SELECT * FROM governors WHERE chain_id = ? ORDER BY added_at, address').all(chainId) as GovernorRow[]
  ).map(fromRow)
}

/** The modules of Governors that drive `safe`: their executions on the Safe are the treasury's own. */
export function governorModulesOf(db: Db, chainId: number, safe: string): string[] {
  return (
    db
      .prepare(
        'SELECT module_address FROM governors WHERE chain_id = ? AND safe_address = ? AND module_address IS NOT NULL',
      )
      .all(chainId, safe) as Array<{ module_address: string }>
  ).map((r) => r.module_address)
}
