import { requireChain, type ChainRecord } from '../../core/chain'
import type { CoreContext } from '../../core/workspace'

/** The workspace's active chain for a handler (NOT_CONFIGURED when there is none). */
export function activeChain(ctx: CoreContext): ChainRecord {
  return requireChain(ctx.db)
}
