import type { Handlers } from './registry'
import { ApiError } from '../../shared/errors'
import { getActiveChain, requireChainFor } from '../core/chain'
import { WORKSPACE_USER } from '../core/workspace/context'
import { checkedProvider } from '../core/tokens'
import { firstLine } from '../core/first-line'
import {
  FeedRefused,
  PriceCsvRejected,
  deleteFeed,
  getFeed,
  importPriceCsv,
  pricedTokenInfo,
  pricingOverview,
  reportingCurrency,
  setPriceFeed,
  setReportingCurrency,
  valueAt,
} from '../core/pricing'

type PricingCalls =
  | 'pricing.overview'
  | 'pricing.setCurrency'
  | 'pricing.importCsv'
  | 'pricing.setFeed'
  | 'pricing.removeFeed'
  | 'pricing.value'

export const pricingHandlers: Handlers<PricingCalls> = {
  'pricing.overview': ({ chainId }, { ctx }) => {
    const chain = chainId === undefined ? getActiveChain(ctx.db) : requireChainFor(ctx.db, chainId)
    return pricingOverview(ctx, chain?.chainId ?? null)
  },

  'pricing.setCurrency': ({ currency }, { ctx }) => {
    const before = reportingCurrency(ctx.db)
    if (before !== currency)
      ctx.mutate(
        {
          actor: WORKSPACE_USER,
          action: 'pricing.currency.set',
          subject: 'workspace',
          payload: { before, after: currency },
        },
        () => setReportingCurrency(ctx.db, currency),
      )
    return pricingOverview(ctx, getActiveChain(ctx.db)?.chainId ?? null)
  },

  'pricing.importCsv': ({ chainId, csv, source }, { ctx }) => {
    const chain = requireChainFor(ctx.db, chainId)
    try {
      return importPriceCsv(ctx, chain.chainId, csv, source)
    } catch (error) {
      if (error instanceof PriceCsvRejected)
        throw new ApiError('BAD_INPUT', error.message, { problems: error.problems })
      throw error
    }
  },

  'pricing.setFeed': async ({ chainId, token, feed, maxAgeSeconds }, { ctx }) => {
    const chain = requireChainFor(ctx.db, chainId)
    if (!pricedTokenInfo(ctx.db, chain.chainId, token))
      throw new ApiError('NOT_FOUND', `Register ${token} as a token on chain ${chain.chainId} first (Tokens page).`)
    const provider = await checkedProvider(chain)
    try {
      return await setPriceFeed(ctx, provider, { chainId: chain.chainId, token, feed, maxAgeSeconds })
    } catch (error) {
      if (error instanceof FeedRefused) throw new ApiError('BAD_INPUT', error.message)
      throw new ApiError('CHAIN_ERROR', `The feed ${feed} could not be read: ${firstLine(error)}`)
    } finally {
      provider.destroy()
    }
  },

  'pricing.removeFeed': ({ chainId, token }, { ctx }) => {
    const chain = requireChainFor(ctx.db, chainId)
    const feed = getFeed(ctx.db, chain.chainId, token)
    if (!feed) return { removed: false }
    return ctx.mutate(
      {
        actor: WORKSPACE_USER,
        action: 'pricing.feed.removed',
        subject: `token:${chain.chainId}:${token}`,
        payload: { feed: feed.feed },
      },
      () => ({ removed: deleteFeed(ctx.db, chain.chainId, token) }),
    )
  },

  'pricing.value': async ({ chainId, token, amount, block, time }, { ctx }) => {
    const chain = requireChainFor(ctx.db, chainId)
    const at = block !== undefined ? { block, time } : { time: time! }
    // A chain connection is needed only to read a feed, or the time of a block.
    const needsChain = block !== undefined && (time === undefined || getFeed(ctx.db, chain.chainId, token) !== null)
    if (!needsChain) return valueAt(ctx.db, { chainId: chain.chainId, token, amount: BigInt(amount), at })
    const provider = await checkedProvider(chain)
    try {
      return await valueAt(ctx.db, { chainId: chain.chainId, token, amount: BigInt(amount), at }, provider)
    } finally {
      provider.destroy()
    }
  },
}
