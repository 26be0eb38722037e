import type { CoreContext } from '../workspace/context'
import type { ChainRecord } from '../chain/store'
import { firstLine } from '../first-line'
import { deliverOutbox, type DeliveryReport } from './outbox'
import { pullFromService, type PullReport } from './pull'
import { getEndpoint } from './store'
import { ServiceClient, serviceTimeoutMs } from './client'

const SYNC_TIMEOUT_MS = 5_000

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
  const endpoint = getEndpoint(ctx.db, chain.chainId)!
  // A sync waits for the service at most a few seconds; the outbox runner and "Pull now" take their full time.
  const client = new ServiceClient(endpoint, Math.min(serviceTimeoutMs(), SYNC_TIMEOUT_MS))
  let pulled: PullReport | null = null
  let error: string | null = null
  try {
    pulled = await pullFromService(ctx, chain, safe, { chainSynced: true, client })
  } catch (e) {
    error = firstLine(e, 300)
  }
  // Unreachable just now: the outbox waits for its own round instead of timing out once more.
  if (error) return { pulled, pushed: null, error }
  const pushed = await deliverOutbox(ctx, chain, { client }).catch((e: unknown) => {
    error ??= firstLine(e, 300)
    return null
  })
  return { pulled, pushed, error: error ?? pushed?.error ?? null }
}
