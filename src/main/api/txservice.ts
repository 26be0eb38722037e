import type { Handlers } from './registry'
import { listSafes } from '../core/safe'
import { ApiError } from '../../shared/errors'
import {
  cancelOutboxItem,
  configureService,
  deliverOutbox,
  disableService,
  pullFromService,
  retryOutboxItem,
  serviceStatus,
} from '../core/txservice'
import type { CoreContext } from '../core/workspace'
import { activeChain, chainFor } from './support/active-chain'

export const txServiceHandlers: Handlers<
  | 'txservice.status'
  | 'txservice.configure'
  | 'txservice.disable'
  | 'txservice.pull'
  | 'txservice.push'
  | 'txservice.retry'
  | 'txservice.cancel'
> = {
  'txservice.status': ({ chainId }, { ctx }) => serviceStatus(ctx, chainId),

  'txservice.configure': ({ chainId, url, apiKey }, { ctx }) =>
    configureService(ctx, chainFor(ctx, chainId).chainId, { url, apiKey }),

  'txservice.disable': ({ chainId }, { ctx }) => disableService(ctx, chainFor(ctx, chainId).chainId),

  'txservice.pull': ({ safe }, { ctx }) => {
    const chain = activeChain(ctx)
    const target = safe ?? listSafes(ctx.db, chain.chainId)[0]?.address
    if (!target) throw new ApiError('NOT_FOUND', 'This workspace has no Safe yet. Add one by address.')
    return pullFromService(ctx, chain, target)
  },

  'txservice.push': ({ chainId, retryNow }, { ctx }) =>
    deliverOutbox(ctx, chainFor(ctx, chainId), { ignoreBackoff: retryNow }),

  'txservice.retry': async ({ id }, { ctx }) => {
    const item = retryOutboxItem(ctx, id)
    await deliverOutbox(ctx, chainFor(ctx, item.chainId))
    return withProposal(ctx, id)
  },

  'txservice.cancel': ({ id }, { ctx }) => {
    cancelOutboxItem(ctx, id)
    return withProposal(ctx, id)
  },
}

/** The outbox item as the app shows it (with its proposal). */
function withProposal(ctx: CoreContext, id: number) {
  const item = serviceStatus(ctx).outbox.find((o) => o.id === id)
  if (!item) throw new ApiError('NOT_FOUND', `There is no outbox item #${id}.`)
  return item
}
