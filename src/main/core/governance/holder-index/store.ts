// SQLite side of the holder index: its row, the per-account histories, and reads "as of a block" (the last row of
// an account at or before the block). Every write here runs inside the caller's transaction.
import type Database from 'better-sqlite3'

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
  for (const table of ['holder_balances', 'holder_votes', 'holder_delegations', 'holder_index_blocks'])
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
  const balance = db.prepare('INSERT OR REPLACE INTO holder_balances VALUES (?, ?, ?, ?)')
  const votes = db.prepare('INSERT OR REPLACE INTO holder_votes VALUES (?, ?, ?, ?)')
  const delegation = db.prepare('INSERT OR REPLACE INTO holder_delegations VALUES (?, ?, ?, ?)')
  const hash = db.prepare('INSERT OR REPLACE INTO holder_index_blocks VALUES (?, ?, ?)')
  for (const [a, b, v] of rows.balances) balance.run(indexId, a, b, v)
  for (const [a, b, v] of rows.votes) votes.run(indexId, a, b, v)
  for (const [a, b, d] of rows.delegations) delegation.run(indexId, a, b, d)
  for (const [b, h] of rows.hashes) hash.run(indexId, b, h)
  // Rows come in block order: the last of each account is its state at the range's end.
  const now = new Map<string, { balance?: string; votes?: string; delegate?: string }>()
  const at = (a: string) => now.get(a) ?? now.set(a, {}).get(a)!
  for (const [a, , v] of rows.balances) at(a).balance = v
  for (const [a, , v] of rows.votes) at(a).votes = v
  for (const [a, , d] of rows.delegations) at(a).delegate = d
  const current = db.prepare('SELECT balance, votes, delegate FROM holder_current WHERE index_id = ? AND account = ?')
  const put = currentWriter(db, indexId)
  for (const [a, c] of now) {
    const was = current.get(indexId, a) as { balance: string; votes: string; delegate: string | null } | undefined
    put(a, c.balance ?? was?.balance ?? '0', c.votes ?? was?.votes ?? '0', c.delegate ?? was?.delegate ?? null)
  }
  db.prepare('DELETE FROM holder_index_blocks WHERE index_id = ? AND block < ?').run(indexId, rows.pruneBelow)
  db.prepare('UPDATE holder_indexes SET synced_to = ?, logs = logs + ?, updated_at = ? WHERE id = ?').run(
    rows.end,
    rows.logs,
    new Date().toISOString(),
    indexId,
  )
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

type AmountColumn = 'balance' | 'votes'
const HISTORY: Record<AmountColumn, string> = { balance: 'holder_balances', votes: 'holder_votes' }

/** Past this share of accounts changed after the block, one pass over the history beats patching them one by one. */
const PATCH_LIMIT = 0.25

/** Positive amounts at a block, largest first, and the accounts holding the ten largest. */
export interface OrderedAmounts {
  /** Decimal text, largest first. */
  amounts: string[]
  top: Array<{ account: string; amount: string }>
}

/**
 * Every positive amount (balance or voting power) at `block`, largest first (ties by account). At the index's end
 * holder_current is read through its order index (no sort at all). A few blocks back, the end is read the same way
 * without the accounts changed since, and SQLite merges in those accounts' amounts at the block (sorted apart: few).
 * Further back, patching costs more than one pass over the history (the last row of each account), sorted by SQLite.
 */
export function orderedAmountsAt(
  db: Database.Database,
  column: AmountColumn,
  indexId: number,
  block: number,
  syncedTo: number,
): OrderedAmounts {
  if (!Number.isSafeInteger(indexId) || !Number.isSafeInteger(block)) throw new Error('index and block are integers')
  const table = HISTORY[column]
  // The row columns every path selects: the length first, so the compound's ORDER BY can name it.
  const end = `SELECT length(${column}) AS size, ${column} AS amount, account FROM holder_current
    WHERE index_id = ${indexId} AND ${column} != '0'`
  const order = 'ORDER BY size DESC, amount DESC, account'
  let sql: string
  if (block >= syncedTo) {
    // The end: the amounts alone (no account text for 100,000 rows), and the ten largest with their accounts apart.
    const byIndex = `FROM holder_current WHERE index_id = ${indexId} AND ${column} != '0'
      ORDER BY length(${column}) DESC, ${column} DESC, account`
    const amounts = db.prepare(`SELECT ${column} ${byIndex}`).pluck().all() as string[]
    const top = db.prepare(`SELECT account, ${column} AS amount ${byIndex} LIMIT 10`).all() as OrderedAmounts['top']
    return { amounts, top }
  } else {
    const accounts = db.prepare('SELECT count(*) FROM holder_current WHERE index_id = ?').pluck().get(indexId) as number
    const limit = Math.floor(accounts * PATCH_LIMIT)
    // INDEXED BY: without statistics SQLite would rather walk the primary key (every row of the history).
    const changedSince = `SELECT DISTINCT account FROM ${table} INDEXED BY ${table}_block
      WHERE index_id = ${indexId} AND block > ${block}`
    const changed = db
      .prepare(`SELECT count(*) FROM (${changedSince} LIMIT ?)`)
      .pluck()
      .get(limit + 1) as number
    sql =
      changed <= limit
        ? `WITH changed AS MATERIALIZED (${changedSince}),
             past AS MATERIALIZED (SELECT account, (SELECT h.${column} FROM ${table} h WHERE h.index_id = ${indexId}
               AND h.account = changed.account AND h.block <= ${block} ORDER BY h.block DESC LIMIT 1) AS amount
               FROM changed)
           ${end} AND account NOT IN changed
           UNION ALL SELECT length(amount), amount, account FROM past WHERE amount IS NOT NULL AND amount != '0'
           ${order}`
        : `SELECT length(amount) AS size, amount, account FROM (SELECT account, ${column} AS amount, max(block)
             FROM ${table} WHERE index_id = ${indexId} AND block <= ${block} GROUP BY account)
           WHERE amount != '0' ${order}`
  }
  const rows = db.prepare(sql).raw().all() as Array<[number, string, string]>
  const amounts = new Array<string>(rows.length)
  for (let j = 0; j < rows.length; j++) amounts[j] = rows[j][1]
  const top = rows.slice(0, 10).map(([, amount, account]) => ({ account, amount }))
  return { amounts, top }
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

const ZERO = '0x0000000000000000000000000000000000000000'

/** Accounts with voting power delegated to them at `block` (zero-address delegations left out). */
export function delegateCountAt(db: Database.Database, indexId: number, block: number): number {
  const later = db
    .prepare('SELECT 1 FROM holder_delegations WHERE index_id = ? AND block > ? LIMIT 1')
    .get(indexId, block)
  if (!later)
    return db
      .prepare(
        `SELECT count(DISTINCT delegate) FROM holder_current WHERE index_id = ? AND delegate IS NOT NULL
           AND delegate != '${ZERO}'`,
      )
      .pluck()
      .get(indexId) as number
  return db
    .prepare(
      `SELECT count(DISTINCT delegate) FROM (SELECT delegate, max(block) FROM holder_delegations
         WHERE index_id = ? AND block <= ? GROUP BY delegator) WHERE delegate != '${ZERO}'`,
    )
    .pluck()
    .get(indexId, block) as number
}
