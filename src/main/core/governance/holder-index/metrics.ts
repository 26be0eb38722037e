// Concentration and per-account reads answered from the holder index, with no RPC call.
import type Database from 'better-sqlite3'
import { getAddress } from 'ethers'
import type { ConcentrationView } from '../../../../shared/contract/governance-risks'
import { concentrationOf, ratioText } from '../concentration'
import { BaseDisagreesError, orderedAmountsAt, type OrderedAmounts } from './ordered-amounts'
import type { AmountColumn } from './snapshots'
import { delegateCountAt } from './delegates'
import { accountAt, getHolderIndex, type HolderIndexRow } from './store'

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
 * The measures of concentration.ts (same definitions, same answers: the tests compare them) in one walk over the
 * amounts, largest first as the index hands them over (no sort, no array of them kept). With Rₘ the sum of the m
 * largest, Σ i·xᵢ over ascending positions is Σ Rₘ, so Gini's Σ (2i − n − 1)·xᵢ is 2·Σ Rₘ − (n + 1)·total: two
 * additions an amount. Nakamoto walks them again, only as far as half the total.
 */
function viewOf({ forEach, top }: OrderedAmounts): ConcentrationView {
  let n = 0
  let total = 0n
  let prefixSums = 0n
  let top10 = 0n
  forEach((text) => {
    const x = BigInt(text)
    total += x
    prefixSums += total
    if (n < 10) top10 += x
    n++
  })
  if (n === 0 || total === 0n) return { ...concentrationOf([]), top: [] }
  let running = 0n
  let nakamoto = 0
  forEach((text) => {
    running += BigInt(text)
    nakamoto++
    return running * 2n > total
  })
  const bn = BigInt(n)
  return {
    holders: n,
    total: total.toString(),
    top10Share: ratioText(top10, total),
    gini: ratioText(2n * prefixSums - (bn + 1n) * total, bn * total),
    nakamoto,
    top: top.map(({ account, amount }) => ({
      account: getAddress(account),
      amount,
      share: ratioText(BigInt(amount), total),
    })),
  }
}

/** The measures at a past block; a base that disagrees with the history must not give a wrong one: the history alone answers. */
function viewAt(db: Database.Database, column: AmountColumn, index: HolderIndexRow, at: number) {
  try {
    return viewOf(orderedAmountsAt(db, column, index, at))
  } catch (error) {
    if (!(error instanceof BaseDisagreesError)) throw error
    return viewOf(orderedAmountsAt(db, column, index, at, true))
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
  // One read transaction: the index's end, its snapshots and its history as of one moment, whatever a sync commits
  // meanwhile on another connection.
  const { index, at, holdings, votingPower, delegates } = db.transaction(() => {
    const { index, at } = covering(db, chainId, token, block)
    return {
      index,
      at,
      holdings: viewAt(db, 'balance', index, at),
      votingPower: viewAt(db, 'votes', index, at),
      delegates: delegateCountAt(db, index, at),
    }
  })()
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
