import { Contract, getAddress } from 'ethers'
import type { Db } from '../db/open'
import { ApiError } from '../../../shared/errors'
import { COUNCIL_ACT_KINDS, type CouncilActKind, type CouncilView } from '../../../shared/contract/council'
import { rpcProvider } from '../chain/rpc'
import { getActiveSafe, type ChainRecord } from '../chain/store'
import { getSafe, listSafes } from '../safe/store'
import { currentList } from './store'

/**
 * Who the council is: the one definition every capability uses (grants, budgets, disbursements, governance).
 * By default the owners of the workspace's Safe at the time of the act, read from the chain, or, when the chain
 * cannot be read, from the last synced snapshot (the view says which). A workspace may instead keep a council list;
 * that list changes only by a council-change act signed by the current council's threshold.
 */

/** Members needed per act kind unless the council set its own (council-change: the council's own threshold). */
export const DEFAULT_THRESHOLDS: Record<Exclude<CouncilActKind, 'council-change'>, number> = {
  'grant-evaluation': 1,
  'grant-decision': 1,
  'milestone-decision': 1,
  'budget-reallocation': 1,
  'budget-override': 2,
  'dispute-resolution': 1,
}

/** The workspace's Safe on this chain: the active one, else the first added. */
export function councilSafe(db: Db, chainId: number): string {
  const active = getActiveSafe(db)
  if (active && active.chainId === chainId) return active.address
  const first = listSafes(db, chainId)[0]
  if (!first)
    throw new ApiError('NOT_CONFIGURED', `No Safe is added on chain ${chainId}: the council is defined by a Safe.`)
  return first.address
}

async function ownersOnChain(chain: ChainRecord, safe: string): Promise<{ owners: string[]; threshold: number }> {
  const provider = rpcProvider(chain.rpcUrl, chain.chainId)
  try {
    const contract = new Contract(
      safe,
      ['function getOwners() view returns (address[])', 'function getThreshold() view returns (uint256)'],
      provider,
    )
    const [owners, threshold] = (await Promise.all([contract.getOwners(), contract.getThreshold()])) as [
      string[],
      bigint,
    ]
    return { owners: owners.map((o) => getAddress(o)), threshold: Number(threshold) }
  } finally {
    provider.destroy()
  }
}

/** The council now (the time of an act being checked). Throws NOT_CONFIGURED when no member can be known. */
export async function councilNow(db: Db, chain: ChainRecord, now = new Date()): Promise<CouncilView> {
  const safe = councilSafe(db, chain.chainId)
  const list = currentList(db, chain.chainId, safe)
  let source: CouncilView['source']
  let members: string[]
  let threshold: number
  if (list?.members) {
    source = 'list'
    members = list.members
    threshold = list.threshold
  } else {
    try {
      const read = await ownersOnChain(chain, safe)
      source = 'safe-chain'
      members = read.owners
      threshold = list?.threshold ?? read.threshold
    } catch {
      const snapshot = getSafe(db, chain.chainId, safe)?.snapshot
      if (!snapshot)
        throw new ApiError(
          'CHAIN_ERROR',
          `The council (the owners of Safe ${safe}) cannot be read: the chain is unreachable and the Safe was never synced.`,
        )
      source = 'safe-snapshot'
      members = snapshot.owners.map((o) => getAddress(o))
      threshold = list?.threshold ?? snapshot.threshold
    }
  }
  const thresholds = Object.fromEntries(
    COUNCIL_ACT_KINDS.map((k) => [
      k,
      Math.min(members.length, k === 'council-change' ? threshold : (list?.thresholds[k] ?? DEFAULT_THRESHOLDS[k])),
    ]),
  ) as Record<CouncilActKind, number>
  return {
    chainId: chain.chainId,
    safe,
    source,
    members,
    threshold: Math.min(threshold, members.length),
    thresholds,
    readAt: now.toISOString(),
  }
}

/** Where a decision is checked against the council without a council act (governance's cancel and records). */
export async function councilMembersNow(db: Db, chain: ChainRecord): Promise<string[]> {
  try {
    return (await councilNow(db, chain)).members
  } catch {
    return []
  }
}
