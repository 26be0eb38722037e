// Every positive amount of the holder index at a block, largest first, for the concentration measures. The index's
// end is read from holder_current's order index; a past block from the nearest base (a snapshot, the end, or the
// empty state before the first block) patched with the accounts changed between the two.
import type Database from 'better-sqlite3'
import {
  HISTORY,
  currentInOrder,
  rowsBetween,
  snapshotAccounts,
  snapshotAmounts,
  snapshotsAround,
  type AmountColumn,
} from './snapshots'

/** Positive amounts at a block, largest first, and the accounts holding the ten largest. */
export interface OrderedAmounts {
  /** Decimal text, largest first. */
  amounts: string[]
  top: Array<{ account: string; amount: string }>
}

/** Canonical decimal text in numeric order, largest first (a longer text is a larger amount). */
const largestFirst = (a: string, b: string) => b.length - a.length || (a < b ? 1 : a > b ? -1 : 0)
/** The measures' order: largest first, ties by account. */
const byAmountThenAccount = (a: { account: string; amount: string }, b: { account: string; amount: string }) =>
  largestFirst(a.amount, b.amount) || (a.account < b.account ? -1 : a.account > b.account ? 1 : 0)

/** Where a past block's amounts start from: holder_current (the end), a snapshot, or nothing (before the first block). */
type Base = { kind: 'end' } | { kind: 'snapshot'; block: number } | { kind: 'empty' }

/**
 * Every positive amount (balance or voting power) at `block`, largest first (ties by account). At the index's end
 * holder_current is read through its order index (0019, no sort). At a past block, of the snapshots (0021) just
 * before and just after it (the empty state before the index's first block and the end standing in where there is
 * none) the one fewer history rows away is the base: its amounts, read alone, lose those of the accounts changed
 * between the two and gain their amounts at the block, merged in one pass (the changed ones sorted apart: few).
 */
export function orderedAmountsAt(
  db: Database.Database,
  column: AmountColumn,
  index: { id: number; fromBlock: number; syncedTo: number },
  block: number,
  fromScratch = false,
): OrderedAmounts {
  const indexId = index.id
  if (!Number.isSafeInteger(indexId) || !Number.isSafeInteger(block)) throw new Error('index and block are integers')
  const byIndex = currentInOrder(indexId, column)
  if (block >= index.syncedTo) {
    // The amounts alone (no account text for 100,000 rows), and the ten largest with their accounts apart.
    const amounts = db.prepare(`SELECT ${column} ${byIndex}`).pluck().all() as string[]
    const top = db.prepare(`SELECT account, ${column} AS amount ${byIndex} LIMIT 10`).all() as OrderedAmounts['top']
    return { amounts, top }
  }
  // From scratch: no snapshot, no end, every change from the index's first block (the slow path a disagreeing base
  // falls back to).
  const { below, above } = fromScratch ? { below: null, above: null } : snapshotsAround(db, indexId, column, block)
  if (below === block) {
    const amounts = snapshotAmounts(db, indexId, column, block)
    const accounts = snapshotAccounts(db, indexId, column, block, 10)
    return { amounts, top: accounts.map((account, j) => ({ account, amount: amounts[j] })) }
  }
  const lower = below ?? index.fromBlock - 1
  const upper = above ?? index.syncedTo
  const nearer =
    fromScratch || rowsBetween(db, indexId, lower, block, column) <= rowsBetween(db, indexId, block, upper, column)
  const base: Base = nearer
    ? below === null
      ? { kind: 'empty' }
      : { kind: 'snapshot', block: below }
    : above === null
      ? { kind: 'end' }
      : { kind: 'snapshot', block: above }
  const [low, high] = nearer ? [lower, block] : [block, upper]
  const table = HISTORY[column]
  // Every history row in (low, high], in block order, from the block index alone (it carries the account, the amount
  // and the amount before the row, 0023): an account's first row there gives its amount at `low` (the one before
  // it), its last row its amount at `high`. No lookup per account.
  const rows = db
    .prepare(
      `SELECT account, ${column}, previous FROM ${table} INDEXED BY ${table}_block
         WHERE index_id = ${indexId} AND block > ${low} AND block <= ${high} ORDER BY block`,
    )
    .raw()
    .all() as Array<[string, string, string | null]>
  const ends = new Map<string, [atLow: string | null, atHigh: string]>()
  for (const [account, amount, previous] of rows) {
    const known = ends.get(account)
    if (known) known[1] = amount
    else ends.set(account, [previous, amount])
  }
  const removed: string[] = []
  const added: Array<{ account: string; amount: string }> = []
  for (const [account, [atLow, atHigh]] of ends) {
    const [was, now] = nearer ? [atLow, atHigh] : [atHigh, atLow]
    if (now !== null && now !== '0') added.push({ account, amount: now })
    if (base.kind !== 'empty' && was !== null && was !== '0') removed.push(was)
  }
  removed.sort(largestFirst)
  added.sort(byAmountThenAccount)

  const baseAmounts =
    base.kind === 'empty'
      ? []
      : base.kind === 'end'
        ? (db.prepare(`SELECT ${column} ${byIndex}`).pluck().all() as string[])
        : snapshotAmounts(db, indexId, column, base.block)
  let amounts: string[]
  try {
    amounts = mergeOrdered(
      baseAmounts,
      removed,
      added.map((a) => a.amount),
    )
  } catch (error) {
    // A base that disagrees with the history must not give a wrong measure: the history alone answers instead.
    if (!fromScratch) return orderedAmountsAt(db, column, index, block, true)
    const where = base.kind === 'snapshot' ? `the snapshot at ${base.block}` : `the ${base.kind}`
    throw new Error(`${column} at block ${block} from ${where}: ${(error as Error).message}`)
  }

  // The ten largest: the first ten unchanged accounts of the base (its order is the measures' order) and the changed
  // accounts' amounts at the block, sorted together.
  const unchanged: OrderedAmounts['top'] = []
  if (base.kind === 'end') {
    for (const row of db.prepare(`SELECT account, ${column} AS amount ${byIndex}`).iterate() as IterableIterator<{
      account: string
      amount: string
    }>) {
      if (!ends.has(row.account)) unchanged.push(row)
      if (unchanged.length === 10) break
    }
  } else if (base.kind === 'snapshot') {
    // Enough of the snapshot's first accounts to find ten unchanged ones (at most ten more than were changed); it
    // keeps the first SNAPSHOT_ACCOUNTS only: when more of those changed, the history alone answers.
    const accounts = snapshotAccounts(db, indexId, column, base.block, 10 + ends.size)
    for (let j = 0; j < accounts.length && unchanged.length < 10; j++)
      if (!ends.has(accounts[j])) unchanged.push({ account: accounts[j], amount: baseAmounts[j] })
    if (unchanged.length < 10 && accounts.length < Math.min(baseAmounts.length, 10 + ends.size))
      return orderedAmountsAt(db, column, index, block, true)
  }
  const top = [...unchanged, ...added.slice(0, 10)].sort(byAmountThenAccount).slice(0, 10)
  return { amounts, top }
}

/**
 * The base's amounts (largest first) without `removed` and with `added` (both largest first), largest first.
 * Amounts are equal text when equal in value, so a removed amount is dropped at the first base entry equal to it:
 * which account held it does not matter to the measures.
 */
export function mergeOrdered(base: string[], removed: string[], added: string[]): string[] {
  const out = new Array<string>(base.length - removed.length + added.length)
  let n = 0
  let r = 0
  let a = 0
  for (let j = 0; j < base.length; j++) {
    const x = base[j]
    while (a < added.length && largestFirst(added[a], x) < 0) out[n++] = added[a++]
    if (r < removed.length && removed[r] === x) {
      r++
      continue
    }
    out[n++] = x
  }
  while (a < added.length) out[n++] = added[a++]
  if (r !== removed.length || n !== out.length)
    throw new Error(
      `the holder index disagrees with its base: ${removed[r] ?? 'an amount'} (${removed.length - r} of ${removed.length} removed amounts) is not in it`,
    )
  return out
}
