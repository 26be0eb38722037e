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
  const current = currentRowOf(db, indexId)
  for (const account of touched) {
    const a = accountAt(db, indexId, account, keepTo)
    const next = { balance: a.balance.toString(), votes: a.votes.toString(), delegate: a.delegate }
    put(account, current(account), next)
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

/** An account as holder_current holds it; undefined: it has no row there (nothing, or all zero). */
export type AccountState = { balance: string; votes: string; delegate: string | null } | undefined

/**
 * Accounts' holder_current rows as a sync last wrote them, so the ranges after need no lookup per account. Only
 * valid while every write of the sync commits: the sync clears it when a transaction fails.
 */
export type AccountStates = Map<string, AccountState>

/**
 * Writes one range's rows and moves holder_current to the range's end. `states` carries the accounts' rows from one
 * range to the next within a sync (a fresh map: each is read from holder_current).
 */
export function writeRange(db: Database.Database, indexId: number, rows: RangeRows, states: AccountStates = new Map()) {
  const balance = db.prepare('INSERT OR REPLACE INTO holder_balances VALUES (?, ?, ?, ?, ?)')
  const votes = db.prepare('INSERT OR REPLACE INTO holder_votes VALUES (?, ?, ?, ?, ?)')
  const delegation = db.prepare('INSERT OR REPLACE INTO holder_delegations VALUES (?, ?, ?, ?)')
  const hash = db.prepare('INSERT OR REPLACE INTO holder_index_blocks VALUES (?, ?, ?)')
  // Each account this range changes as the index held it before the range (holder_current is not written yet).
  const current = currentRowOf(db, indexId)
  const before = (a: string): AccountState => {
    let state = states.get(a)
    if (state === undefined && !states.has(a)) states.set(a, (state = current(a)))
    return state
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
    const next = {
      balance: c.balance ?? w?.balance ?? '0',
      votes: c.votes ?? w?.votes ?? '0',
      delegate: c.delegate ?? w?.delegate ?? null,
    }
    states.set(a, put(a, w, next))
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

type CurrentColumn = 'balance' | 'votes' | 'delegate'
const CURRENT_COLUMNS: CurrentColumn[] = ['balance', 'votes', 'delegate']

/**
 * Moves an account's holder_current row from `was` to `next` and returns what it holds now. An UPDATE of the changed
 * columns only: SQLite then leaves alone the order indexes (0019) of the columns that did not change, where
 * INSERT OR REPLACE rewrote all three for every transfer.
 */
function currentWriter(db: Database.Database, indexId: number) {
  const insert = db.prepare('INSERT OR REPLACE INTO holder_current VALUES (?, ?, ?, ?, ?)')
  const remove = db.prepare('DELETE FROM holder_current WHERE index_id = ? AND account = ?')
  const updates = new Map<string, Database.Statement>()
  const update = (columns: CurrentColumn[]) => {
    const key = columns.join()
    let stmt = updates.get(key)
    if (!stmt) {
      stmt = db.prepare(
        `UPDATE holder_current SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE index_id = ? AND account = ?`,
      )
      updates.set(key, stmt)
    }
    return stmt
  }
  return (account: string, was: AccountState, next: NonNullable<AccountState>): AccountState => {
    if (next.balance === '0' && next.votes === '0' && next.delegate === null) {
      if (was) remove.run(indexId, account)
      return undefined
    }
    if (!was) {
      insert.run(indexId, account, next.balance, next.votes, next.delegate)
      return next
    }
    const changed = CURRENT_COLUMNS.filter((c) => was[c] !== next[c])
    if (changed.length > 0) update(changed).run(...changed.map((c) => next[c]), indexId, account)
    return next
  }
}

/** The latest balance and votes of one account as the index holds them now (0 when it has none). */
export function latestOf(db: Database.Database, indexId: number) {
  const current = currentRowOf(db, indexId)
  return { balance: (account: string) => BigInt(current(account)?.balance ?? '0') }
}

/** An account's holder_current row (undefined: none, i.e. nothing or all zero). */
function currentRowOf(db: Database.Database, indexId: number) {
  const row = db.prepare('SELECT balance, votes, delegate FROM holder_current WHERE index_id = ? AND account = ?')
  return (account: string) => row.get(indexId, account) as AccountState
}

/**
 * The histories read by account: the tables are in block order (0024) and without statistics SQLite would walk
 * them by block for an account's last row instead of seeking its account index.
 */
const BY_ACCOUNT = {
  balance: 'holder_balances INDEXED BY holder_balances_account',
  votes: 'holder_votes INDEXED BY holder_votes_account',
}

/** One account at a block: balance, voting power, delegate (null when it never delegated or delegated to 0x0). */
export function accountAt(db: Database.Database, indexId: number, account: string, block: number) {
  const one = (from: string, column: string, key: string) =>
    (
      db
        .prepare(
          `SELECT ${column} AS v FROM ${from} WHERE index_id = ? AND ${key} = ? AND block <= ? ORDER BY block DESC LIMIT 1`,
        )
        .get(indexId, account, block) as { v: string } | undefined
    )?.v ?? null
  return {
    balance: BigInt(one(BY_ACCOUNT.balance, 'balance', 'account') ?? '0'),
    votes: BigInt(one(BY_ACCOUNT.votes, 'votes', 'account') ?? '0'),
    delegate: one('holder_delegations', 'delegate', 'delegator'),
  }
}

/** Voting power of each account at `block` (0 for an account the index never saw). */
export function votesOfAt(db: Database.Database, indexId: number, accounts: string[], block: number) {
  const stmt = db.prepare(
    `SELECT votes FROM ${BY_ACCOUNT.votes} WHERE index_id = ? AND account = ? AND block <= ? ORDER BY block DESC LIMIT 1`,
  )
  const out = new Map<string, bigint>()
  for (const account of accounts) {
    const row = stmt.get(indexId, account.toLowerCase(), block) as { votes: string } | undefined
    out.set(account, BigInt(row?.votes ?? '0'))
  }
  return out
}

/**
 * holder_current's order indexes (migration 0019, the same definitions): what the end's measures and the snapshots
 * read in order. A first build (every holder, from the token's first block) writes without them: each of its
 * ~2,000,000 holder_current updates also moved an entry of one of them, ~5 s of a 100,000-holder build, while the
 * ~40 snapshots it takes sort instead in less (bench/index-build-replay.ts). Put back when the build ends or stops;
 * a build cut short by a crash leaves them off (reads stay right, only slower) until the next sync puts them back.
 */
const ORDER_INDEXES: Record<string, string> = {
  holder_current_balance_order: `CREATE INDEX IF NOT EXISTS holder_current_balance_order
    ON holder_current(index_id, length(balance) DESC, balance DESC, account) WHERE balance != '0'`,
  holder_current_votes_order: `CREATE INDEX IF NOT EXISTS holder_current_votes_order
    ON holder_current(index_id, length(votes) DESC, votes DESC, account) WHERE votes != '0'`,
}

export function dropOrderIndexes(db: Database.Database) {
  for (const name of Object.keys(ORDER_INDEXES)) db.exec(`DROP INDEX IF EXISTS ${name}`)
}

export function ensureOrderIndexes(db: Database.Database) {
  for (const sql of Object.values(ORDER_INDEXES)) db.exec(sql)
}
