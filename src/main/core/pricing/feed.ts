import { Contract, type Provider } from 'ethers'

/** The read half of Chainlink's AggregatorV3Interface. */
export const AGGREGATOR_V3_ABI = [
  'function decimals() view returns (uint8)',
  'function description() view returns (string)',
  'function version() view returns (uint256)',
  'function latestRoundData() view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)',
] as const

export interface FeedAnswer {
  roundId: bigint
  answer: bigint
  updatedAt: number
  answeredInRound: bigint
  decimals: number
  /** Timestamp of the block read at. */
  blockTime: number
}

/** A feed that answered but whose answer must not be used, with why. */
export class FeedRefused extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = 'FeedRefused'
  }
}

/** The feed's metadata, read at the head: checks the address is an aggregator before the workspace names it. */
export async function readFeedInfo(
  provider: Provider,
  feed: string,
): Promise<{ decimals: number; description: string }> {
  if ((await provider.getCode(feed)) === '0x') throw new FeedRefused(`${feed} has no contract code on this chain`)
  const aggregator = new Contract(feed, AGGREGATOR_V3_ABI, provider)
  let decimals: bigint
  let description: string
  try {
    decimals = (await aggregator.decimals()) as bigint
    description = (await aggregator.description()) as string
    await aggregator.latestRoundData()
  } catch {
    throw new FeedRefused(
      `${feed} does not answer decimals(), description() and latestRoundData() as an AggregatorV3Interface feed`,
    )
  }
  if (decimals > 36n) throw new FeedRefused(`${feed} reports ${decimals} decimals, more than any price feed uses`)
  return { decimals: Number(decimals), description: description.slice(0, 120) }
}

/**
 * latestRoundData() and decimals() as they were at `block` (eth_call with that block tag), with the checks a
 * consumer of a Chainlink feed must make: a positive answer, a completed round that is not carried over from an
 * earlier one, updated no longer than `maxAgeSeconds` before the block.
 */
export async function readFeedAt(
  provider: Provider,
  feed: string,
  block: number,
  maxAgeSeconds: number,
): Promise<FeedAnswer> {
  const aggregator = new Contract(feed, AGGREGATOR_V3_ABI, provider)
  const blockInfo = await provider.getBlock(block)
  if (!blockInfo) throw new FeedRefused(`block ${block} is not on this chain yet`)
  let decimals: bigint
  let round: [bigint, bigint, bigint, bigint, bigint]
  try {
    decimals = (await aggregator.decimals({ blockTag: block })) as bigint
    round = (await aggregator.latestRoundData({ blockTag: block })) as unknown as typeof round
  } catch {
    throw new FeedRefused(`the feed ${feed} did not answer at block ${block} (not deployed yet, or not a feed)`)
  }
  const [roundId, answer, , updatedAt, answeredInRound] = round
  if (updatedAt === 0n) throw new FeedRefused(`the feed's round ${roundId} at block ${block} is not complete`)
  if (answer <= 0n) throw new FeedRefused(`the feed answered ${answer} at block ${block}: not a positive price`)
  if (answeredInRound < roundId)
    throw new FeedRefused(`the feed's answer at block ${block} is carried over from round ${answeredInRound} (stale)`)
  const age = blockInfo.timestamp - Number(updatedAt)
  if (age > maxAgeSeconds)
    throw new FeedRefused(
      `the feed's answer at block ${block} was updated ${age} s before the block, more than its ${maxAgeSeconds} s limit (stale)`,
    )
  return {
    roundId,
    answer,
    updatedAt: Number(updatedAt),
    answeredInRound,
    decimals: Number(decimals),
    blockTime: blockInfo.timestamp,
  }
}

/** The quote currency a feed's description names ("ETH / USD" → USD), or null when it names none. */
export function feedQuoteCurrency(description: string): string | null {
  const match = /\/\s*([A-Za-z]{3,5})\s*$/.exec(description)
  return match ? match[1].toUpperCase() : null
}
