import type { Provider } from 'ethers'
import type { Db } from '../db/open'
import type { Valuation } from '../../../shared/contract/pricing'
import { reportingCurrency } from './currency'
import { multiplyToValue, parsePrice, formatScaled } from './decimal'
import { FeedRefused, feedQuoteCurrency, readFeedAt } from './feed'
import { csvPriceOn, getFeed } from './store'
import { pricedTokenInfo } from './tokens'

/** When an amount moved: the block (a feed is read there) and/or its time in seconds since the epoch. */
export type ValueMoment = { block: number; time?: number } | { block?: number; time: number }

export interface ValueQuery {
  chainId: number
  /** A checksummed ERC-20 address or 'native'. */
  token: string
  /** Base units. */
  amount: bigint
  at: ValueMoment
}

const dayOf = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10)

/**
 * The value of `amount` of `token` in the workspace's reporting currency when it moved: from the token's on-chain
 * feed read at the block when the workspace names one (a provider is needed then), else from the imported CSV price
 * of that UTC day (or the latest within a week before). With neither, an explicit "no price" and why: never 0.
 */
export async function valueAt(db: Db, query: ValueQuery, provider?: Provider): Promise<Valuation> {
  const currency = reportingCurrency(db)
  const notes: string[] = []
  const info = pricedTokenInfo(db, query.chainId, query.token)
  if (!info)
    return { priced: false, currency, reason: `${query.token} is not a token of chain ${query.chainId}`, notes }
  let time = query.at.time
  const feed = getFeed(db, query.chainId, info.token)
  if (feed && query.at.block !== undefined) {
    const quote = feedQuoteCurrency(feed.description)
    if (quote && quote !== currency)
      notes.push(`the feed ${feed.description} quotes ${quote}, not ${currency}: not used`)
    else if (!provider) notes.push('the feed was not read: no chain connection was given')
    else {
      try {
        const read = await readFeedAt(provider, feed.feed, query.at.block, feed.maxAgeSeconds)
        const price = { units: read.answer, scale: read.decimals }
        return {
          priced: true,
          currency,
          value: multiplyToValue(query.amount, info.decimals, price),
          price: formatScaled(read.answer, read.decimals),
          source: {
            kind: 'feed',
            feed: feed.feed,
            description: feed.description,
            roundId: read.roundId.toString(),
            updatedAt: read.updatedAt,
            block: query.at.block,
          },
          notes,
        }
      } catch (error) {
        if (!(error instanceof FeedRefused)) throw error
        notes.push(`feed refused: ${error.reason}`)
        time ??= (await provider.getBlock(query.at.block))?.timestamp
      }
    }
  }
  if (time === undefined && query.at.block !== undefined && provider)
    time = (await provider.getBlock(query.at.block))?.timestamp
  if (time === undefined)
    return {
      priced: false,
      currency,
      reason: `the time of block ${query.at.block} is unknown (no chain connection)`,
      notes,
    }
  return valueFromCsv(db, { ...query, at: { time } }, currency, notes)
}

/** The CSV half of valueAt, synchronous, for code that has the time and no chain connection (reports). */
export function valueFromCsv(
  db: Db,
  query: Omit<ValueQuery, 'at'> & { at: { time: number } },
  currency = reportingCurrency(db),
  notes: string[] = [],
): Valuation {
  const info = pricedTokenInfo(db, query.chainId, query.token)
  if (!info)
    return { priced: false, currency, reason: `${query.token} is not a token of chain ${query.chainId}`, notes }
  const day = dayOf(query.at.time)
  const stored = csvPriceOn(db, query.chainId, info.token, currency, day)
  if ('missing' in stored) return { priced: false, currency, reason: `${info.symbol}: ${stored.missing}`, notes }
  const price = parsePrice(stored.price)
  if (typeof price === 'string') throw new Error(`a stored price is not a price: ${price}`)
  return {
    priced: true,
    currency,
    value: multiplyToValue(query.amount, info.decimals, price),
    price: stored.price,
    source: { kind: 'csv', day: stored.day, importSource: stored.importSource, importedAt: stored.importedAt },
    notes,
  }
}
