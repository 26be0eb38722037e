import { getAddress, id, toQuantity, ZeroAddress } from 'ethers'
import { getLogs, scanLogRanges, type RawLog } from '../tokens/log-ranges'

const TRANSFER = id('Transfer(address,address,uint256)')
const DELEGATE_VOTES_CHANGED = id('DelegateVotesChanged(address,uint256,uint256)')

export interface DistributionsAtBlock {
  /** Delegated voting power per delegate: the newBalance of its last DelegateVotesChanged up to the block. */
  votes: Map<string, bigint>
  /** Token balance per holder, replayed from Transfer logs (mints from and burns to the zero address left out). */
  balances: Map<string, bigint>
  fromBlock: number
  toBlock: number
  logs: number
  splits: number
}

const addressOf = (topic: string) => getAddress('0x' + topic.slice(26))

/**
 * Voting power and balances of a votes token as they stood at `block`, from its own Transfer and
 * DelegateVotesChanged logs read in bounded ranges (a range the RPC refuses is split): no per-account calls.
 */
export async function distributionsAt(
  url: string,
  token: string,
  block: number,
  opts: { fromBlock?: number; rangeBlocks?: number; signal?: AbortSignal } = {},
): Promise<DistributionsAtBlock> {
  const votes = new Map<string, bigint>()
  const balances = new Map<string, bigint>()
  const fromBlock = opts.fromBlock ?? 0
  let logs = 0
  const apply = (log: RawLog) => {
    const [topic, first, second] = log.topics
    if (topic === DELEGATE_VOTES_CHANGED) {
      // data: previousBalance, newBalance (two words).
      votes.set(addressOf(first), BigInt('0x' + log.data.slice(66, 130)))
    } else if (topic === TRANSFER && log.topics.length === 3) {
      const value = BigInt(log.data === '0x' ? 0 : log.data)
      const from = addressOf(first)
      const to = addressOf(second)
      if (from !== ZeroAddress) balances.set(from, (balances.get(from) ?? 0n) - value)
      if (to !== ZeroAddress) balances.set(to, (balances.get(to) ?? 0n) + value)
    }
  }
  const { splits } = await scanLogRanges<RawLog>({
    fromBlock,
    toBlock: block,
    rangeBlocks: opts.rangeBlocks,
    signal: opts.signal,
    read: (start, end) =>
      getLogs(url, {
        address: token,
        fromBlock: toQuantity(start),
        toBlock: toQuantity(end),
        topics: [[TRANSFER, DELEGATE_VOTES_CHANGED]],
      }),
    onRange: (items) => {
      logs += items.length
      for (const log of items) apply(log)
    },
  })
  for (const [holder, balance] of balances) if (balance <= 0n) balances.delete(holder)
  for (const [delegate, power] of votes) if (power <= 0n) votes.delete(delegate)
  return { votes, balances, fromBlock, toBlock: block, logs, splits }
}
