import type { Db } from '../db/open'
import { ApiError } from '../../../shared/errors'
import { getActiveChain, getChain, type ChainRecord } from './store'

/** The workspace's active chain, or NOT_CONFIGURED saying how to get one: the one place this check is made. */
export function requireChain(db: Db): ChainRecord {
  const chain = getActiveChain(db)
  if (!chain)
    throw new ApiError('NOT_CONFIGURED', 'No chain is configured. Start the sandbox or connect a chain by RPC URL.')
  return chain
}

/** The chain a call names, or the active one when it names none. */
export function requireChainFor(db: Db, chainId: number | undefined): ChainRecord {
  if (chainId === undefined) return requireChain(db)
  const chain = getChain(db, chainId)
  if (!chain)
    throw new ApiError('NOT_FOUND', `Chain ${chainId} is not one of this workspace's chains: connect it by RPC first.`)
  return chain
}
