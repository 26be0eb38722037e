import type { Db } from '../db/open'
import { ApiError } from '../../../shared/errors'
import type { SafeOverview } from '../../../shared/contract'
import type { ChainRecord } from '../chain/store'
import { firstLine } from '../first-line'
import { getSafe, saveSnapshot } from './store'
import { readSafeOverview } from './overview'

/**
 * Reads the Safe from the chain now and keeps the snapshot under `label`. Errors from the chain pass through as
 * thrown. A snapshot is a cache of chain state (re-derivable from the chain), so refreshing it is not an audited
 * decision.
 */
export async function syncSnapshot(
  db: Db,
  chain: ChainRecord,
  address: string,
  label: string | null,
): Promise<SafeOverview> {
  const overview: SafeOverview = { ...(await readSafeOverview(db, chain, address)), label }
  saveSnapshot(db, overview)
  return overview
}

/** Reads the Safe from the chain now and keeps the snapshot (owners = council, balances for the batch check). */
export async function refreshSnapshot(db: Db, chain: ChainRecord, safe: string): Promise<SafeOverview> {
  let overview: Omit<SafeOverview, 'label'>
  try {
    overview = await readSafeOverview(db, chain, safe)
  } catch (error) {
    throw new ApiError('CHAIN_ERROR', `Safe ${safe} could not be read from the chain: ${firstLine(error, 200)}`)
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
