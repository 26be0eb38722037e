// The number of delegates (accounts with voting power delegated to them) at a block. At the index's end it is read
// from holder_current's delegate index; at a past block, from the count a snapshot (0023) or the end keeps, patched
// with the few delegators whose delegation changed between that base and the block, instead of grouping every
// delegation (≈ 90 ms at 80,000 delegators).
import type Database from 'better-sqlite3'
import { delegatesAtEnd } from './snapshots'

const ZERO = '0x0000000000000000000000000000000000000000'
/** Past this many delegation rows between the block and its nearest base, one grouping of the history is cheaper. */
const PATCH_ROWS = 2_000

/** A block whose delegate count is known. */
interface Base {
  block: number
  delegates: number
}

/** Accounts with voting power delegated to them at `block` (zero-address delegations left out). */
export function delegateCountAt(
  db: Database.Database,
  index: { id: number; fromBlock: number; syncedTo: number },
  block: number,
): number {
  const indexId = index.id
  const later = db
    .prepare('SELECT 1 FROM holder_delegations WHERE index_id = ? AND block > ? LIMIT 1')
    .get(indexId, block)
  if (!later) return delegatesAtEnd(db, indexId)
  const known = (order: 'DESC' | 'ASC', op: '<=' | '>') =>
    db
      .prepare(
        `SELECT block, delegates FROM holder_snapshots WHERE index_id = ? AND kind = 'votes' AND block ${op} ?
           AND delegates IS NOT NULL ORDER BY block ${order} LIMIT 1`,
      )
      .get(indexId, block) as Base | undefined
  const lower = known('DESC', '<=') ?? { block: index.fromBlock - 1, delegates: 0 }
  if (lower.block === block) return lower.delegates
  const upper = known('ASC', '>') ?? { block: index.syncedTo, delegates: delegatesAtEnd(db, indexId) }
  const rows = (after: number, upTo: number) =>
    db
      .prepare(
        'SELECT count(*) FROM holder_delegations INDEXED BY holder_delegations_block WHERE index_id = ? AND block > ? AND block <= ?',
      )
      .pluck()
      .get(indexId, after, upTo) as number
  const below = rows(lower.block, block)
  const above = rows(block, upper.block)
  if (Math.min(below, above) > PATCH_ROWS) return delegatesByGrouping(db, indexId, block)
  return below <= above
    ? patched(db, indexId, lower.block, block, { at: 'low', delegates: lower.delegates })
    : patched(db, indexId, block, upper.block, { at: 'high', delegates: upper.delegates })
}

/** From every delegator's last delegation at or before `block`. */
export function delegatesByGrouping(db: Database.Database, indexId: number, block: number): number {
  return db
    .prepare(
      `SELECT count(DISTINCT delegate) FROM (SELECT delegate, max(block) FROM holder_delegations
         WHERE index_id = ? AND block <= ? GROUP BY delegator) WHERE delegate != '${ZERO}'`,
    )
    .pluck()
    .get(indexId, block) as number
}

/**
 * The count at one end of (low, high] from the count at the other. Only the delegates of the delegators with a row
 * in between (X) can change: d is counted at an end when a delegator of X delegates to it there, or when a delegator
 * outside X does (the same at both ends, as its delegation did not change; looked up through the delegate index).
 */
function patched(
  db: Database.Database,
  indexId: number,
  low: number,
  high: number,
  base: { at: 'low' | 'high'; delegates: number },
): number {
  const changedRows = db
    .prepare(
      `SELECT delegator, delegate FROM holder_delegations INDEXED BY holder_delegations_block
         WHERE index_id = ? AND block > ? AND block <= ? ORDER BY block`,
    )
    .raw()
    .all(indexId, low, high) as Array<[string, string]>
  const lastAt = db.prepare(
    'SELECT delegate FROM holder_delegations WHERE index_id = ? AND delegator = ? AND block <= ? ORDER BY block DESC LIMIT 1',
  )
  const atHigh = new Map<string, string>()
  for (const [delegator, delegate] of changedRows) atHigh.set(delegator, delegate)
  const atLow = new Map<string, string | null>()
  for (const delegator of atHigh.keys())
    atLow.set(delegator, (lastAt.pluck().get(indexId, delegator, low) as string | undefined) ?? null)
  const countedIn = (end: Map<string, string | null>) => new Set([...end.values()].filter((d) => d !== null))
  const inLow = countedIn(atLow)
  const inHigh = countedIn(atHigh)
  const candidates = db.prepare(
    'SELECT DISTINCT delegator FROM holder_delegations WHERE index_id = ? AND delegate = ? AND block <= ?',
  )
  /** Someone outside X delegates to d (at low, so at high too). */
  const heldOutside = (d: string) => {
    for (const y of candidates.pluck().iterate(indexId, d, low) as IterableIterator<string>)
      if (!atHigh.has(y) && lastAt.pluck().get(indexId, y, low) === d) return true
    return false
  }
  let delegates = base.delegates
  for (const d of new Set([...inLow, ...inHigh])) {
    if (d === ZERO) continue
    const outside = heldOutside(d)
    const counted = (inX: Set<string>) => (inX.has(d) || outside ? 1 : 0)
    delegates += base.at === 'low' ? counted(inHigh) - counted(inLow) : counted(inLow) - counted(inHigh)
  }
  return delegates
}
