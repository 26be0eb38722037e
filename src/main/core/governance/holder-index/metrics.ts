// Concentration and per-account reads answered from the holder index, with no RPC call.
import type Database from 'better-sqlite3'
import { getAddress } from 'ethers'
import type { ConcentrationView } from '../../../../shared/contract/governance-risks'
import { concentrationOf, ratioText } from '../concentration'
import { accountAt, balancesAt, delegatorCountsAt, getHolderIndex, votesAt, type HolderIndexRow } from './store'

export class IndexNotCoveringError extends Error {
  constructor(
    readonly block: number,
    readonly syncedTo: number | null,
  ) {
    super(
      syncedTo === null
        ? 'the holder index of this token is not built yet: sync it first'
        : `the holder index covers blocks up to ${syncedTo}, not block ${block}: sync it first`,
    )
    this.name = 'IndexNotCoveringError'
  }
}

function covering(db: Database.Database, chainId: number, token: string, block: number | undefined) {
  const index = getHolderIndex(db, chainId, token)
  const at = block ?? index?.syncedTo ?? 0
  if (!index || index.syncedTo < index.fromBlock || at > index.syncedTo || at < index.fromBlock)
    throw new IndexNotCoveringError(at, index && index.syncedTo >= index.fromBlock ? index.syncedTo : null)
  return { index, at }
}

/**
 * The measures of concentration.ts (same definitions, same answers: the tests compare them) from one sort of the
 * amounts instead of four: over 100,000 holders the sorts, not SQLite, were most of the time.
 */
function viewOf(amounts: Map<string, bigint>): ConcentrationView {
  const sorted = [...amounts.entries()].sort(([a, x], [b, y]) => (x > y ? -1 : x < y ? 1 : a < b ? -1 : 1))
  const n = sorted.length
  let total = 0n
  for (const [, x] of sorted) total += x
  if (n === 0 || total === 0n) return { ...concentrationOf([]), top: [] }
  let top10 = 0n
  let running = 0n
  let nakamoto: number | null = null
  let weighted = 0n
  const bn = BigInt(n)
  sorted.forEach(([, x], j) => {
    if (j < 10) top10 += x
    running += x
    if (nakamoto === null && running * 2n > total) nakamoto = j + 1
    // Gini: Σ (2i − n − 1)·xᵢ over ascending positions i = n − j.
    weighted += (2n * (bn - BigInt(j)) - bn - 1n) * x
  })
  return {
    holders: n,
    total: total.toString(),
    top10Share: ratioText(top10, total),
    gini: ratioText(weighted, bn * total),
    nakamoto,
    top: sorted.slice(0, 10).map(([account, amount]) => ({
      account: getAddress(account),
      amount: amount.toString(),
      share: ratioText(amount, total),
    })),
  }
}

export interface HolderMetrics {
  block: number
  syncedTo: number
  votingPower: ConcentrationView
  holdings: ConcentrationView
  /** Accounts with voting power delegated to them by at least one delegator (themselves included). */
  delegates: number
  /** How long the index took to answer, ms. */
  tookMs: number
}

/** Top-10 share, Gini and Nakamoto coefficient of balances and of voting power at `block` (the index's end). */
export function holderMetrics(db: Database.Database, chainId: number, token: string, block?: number): HolderMetrics {
  const started = performance.now()
  const { index, at } = covering(db, chainId, token, block)
  const holdings = viewOf(balancesAt(db, index.id, at))
  const votingPower = viewOf(votesAt(db, index.id, at))
  const delegates = delegatorCountsAt(db, index.id, at).size
  return {
    block: at,
    syncedTo: index.syncedTo,
    votingPower,
    holdings,
    delegates,
    tookMs: Math.round(performance.now() - started),
  }
}

/** An account's balance, voting power and delegate at `block`, from the index. */
export function holderAt(db: Database.Database, chainId: number, token: string, account: string, block?: number) {
  const { index, at } = covering(db, chainId, token, block)
  const a = accountAt(db, index.id, account.toLowerCase(), at)
  return {
    account: getAddress(account),
    block: at,
    balance: a.balance.toString(),
    votes: a.votes.toString(),
    delegate: a.delegate && a.delegate !== '0x0000000000000000000000000000000000000000' ? getAddress(a.delegate) : null,
  }
}

export function holderIndexStatus(db: Database.Database, chainId: number, token: string): HolderIndexRow | null {
  return getHolderIndex(db, chainId, token)
}
