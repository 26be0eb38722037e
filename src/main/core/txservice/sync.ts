import type { CoreContext } from '../workspace/context'
import type { ChainRecord } from '../chain/store'
import { firstLine } from '../first-line'
import { deliverOutbox, type DeliveryReport } from './outbox'
import { pullFromService, type PullReport } from './pull'
import { getEndpoint } from './store'

/**
 * The queue's sync, service side, after the chain's: pull what the service holds for the Safe, then post what waits
 * in the outbox. Best effort by design: a service that is off, down, slow or lying never fails the sync (its
 * failures are audited and shown on the service page).
 */
export async function syncWithService(
  ctx: CoreContext,
  chain: ChainRecord,
  safe: string,
): Promise<{ pulled: PullReport | null; pushed: DeliveryReport | null; error: string | null }> {
  if (!getEndpoint(ctx.db, chain.chainId)) return { pulled: null, pushed: null, error: null }
  let pulled: PullReport | null = null
  let error: string | null = null
  try {
    pulled = await pullFromService(ctx, chain, safe, { chainSynced: true })
  } catch (e) {
    error = firstLine(e, 300)
  }
  const pushed = await deliverOutbox(ctx, chain).catch((e: unknown) => {
    error ??= firstLine(e, 300)
    return null
  })
  return { pulled, pushed, error: error ?? pushed?.error ?? null }
}
