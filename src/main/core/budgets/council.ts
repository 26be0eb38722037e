import { Contract, getAddress } from 'ethers'
import type { Db } from '../db/open'
import { ApiError } from '../../../shared/errors'
import type { SafeOverview } from '../../../shared/contract'
import { rpcProvider } from '../chain/rpc'
import type { ChainRecord } from '../chain/store'
import { getSafe, listSafes } from '../safe/store'
import { refreshSnapshot } from '../safe/snapshot'

/**
 * The council is the owners of the workspace's Safes on the chain, as last read from the chain (the Safe
 * snapshots). Decisions (evaluations, approvals, reallocations, budget overrides) must name one of them.
 */
export function councilMembers(db: Db, chainId: number): string[] {
  const rows = db
    .prepare('SELECT snapshot FROM safes WHERE chain_id = ? AND snapshot IS NOT NULL')
    .all(chainId) as Array<{ snapshot: string }>
  const owners = new Set<string>()
  for (const row of rows) for (const o of (JSON.parse(row.snapshot) as SafeOverview).owners) owners.add(getAddress(o))
  return [...owners]
}

export function assertCouncilMember(db: Db, chainId: number, who: string, decision: string): string {
  const member = getAddress(who)
  const council = councilMembers(db, chainId)
  if (council.length === 0)
    throw new ApiError('NOT_CONFIGURED', 'No Safe owners are known yet: refresh the Safe so its owners can be read.')
  if (!council.includes(member))
    throw new ApiError(
      'UNAUTHORIZED',
      `${member} is not a council member (an owner of this workspace's Safe), so it cannot ${decision}.`,
      { council },
    )
  return member
}

/**
 * The council as the chain says now: owners of the workspace's Safes on this chain, each Safe read from the chain
 * (its last snapshot when it cannot be read). Governance decisions (cancel, record, resolve) are checked against it.
 */
export async function councilOnChain(db: Db, chain: ChainRecord): Promise<string[]> {
  const owners = new Set<string>()
  for (const safe of listSafes(db, chain.chainId)) {
    try {
      const provider = rpcProvider(chain.rpcUrl, chain.chainId)
      try {
        const list = (await new Contract(
          safe.address,
          ['function getOwners() view returns (address[])'],
          provider,
        ).getOwners()) as string[]
        for (const o of list) owners.add(getAddress(o))
      } finally {
        provider.destroy()
      }
    } catch {
      for (const o of getSafe(db, chain.chainId, safe.address)?.snapshot?.owners ?? []) owners.add(o)
    }
  }
  return [...owners]
}

/** Makes sure the council (owners of the workspace's Safes) is known before a decision is checked against it. */
export async function ensureCouncilKnown(db: Db, chain: ChainRecord): Promise<void> {
  for (const s of listSafes(db, chain.chainId))
    if (!getSafe(db, chain.chainId, s.address)?.snapshot) {
      try {
        await refreshSnapshot(db, chain, s.address)
      } catch {
        // An unreadable Safe contributes no council members; the decision is then refused by name.
      }
    }
}

/** `who`, checksummed, when it is a council member (owners read first where no snapshot exists yet); else refused. */
export async function knownCouncilMember(db: Db, chain: ChainRecord, who: string, decision: string): Promise<string> {
  await ensureCouncilKnown(db, chain)
  return assertCouncilMember(db, chain.chainId, who, decision)
}
