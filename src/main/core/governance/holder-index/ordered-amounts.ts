// Every positive amount of the holder index at a block, largest first, for the concentration measures. The index's
// end is read from holder_current's order index; a past block from the nearest base (a snapshot, the end, or the
// empty state before the first block) patched with the accounts changed between the two.
import type Database from 'better-sqlite3'
import {
  HISTORY,
  currentInOrder,
  rowsBetween,
  snapshotAccounts,
  snapshotText,
  snapshotsAround,
  type AmountColumn,
} from './snapshots'

/** Positive amounts at a block, largest first, and the accounts holding the ten largest. */
export interface OrderedAmounts {
  /**
   * Visits the amounts (decimal text) largest first, until `visit` returns true. Walked as it is read (no array of
   * 100,000 amounts kept): it may be walked again. Throws BaseDisagreesError when the base cannot hold the changes.
   */
  forEach(visit: (amount: string) => boolean | void): void
  top: Array<{ account: string; amount: string }>
}

/** A base (snapshot or end) that does not hold an amount the history says a changed account had there. */
export class BaseDisagreesError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BaseDisagreesError'
  }
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
    return { forEach: (visit) => merged(listed(amounts), [], [], visit), top }
  }
  // From scratch: no snapshot, no end, every change from the index's first block (the slow path a disagreeing base
  // falls back to).
  const { below, above } = fromScratch ? { below: null, above: null } : snapshotsAround(db, indexId, column, block)
  if (below === block) {
    const text = snapshotText(db, indexId, column, block)
    const first = firstLines(text, 10)
    const accounts = snapshotAccounts(db, indexId, column, block, 10)
    return {
      forEach: (visit) => merged(lines(text), [], [], visit),
      top: accounts.map((account, j) => ({ account, amount: first[j] })),
    }
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
  // Every history row in (low, high], in block order: the table's own order (0024), and each row carries the amount
  // before it (0023). An account's first row there gives its amount at `low` (the one before it), its last row its
  // amount at `high`. No lookup per account.
  const rows = db
    .prepare(
      `SELECT account, ${column}, previous FROM ${table}
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

  const baseText = base.kind === 'snapshot' ? snapshotText(db, indexId, column, base.block) : ''
  const baseAmounts = base.kind === 'end' ? (db.prepare(`SELECT ${column} ${byIndex}`).pluck().all() as string[]) : []
  const baseReader = () => (base.kind === 'snapshot' ? lines(baseText) : listed(baseAmounts))
  const addedAmounts = added.map((a) => a.amount)

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
    // One line more than the accounts kept: whether the snapshot holds amounts whose accounts it did not keep.
    const first = firstLines(baseText, accounts.length + 1)
    for (let j = 0; j < accounts.length && unchanged.length < 10; j++)
      if (!ends.has(accounts[j])) unchanged.push({ account: accounts[j], amount: first[j] })
    if (unchanged.length < 10 && accounts.length < 10 + ends.size && first.length > accounts.length)
      return orderedAmountsAt(db, column, index, block, true)
  }
  const top = [...unchanged, ...added.slice(0, 10)].sort(byAmountThenAccount).slice(0, 10)
  return {
    forEach: (visit) => {
      try {
        merged(baseReader(), removed, addedAmounts, visit)
      } catch (error) {
        const where = base.kind === 'snapshot' ? `the snapshot at ${base.block}` : `the ${base.kind}`
        throw new BaseDisagreesError(`${column} at block ${block} from ${where}: ${(error as Error).message}`)
      }
    },
    top,
  }
}

/** A cursor over a base's amounts: the next one, or null past the last. */
type Reader = () => string | null

/** The amounts of a newline-separated text, cut one at a time as they are walked. */
function lines(text: string): Reader {
  let at = 0
  return () => {
    if (at >= text.length) return null
    let end = text.indexOf('\n', at)
    if (end < 0) end = text.length
    const line = text.slice(at, end)
    at = end + 1
    return line
  }
}

function listed(amounts: string[]): Reader {
  let j = 0
  return () => (j < amounts.length ? amounts[j++] : null)
}

/** The first `count` lines of a newline-separated text (fewer when it has fewer). */
function firstLines(text: string, count: number): string[] {
  const next = lines(text)
  const out: string[] = []
  for (let line = next(); line !== null && out.length < count; line = next()) out.push(line)
  return out
}

/**
 * Visits the base's amounts (largest first) without `removed` and with `added` (both largest first), largest first,
 * until `visit` returns true. Amounts are equal text when equal in value, so a removed amount is dropped at the first
 * base entry equal to it: which account held it does not matter to the measures. A removed amount the base does not
 * hold throws (checked once the whole base is walked).
 */
export function merged(base: Reader, removed: string[], added: string[], visit: (amount: string) => boolean | void) {
  let r = 0
  let a = 0
  for (let x = base(); x !== null; x = base()) {
    while (a < added.length && largestFirst(added[a], x) < 0) if (visit(added[a++])) return
    if (r < removed.length && removed[r] === x) {
      r++
      continue
    }
    if (visit(x)) return
  }
  while (a < added.length) if (visit(added[a++])) return
  if (r !== removed.length)
    throw new Error(
      `the holder index disagrees with its base: ${removed[r]} (${removed.length - r} of ${removed.length} removed amounts) is not in it`,
    )
}
