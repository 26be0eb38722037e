import { z } from 'zod'
import { call } from './define'
import { address, baseUnits } from './primitives'

/** Where a value's price came from: an on-chain feed read at the block, or a row of an imported price CSV. */
export type PriceSource =
  | {
      kind: 'feed'
      feed: string
      description: string
      /** The round the feed answered with at `block` (uint80, decimal text). */
      roundId: string
      /** Seconds since the epoch when that round was updated. */
      updatedAt: number
      block: number
    }
  | { kind: 'csv'; day: string; importSource: string; importedAt: string }

/**
 * A token amount in the reporting currency. `value` and `price` are exact decimal strings (never a float). With no
 * price the answer says so and why, never 0. `notes` tells, for example, that a feed was refused before the CSV
 * price was used.
 */
export type Valuation =
  | { priced: true; currency: string; value: string; price: string; source: PriceSource; notes: string[] }
  | { priced: false; currency: string; reason: string; notes: string[] }

export interface PriceFeedView {
  chainId: number
  /** A checksummed ERC-20 address, or 'native' for the chain's coin. */
  token: string
  symbol: string
  feed: string
  decimals: number
  description: string
  maxAgeSeconds: number
  addedAt: string
}

export interface PriceImportView {
  id: number
  source: string
  sha256: string
  currency: string
  rows: number
  importedAt: string
}

export interface PricedTokenView {
  chainId: number
  token: string
  symbol: string
  currency: string
  days: number
  firstDay: string
  lastDay: string
  lastPrice: string
}

export interface PricingOverview {
  currency: string
  chainId: number | null
  feeds: PriceFeedView[]
  imports: PriceImportView[]
  tokens: PricedTokenView[]
}

export interface PriceCsvImport {
  importId: number
  source: string
  currency: string
  /** Rows stored; `replaced` of them overwrote a price already held for that token and day. */
  rows: number
  replaced: number
  tokens: Array<{ token: string; symbol: string; firstDay: string; lastDay: string }>
}

const chainId = z
  .number()
  .int()
  .min(1)
  .max(2 ** 53 - 1)
  .optional()

/** ISO 4217-like code: three to five capital letters (USD, EUR, CHF; USDC for a stablecoin book). */
export const currencyCode = z
  .string()
  .trim()
  .regex(/^[A-Z]{3,5}$/, 'a currency code is 3 to 5 capital letters, like USD or EUR')

/** A checksummed token address, or 'native' for the chain's coin. */
export const pricedToken = z.union([z.literal('native'), address])

export const pricingContract = {
  /** The reporting currency, the feeds, the price imports and which tokens have CSV prices. */
  'pricing.overview': call<PricingOverview>()(z.object({ chainId }).strict()),
  'pricing.setCurrency': call<PricingOverview>()(z.object({ currency: currencyCode }).strict()),
  /**
   * A price CSV (`date,token,price`: UTC day, token address / symbol / native, price in the reporting currency).
   * Every bad row refuses the whole file and is named by its line; nothing is stored then.
   */
  'pricing.importCsv': call<PriceCsvImport>()(
    z
      .object({
        chainId,
        csv: z.string().min(1).max(20_000_000),
        source: z.string().trim().min(1, 'name the source of the prices').max(200),
      })
      .strict(),
  ),
  /** Names a Chainlink-style AggregatorV3Interface feed for a token; decimals and description are read from it. */
  'pricing.setFeed': call<PriceFeedView>()(
    z
      .object({
        chainId,
        token: pricedToken,
        feed: address,
        maxAgeSeconds: z
          .number()
          .int()
          .min(60)
          .max(30 * 86_400)
          .optional(),
      })
      .strict(),
  ),
  'pricing.removeFeed': call<{ removed: boolean }>()(z.object({ chainId, token: pricedToken }).strict()),
  /** One amount in the reporting currency at a block (feed, else CSV for that block's day) or at a time (CSV). */
  'pricing.value': call<Valuation>()(
    z
      .object({
        chainId,
        token: pricedToken,
        amount: baseUnits,
        block: z
          .number()
          .int()
          .min(0)
          .max(2 ** 53 - 1)
          .optional(),
        /** Seconds since the epoch. */
        time: z
          .number()
          .int()
          .min(0)
          .max(2 ** 40)
          .optional(),
      })
      .strict()
      .refine((v) => v.block !== undefined || v.time !== undefined, 'give a block or a time'),
  ),
}
