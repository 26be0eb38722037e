import type { Db } from '../db/open'
import { ApiError } from '../../../shared/errors'
import { getActiveChain, type ChainRecord } from './store'

/** The workspace's active chain, or NOT_CONFIGURED saying how to get one: the one place this check is made. */
export function requireChain(db: Db): ChainRecord {
  const chain = getActiveChain(db)
  if (!chain)
    throw new ApiError('NOT_CONFIGURED', 'No chain is configured. Start the sandbox or connect a chain by RPC URL.')
  return chain
}
