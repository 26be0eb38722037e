import { WORKSPACE_USER, type CoreContext } from '../workspace/context'
import { ApiError } from '../../../shared/errors'
import type { TxServiceEndpointView, TxServiceStatus } from '../../../shared/contract/txservice'
import { proposalByHash } from '../proposals/lifecycle'
import { ServiceClient, ServiceError } from './client'
import { getEndpoint, listEndpoints, listOutbox, listPulled, listRefusals, removeEndpoint, saveEndpoint } from './store'

function view(e: {
  chainId: number
  url: string | null
  apiKey: string | null
  updatedAt: string
}): TxServiceEndpointView {
  return { chainId: e.chainId, url: e.url, hasApiKey: e.apiKey !== null, updatedAt: e.updatedAt }
}

/**
 * Sets a chain's service. The client is built once to check it can be (Safe's hosted service exists for that chain,
 * a hosted URL comes with a key); nothing is sent. The key is stored, never audited or shown back.
 */
export function configureService(
  ctx: CoreContext,
  chainId: number,
  input: { url: string | null; apiKey?: string | null },
): TxServiceEndpointView {
  const endpoint = { chainId, url: input.url, apiKey: input.apiKey ?? null }
  try {
    new ServiceClient(endpoint)
  } catch (error) {
    const reason = error instanceof ServiceError ? error.message : String(error)
    throw new ApiError(
      'BAD_INPUT',
      endpoint.url === null
        ? `Safe runs no hosted Transaction Service for chain ${chainId} that the app knows of (${reason}): give the URL of the service you use.`
        : reason,
    )
  }
  ctx.mutate(
    {
      actor: WORKSPACE_USER,
      action: 'txservice.configured',
      subject: `chain:${chainId}`,
      payload: { url: endpoint.url ?? 'hosted', apiKey: endpoint.apiKey ? 'set' : 'none' },
    },
    () => saveEndpoint(ctx.db, endpoint),
  )
  const saved = listEndpoints(ctx.db).find((e) => e.chainId === chainId)!
  return view(saved)
}

export function disableService(ctx: CoreContext, chainId: number): { removed: boolean } {
  if (!getEndpoint(ctx.db, chainId)) return { removed: false }
  return ctx.mutate({ actor: WORKSPACE_USER, action: 'txservice.disabled', subject: `chain:${chainId}` }, () => ({
    removed: removeEndpoint(ctx.db, chainId),
  }))
}

export function serviceStatus(ctx: CoreContext, chainId?: number): TxServiceStatus {
  return {
    endpoints: listEndpoints(ctx.db)
      .filter((e) => chainId === undefined || e.chainId === chainId)
      .map(view),
    outbox: listOutbox(ctx.db, chainId).map((o) => ({
      ...o,
      proposalId: proposalByHash(ctx.db, o.chainId, o.safe, o.safeTxHash)?.id ?? null,
    })),
    refusals: listRefusals(ctx.db, chainId),
    pulled: listPulled(ctx.db, chainId),
  }
}
