import type { Db } from '../db/open'
import { ApiError } from '../../../shared/errors'
import type { SafeOverview } from '../../../shared/contract'
import { getActiveChain, type ChainRecord } from '../chain/store'
import { getSafe, listSafes, saveSnapshot } from '../safe/store'
import { readSafeOverview } from '../safe/overview'

export function requireChain(db: Db): ChainRecord {
  const chain = getActiveChain(db)
  if (!chain)
    throw new ApiError('NOT_CONFIGURED', 'No chain is configured. Start the sandbox or connect a chain by RPC URL.')
  return chain
}

/** The Safe a batch pays from: the one named (it must be in the workspace), or the workspace's first. */
export function resolveSafe(db: Db, chainId: number, address?: string): string {
  if (address) {
    if (!getSafe(db, chainId, address)) throw new ApiError('NOT_FOUND', `Safe ${address} is not in this workspace.`)
    return address
  }
  const first = listSafes(db, chainId)[0]
  if (!first) throw new ApiError('NOT_CONFIGURED', 'This workspace has no Safe yet. Add one by address.')
  return first.address
}

function chainMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 200)
}

/** Reads the Safe from the chain now and keeps the snapshot (owners = council, balances for the batch check). */
export async function refreshSnapshot(db: Db, chain: ChainRecord, safe: string): Promise<SafeOverview> {
  let overview: Omit<SafeOverview, 'label'>
  try {
    overview = await readSafeOverview(db, chain, safe)
  } catch (error) {
    throw new ApiError('CHAIN_ERROR', `Safe ${safe} could not be read from the chain: ${chainMessage(error)}`)
  }
  const full = { ...overview, label: getSafe(db, chain.chainId, safe)?.label ?? null }
  // A snapshot is a cache of chain state, re-derivable from the chain: not an audited decision.
  saveSnapshot(db, full)
  return full
}

/** The last snapshot, read from the chain first when there is none yet. */
export async function ensureSnapshot(db: Db, chain: ChainRecord, safe: string): Promise<SafeOverview> {
  return getSafe(db, chain.chainId, safe)?.snapshot ?? refreshSnapshot(db, chain, safe)
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
