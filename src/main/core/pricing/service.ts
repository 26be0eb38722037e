import { createHash } from 'node:crypto'
import type { Provider } from 'ethers'
import { WORKSPACE_USER, type CoreContext } from '../workspace/context'
import type { PriceCsvImport, PriceFeedView, PricingOverview } from '../../../shared/contract/pricing'
import { reportingCurrency } from './currency'
import { parsePriceCsv } from './csv'
import { readFeedInfo } from './feed'
import { getFeed, listFeeds, listPriceImports, pricedTokens, saveFeed, savePriceImport, type FeedRecord } from './store'
import { pricedTokenInfo, tokenResolver } from './tokens'

/** A day's heartbeat plus an hour: the common Chainlink heartbeat, with room for a late update. */
export const DEFAULT_FEED_MAX_AGE_SECONDS = 90_000

/**
 * Validates a price CSV in full (every bad row named by line) and stores it in one transaction with its audit event,
 * in the reporting currency of the moment. Nothing is stored when any row is bad.
 */
export function importPriceCsv(ctx: CoreContext, chainId: number, csv: string, source: string): PriceCsvImport {
  const rows = parsePriceCsv(csv, tokenResolver(ctx.db, chainId))
  const currency = reportingCurrency(ctx.db)
  const sha256 = createHash('sha256').update(csv).digest('hex')
  const spans = new Map<string, { token: string; symbol: string; firstDay: string; lastDay: string }>()
  for (const r of rows) {
    const span = spans.get(r.token)
    if (!span) spans.set(r.token, { token: r.token, symbol: r.symbol, firstDay: r.day, lastDay: r.day })
    else {
      if (r.day < span.firstDay) span.firstDay = r.day
      if (r.day > span.lastDay) span.lastDay = r.day
    }
  }
  const tokens = [...spans.values()]
  const { importId, replaced } = ctx.mutate(
    (result: { importId: number; replaced: number }) => ({
      actor: WORKSPACE_USER,
      action: 'pricing.csv.imported',
      subject: `chain:${chainId}`,
      payload: {
        importId: result.importId,
        source,
        sha256,
        currency,
        rows: rows.length,
        replaced: result.replaced,
        tokens,
      },
    }),
    () => savePriceImport(ctx.db, chainId, { source, sha256, currency }, rows),
  )
  return { importId, source, currency, rows: rows.length, replaced, tokens }
}

export function feedView(ctx: CoreContext, feed: FeedRecord): PriceFeedView {
  return { ...feed, symbol: pricedTokenInfo(ctx.db, feed.chainId, feed.token)?.symbol ?? '?' }
}

/** Reads the feed's decimals and description from the chain (refusing what is not a feed), then names it. */
export async function setPriceFeed(
  ctx: CoreContext,
  provider: Provider,
  input: { chainId: number; token: string; feed: string; maxAgeSeconds?: number },
): Promise<PriceFeedView> {
  const info = pricedTokenInfo(ctx.db, input.chainId, input.token)
  if (!info) throw new Error(`${input.token} is not a token of chain ${input.chainId}: register it first`)
  const { decimals, description } = await readFeedInfo(provider, input.feed)
  const before = getFeed(ctx.db, input.chainId, info.token)
  const record = {
    chainId: input.chainId,
    token: info.token,
    feed: input.feed,
    decimals,
    description,
    maxAgeSeconds: input.maxAgeSeconds ?? DEFAULT_FEED_MAX_AGE_SECONDS,
  }
  ctx.mutate(
    {
      actor: WORKSPACE_USER,
      action: 'pricing.feed.set',
      subject: `token:${input.chainId}:${info.token}`,
      payload: { ...record, before: before?.feed ?? null },
    },
    () => saveFeed(ctx.db, record),
  )
  return feedView(ctx, getFeed(ctx.db, input.chainId, info.token)!)
}

export function pricingOverview(ctx: CoreContext, chainId: number | null): PricingOverview {
  return {
    currency: reportingCurrency(ctx.db),
    chainId,
    feeds: chainId === null ? [] : listFeeds(ctx.db, chainId).map((f) => feedView(ctx, f)),
    imports: listPriceImports(ctx.db),
    tokens:
      chainId === null
        ? []
        : pricedTokens(ctx.db, chainId).map((t) => ({
            chainId,
            ...t,
            symbol: pricedTokenInfo(ctx.db, chainId, t.token)?.symbol ?? '?',
          })),
  }
}
