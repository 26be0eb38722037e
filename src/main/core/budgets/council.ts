import { getAddress } from 'ethers'
import type { Db } from '../db/open'
import { ApiError } from '../../../shared/errors'
import type { SafeOverview } from '../../../shared/contract'

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
