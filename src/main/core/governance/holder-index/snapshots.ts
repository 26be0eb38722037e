// Snapshots of the holder index's amounts (migration 0021): taken by the sync at a range's end, inside the range's
// transaction, once the histories have grown by half as many rows as there are accounts (at least MIN_SNAPSHOT_ROWS)
// since the last one. A snapshot holds at most one amount per account, so all snapshots together hold at most two
// amounts per history row; since 0023 only the accounts of its first SNAPSHOT_ACCOUNTS amounts (about 22 bytes an
// entry instead of 64) and the delegate count at its block. Deleted with the history on a reorg. Half, not one: a
// past block is then at most a quarter of the accounts' worth of history rows from a snapshot, each one read in
// block order to patch it (ordered-amounts.ts).
import type Database from 'better-sqlite3'

export type AmountColumn = 'balance' | 'votes'
export const HISTORY: Record<AmountColumn, string> = { balance: 'holder_balances', votes: 'holder_votes' }
/** Characters of one account in a snapshot's accounts text ('0x' and 40 hex digits). */
export const ACCOUNT_WIDTH = 42
/** A small index still gets snapshots every this many history rows (each one cheap at that size). */
export const MIN_SNAPSHOT_ROWS = 2_000
/**
 * Accounts a snapshot keeps, of its largest amounts (0023): a past block reads the accounts of the ten largest
 * unchanged ones only; more than this many changed among them and the history alone answers.
 */
export const SNAPSHOT_ACCOUNTS = 1_000
const ZERO = '0x0000000000000000000000000000000000000000'

/**
 * The positive amounts of an index's accounts at its end (holder_current), largest first and ties by account: the
 * order of 0019's indexes, read from them without a sort. The index id is inlined, so it must be an integer.
 */
export function currentInOrder(indexId: number, column: AmountColumn) {
  if (!Number.isSafeInteger(indexId)) throw new Error('the index id is an integer')
  return `FROM holder_current WHERE index_id = ${indexId} AND ${column} != '0'
    ORDER BY length(${column}) DESC, ${column} DESC, account`
}

/** History rows (balances and votes) of blocks in (after, upTo]: one span of the tables' block-ordered keys (0024). */
export function rowsBetween(
  db: Database.Database,
  indexId: number,
  after: number,
  upTo: number,
  column?: AmountColumn,
) {
  let rows = 0
  for (const c of column ? [column] : (['balance', 'votes'] as const)) {
    const table = HISTORY[c]
    rows += db
      .prepare(`SELECT count(*) FROM ${table} WHERE index_id = ? AND block > ? AND block <= ?`)
      .pluck()
      .get(indexId, after, upTo) as number
  }
  return rows
}

/** The blocks of the snapshots nearest `block`: the last at or before it and the first after it (null: none). */
export function snapshotsAround(db: Database.Database, indexId: number, column: AmountColumn, block: number) {
  const below = db
    .prepare('SELECT max(block) FROM holder_snapshots WHERE index_id = ? AND kind = ? AND block <= ?')
    .pluck()
    .get(indexId, column, block) as number | null
  const above = db
    .prepare('SELECT min(block) FROM holder_snapshots WHERE index_id = ? AND kind = ? AND block > ?')
    .pluck()
    .get(indexId, column, block) as number | null
  return { below, above }
}

/**
 * Keeps the amounts of holder_current (the state at `block`, the range just written) as a snapshot when the
 * histories have grown by enough rows since the last one. Runs inside the caller's transaction.
 */
export function snapshotIfDue(db: Database.Database, indexId: number, fromBlock: number, block: number) {
  const last =
    (db.prepare('SELECT max(block) FROM holder_snapshots WHERE index_id = ?').pluck().get(indexId) as number | null) ??
    fromBlock - 1
  if (last >= block) return false
  const accounts = db.prepare('SELECT count(*) FROM holder_current WHERE index_id = ?').pluck().get(indexId) as number
  if (rowsBetween(db, indexId, last, block) < Math.max(MIN_SNAPSHOT_ROWS, accounts / 2)) return false
  const insert = db.prepare(
    `INSERT INTO holder_snapshots (index_id, block, kind, holders, amounts, accounts, delegates)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  const delegates = delegatesAtEnd(db, indexId)
  for (const column of ['balance', 'votes'] as const) {
    const amounts = db
      .prepare(`SELECT ${column} ${currentInOrder(indexId, column)}`)
      .pluck()
      .all() as string[]
    const owners = db
      .prepare(`SELECT account ${currentInOrder(indexId, column)} LIMIT ${SNAPSHOT_ACCOUNTS}`)
      .pluck()
      .all() as string[]
    for (const account of owners)
      if (account.length !== ACCOUNT_WIDTH) throw new Error(`holder index account of unexpected width: ${account}`)
    insert.run(indexId, block, column, amounts.length, amounts.join('\n'), owners.join(''), delegates)
  }
  return true
}

/** Accounts with voting power delegated to them at the index's end (zero-address delegations left out). */
export function delegatesAtEnd(db: Database.Database, indexId: number) {
  return db
    .prepare(
      `SELECT count(DISTINCT delegate) FROM holder_current WHERE index_id = ? AND delegate IS NOT NULL
         AND delegate != '${ZERO}'`,
    )
    .pluck()
    .get(indexId) as number
}

/** A snapshot's amounts, largest first: canonical decimal text, one a line. */
export function snapshotText(db: Database.Database, indexId: number, column: AmountColumn, block: number) {
  const text = db
    .prepare('SELECT amounts FROM holder_snapshots WHERE index_id = ? AND kind = ? AND block = ?')
    .pluck()
    .get(indexId, column, block) as string | undefined
  if (text === undefined) throw new Error(`no ${column} snapshot of the holder index at block ${block}`)
  return text
}

/** The accounts of a snapshot's first `count` amounts, in the same order (fewer: it keeps SNAPSHOT_ACCOUNTS). */
export function snapshotAccounts(
  db: Database.Database,
  indexId: number,
  column: AmountColumn,
  block: number,
  count: number,
): string[] {
  const text = db
    .prepare('SELECT substr(accounts, 1, ?) FROM holder_snapshots WHERE index_id = ? AND kind = ? AND block = ?')
    .pluck()
    .get(count * ACCOUNT_WIDTH, indexId, column, block) as string
  const out: string[] = []
  for (let at = 0; at < text.length; at += ACCOUNT_WIDTH) out.push(text.slice(at, at + ACCOUNT_WIDTH))
  return out
}
