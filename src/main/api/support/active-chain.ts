import { requireChain, requireChainFor, type ChainRecord } from '../../core/chain'
import type { CoreContext } from '../../core/workspace'

/** The workspace's active chain for a handler (NOT_CONFIGURED when there is none). */
export function activeChain(ctx: CoreContext): ChainRecord {
  return requireChain(ctx.db)
}

/** The chain a call names (NOT_FOUND when it is not the workspace's), or the active one. */
export function chainFor(ctx: CoreContext, chainId: number | undefined): ChainRecord {
  return requireChainFor(ctx.db, chainId)
}
