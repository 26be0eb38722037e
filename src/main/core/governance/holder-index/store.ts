// SQLite side of the holder index: its row, the per-account histories, and reads "as of a block" (the last row of
// an account at or before the block). Every write here runs inside the caller's transaction.
import type Database from 'better-sqlite3'
import { snapshotIfDue } from './snapshots'

export interface HolderIndexRow {
  id: number
  chainId: number
  token: string
  fromBlock: number
  syncedTo: number
  logs: number
  reorgs: number
  lastReorgBlock: number | null
  updatedAt: string
}

const COLUMNS = `id, chain_id AS chainId, token, from_block AS fromBlock, synced_to AS syncedTo, logs, reorgs,
  last_reorg_block AS lastReorgBlock, updated_at AS updatedAt`

export function getHolderIndex(db: Database.Database, chainId: number, token: string): HolderIndexRow | null {
  return (
    (db.prepare(`SELECT ${COLUMNS} FROM holder_indexes WHERE chain_id = ? AND token = ?`).get(chainId, token) as
      HolderIndexRow | undefined) ?? null
  )
}

export function createHolderIndex(db: Database.Database, chainId: number, token: string, fromBlock: number) {
  db.prepare(
    `INSERT INTO holder_indexes (chain_id, token, from_block, synced_to, updated_at) VALUES (?, ?, ?, ?, ?)`,
  ).run(chainId, token, fromBlock, fromBlock - 1, new Date().toISOString())
  return getHolderIndex(db, chainId, token)!
}

export function storedHashes(db: Database.Database, indexId: number): Array<{ block: number; hash: string }> {
  return db
    .prepare('SELECT block, hash FROM holder_index_blocks WHERE index_id = ? ORDER BY block')
    .all(indexId) as Array<{ block: number; hash: string }>
}

/** Forgets everything read after `keepTo` (a reorg replaced those blocks): the index then covers up to keepTo. */
export function rollBackAfter(db: Database.Database, indexId: number, keepTo: number) {
  const touched = db
    .prepare(
      `SELECT account FROM holder_balances WHERE index_id = ? AND block > ?
       UNION SELECT account FROM holder_votes WHERE index_id = ? AND block > ?
       UNION SELECT delegator FROM holder_delegations WHERE index_id = ? AND block > ?`,
    )
    .pluck()
    .all(indexId, keepTo, indexId, keepTo, indexId, keepTo) as string[]
  for (const table of [
    'holder_balances',
    'holder_votes',
    'holder_delegations',
    'holder_index_blocks',
    'holder_snapshots',
  ])
    db.prepare(`DELETE FROM ${table} WHERE index_id = ? AND block > ?`).run(indexId, keepTo)
  // The accounts the forgotten blocks changed are, again, what their remaining rows say.
  const put = currentWriter(db, indexId)
  for (const account of touched) {
    const a = accountAt(db, indexId, account, keepTo)
    put(account, a.balance.toString(), a.votes.toString(), a.delegate)
  }
  db.prepare(
    `UPDATE holder_indexes SET synced_to = ?, reorgs = reorgs + 1, last_reorg_block = ?, updated_at = ? WHERE id = ?`,
  ).run(keepTo, keepTo + 1, new Date().toISOString(), indexId)
}

/** The rows one range adds, written with the index's new end in the same transaction. */
export interface RangeRows {
  end: number
  logs: number
  balances: Array<[account: string, block: number, balance: string]>
  votes: Array<[account: string, block: number, votes: string]>
  delegations: Array<[delegator: string, block: number, delegate: string]>
  hashes: Array<[block: number, hash: string]>
  /** Hashes older than this are no longer needed to detect a reorg. */
  pruneBelow: number
}

export function writeRange(db: Database.Database, indexId: number, rows: RangeRows) {
  const balance = db.prepare('INSERT OR REPLACE INTO holder_balances VALUES (?, ?, ?, ?, ?)')
  const votes = db.prepare('INSERT OR REPLACE INTO holder_votes VALUES (?, ?, ?, ?, ?)')
  const delegation = db.prepare('INSERT OR REPLACE INTO holder_delegations VALUES (?, ?, ?, ?)')
  const hash = db.prepare('INSERT OR REPLACE INTO holder_index_blocks VALUES (?, ?, ?)')
  // Each account this range changes as the index held it before the range (holder_current is not written yet).
  const current = db.prepare('SELECT balance, votes, delegate FROM holder_current WHERE index_id = ? AND account = ?')
  const was = new Map<string, { balance: string; votes: string; delegate: string | null } | undefined>()
  const before = (a: string) => {
    if (!was.has(a)) was.set(a, current.get(indexId, a) as ReturnType<typeof before>)
    return was.get(a)
  }
  writeHistory(
    rows.balances,
    (a) => before(a)?.balance ?? null,
    (a, b, v, p) => balance.run(indexId, a, b, v, p),
  )
  writeHistory(
    rows.votes,
    (a) => before(a)?.votes ?? null,
    (a, b, v, p) => votes.run(indexId, a, b, v, p),
  )
  for (const [a, b, d] of rows.delegations) delegation.run(indexId, a, b, d)
  for (const [b, h] of rows.hashes) hash.run(indexId, b, h)
  // Rows come in block order: the last of each account is its state at the range's end.
  const now = new Map<string, { balance?: string; votes?: string; delegate?: string }>()
  const at = (a: string) => now.get(a) ?? now.set(a, {}).get(a)!
  for (const [a, , v] of rows.balances) at(a).balance = v
  for (const [a, , v] of rows.votes) at(a).votes = v
  for (const [a, , d] of rows.delegations) at(a).delegate = d
  const put = currentWriter(db, indexId)
  for (const [a, c] of now) {
    const w = before(a)
    put(a, c.balance ?? w?.balance ?? '0', c.votes ?? w?.votes ?? '0', c.delegate ?? w?.delegate ?? null)
  }
  db.prepare('DELETE FROM holder_index_blocks WHERE index_id = ? AND block < ?').run(indexId, rows.pruneBelow)
  const { fromBlock } = db.prepare('SELECT from_block AS fromBlock FROM holder_indexes WHERE id = ?').get(indexId) as {
    fromBlock: number
  }
  snapshotIfDue(db, indexId, fromBlock, rows.end)
  db.prepare('UPDATE holder_indexes SET synced_to = ?, logs = logs + ?, updated_at = ? WHERE id = ?').run(
    rows.end,
    rows.logs,
    new Date().toISOString(),
    indexId,
  )
}

/**
 * Writes one history's rows (block order) with each row's `previous` (0023): the account's amount before the row,
 * from its row earlier in the range or else the index before the range ('0' or NULL: none).
 */
function writeHistory(
  rows: Array<[account: string, block: number, amount: string]>,
  beforeRange: (account: string) => string | null,
  insert: (account: string, block: number, amount: string, previous: string | null) => void,
) {
  const last = new Map<string, { block: number; amount: string; previous: string | null }>()
  for (const [a, b, v] of rows) {
    const l = last.get(a)
    // A second row of the same account and block replaces the first: it follows what came before that block.
    const previous = l === undefined ? beforeRange(a) : l.block === b ? l.previous : l.amount
    insert(a, b, v, previous)
    last.set(a, { block: b, amount: v, previous })
  }
}

function currentWriter(db: Database.Database, indexId: number) {
  const upsert = db.prepare('INSERT OR REPLACE INTO holder_current VALUES (?, ?, ?, ?, ?)')
  const remove = db.prepare('DELETE FROM holder_current WHERE index_id = ? AND account = ?')
  return (account: string, balance: string, votes: string, delegate: string | null) => {
    if (balance === '0' && votes === '0' && delegate === null) remove.run(indexId, account)
    else upsert.run(indexId, account, balance, votes, delegate)
  }
}

/** The latest balance and votes of one account as the index holds them now (0 when it has none). */
export function latestOf(db: Database.Database, indexId: number) {
  const balance = db.prepare(
    'SELECT balance FROM holder_balances WHERE index_id = ? AND account = ? ORDER BY block DESC LIMIT 1',
  )
  return {
    balance: (account: string) =>
      BigInt((balance.get(indexId, account) as { balance: string } | undefined)?.balance ?? '0'),
  }
}

/** One account at a block: balance, voting power, delegate (null when it never delegated or delegated to 0x0). */
export function accountAt(db: Database.Database, indexId: number, account: string, block: number) {
  const one = (table: string, column: string, key: string) =>
    (
      db
        .prepare(
          `SELECT ${column} AS v FROM ${table} WHERE index_id = ? AND ${key} = ? AND block <= ? ORDER BY block DESC LIMIT 1`,
        )
        .get(indexId, account, block) as { v: string } | undefined
    )?.v ?? null
  return {
    balance: BigInt(one('holder_balances', 'balance', 'account') ?? '0'),
    votes: BigInt(one('holder_votes', 'votes', 'account') ?? '0'),
    delegate: one('holder_delegations', 'delegate', 'delegator'),
  }
}

/** Voting power of each account at `block` (0 for an account the index never saw). */
export function votesOfAt(db: Database.Database, indexId: number, accounts: string[], block: number) {
  const stmt = db.prepare(
    'SELECT votes FROM holder_votes WHERE index_id = ? AND account = ? AND block <= ? ORDER BY block DESC LIMIT 1',
  )
  const out = new Map<string, bigint>()
  for (const account of accounts) {
    const row = stmt.get(indexId, account.toLowerCase(), block) as { votes: string } | undefined
    out.set(account, BigInt(row?.votes ?? '0'))
  }
  return out
}
