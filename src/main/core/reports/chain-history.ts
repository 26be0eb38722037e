import { Contract, id, zeroPadValue, type JsonRpcProvider } from 'ethers'
import type { Db } from '../db/open'
import { nativeCurrency } from '../tokens/native'

/**
 * Treasury history read from the chain itself: balances at a past block and the transfers in and out of a Safe.
 * Past balances need a node that keeps history (an archive node; the sandbox's Hardhat does); callers fall back
 * to the last synced snapshot and say so when the node refuses.
 */

export interface TokenRef {
  symbol: string
  /** null = the chain's native coin. */
  address: string | null
  decimals: number
}

/** The chain's own coin as a TokenRef, named as the workspace names it. */
export function nativeRef(db: Db, chainId: number): TokenRef {
  const { symbol, decimals } = nativeCurrency(db, chainId)
  return { symbol, address: null, decimals }
}

const ERC20 = ['function balanceOf(address) view returns (uint256)']
const TRANSFER = id('Transfer(address,address,uint256)')
/** Safe ≥ 1.3 emits SafeReceived(sender, value) from receive() for every plain native-coin transfer in. */
const SAFE_RECEIVED = id('SafeReceived(address,uint256)')
const LOG_WINDOW = 5_000

/**
 * The last block mined at or before `unixSeconds`, or -1 when the chain did not exist yet. Binary search.
 * `null` means now: the latest block, whatever its timestamp (a node mining many blocks a second, like the
 * sandbox's, stamps them ahead of the wall clock).
 */
export async function blockAtOrBefore(provider: JsonRpcProvider, unixSeconds: number | null): Promise<number> {
  const latest = await provider.getBlock('latest')
  if (!latest) throw new Error('the node returned no latest block')
  if (unixSeconds === null || latest.timestamp <= unixSeconds) return latest.number
  const genesis = await provider.getBlock(0)
  if (!genesis || genesis.timestamp > unixSeconds) return -1
  let lo = 0
  let hi = latest.number
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    const block = await provider.getBlock(mid)
    if (!block) throw new Error(`the node has no block ${mid}`)
    if (block.timestamp <= unixSeconds) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** Balances (base units) of `holder` at the end of `block`; -1 (before the chain existed) is all zeros. */
export async function balancesAt(
  provider: JsonRpcProvider,
  holder: string,
  tokens: readonly TokenRef[],
  block: number,
): Promise<bigint[]> {
  if (block < 0) return tokens.map(() => 0n)
  return Promise.all(
    tokens.map(async (token) => {
      if (token.address === null) return provider.getBalance(holder, block)
      // A token deployed after `block` has no code there: its balance was zero, not an error.
      if ((await provider.getCode(token.address, block)) === '0x') return 0n
      return (await new Contract(token.address, ERC20, provider).balanceOf(holder, { blockTag: block })) as bigint
    }),
  )
}

const SAFE_POLICY = ['function getOwners() view returns (address[])', 'function getThreshold() view returns (uint256)']

/** The Safe's owners and threshold as the chain has them now. */
export async function safePolicy(
  provider: JsonRpcProvider,
  safe: string,
): Promise<{ owners: string[]; threshold: number }> {
  const contract = new Contract(safe, SAFE_POLICY, provider)
  const [owners, threshold] = (await Promise.all([contract.getOwners(), contract.getThreshold()])) as [string[], bigint]
  return { owners: owners.map(String), threshold: Number(threshold) }
}

export interface Flow {
  token: TokenRef
  inflow: bigint
  outflow: bigint
  transfersIn: number
  transfersOut: number
  /** Transaction hashes of the outgoing transfers, for categorisation. */
  outgoing: Array<{ txHash: string; amount: bigint }>
  incoming: Array<{ txHash: string; amount: bigint }>
  /** True when the outflow was derived (start + in − end) because the chain logs no event for it (native coin out). */
  derived: boolean
}

/**
 * Transfers in and out of `safe` in blocks (fromBlock, toBlock]: ERC-20 Transfer logs both ways, native coin in from
 * SafeReceived. A Safe logs no amount for the native coin it sends, so that outflow is derived from the balances.
 */
export async function safeFlows(
  provider: JsonRpcProvider,
  safe: string,
  tokens: readonly TokenRef[],
  fromBlock: number,
  toBlock: number,
  startBalances: readonly bigint[],
  endBalances: readonly bigint[],
): Promise<Flow[]> {
  const first = fromBlock + 1
  const padded = zeroPadValue(safe, 32)
  const flows: Flow[] = []
  for (const [i, token] of tokens.entries()) {
    const flow: Flow = {
      token,
      inflow: 0n,
      outflow: 0n,
      transfersIn: 0,
      transfersOut: 0,
      outgoing: [],
      incoming: [],
      derived: false,
    }
    if (first <= toBlock) {
      if (token.address === null) {
        for (const log of await logs(provider, { address: safe, topics: [SAFE_RECEIVED] }, first, toBlock)) {
          const amount = BigInt(log.data.slice(0, 66))
          flow.inflow += amount
          flow.transfersIn++
          flow.incoming.push({ txHash: log.transactionHash, amount })
        }
        const out = startBalances[i] + flow.inflow - endBalances[i]
        flow.outflow = out > 0n ? out : 0n
        flow.derived = true
      } else {
        for (const log of await logs(
          provider,
          { address: token.address, topics: [TRANSFER, null, padded] },
          first,
          toBlock,
        )) {
          const amount = BigInt(log.data)
          flow.inflow += amount
          flow.transfersIn++
          flow.incoming.push({ txHash: log.transactionHash, amount })
        }
        for (const log of await logs(
          provider,
          { address: token.address, topics: [TRANSFER, padded] },
          first,
          toBlock,
        )) {
          const amount = BigInt(log.data)
          flow.outflow += amount
          flow.transfersOut++
          flow.outgoing.push({ txHash: log.transactionHash, amount })
        }
      }
    }
    flows.push(flow)
  }
  return flows
}

/** eth_getLogs over [from, to] in windows of LOG_WINDOW blocks. */
export async function logs(
  provider: JsonRpcProvider,
  filter: { address: string; topics: Array<string | null> },
  from: number,
  to: number,
) {
  const all = []
  // Public RPCs cap the block span of eth_getLogs; walk the period in windows.
  for (let start = from; start <= to; start += LOG_WINDOW) {
    const end = Math.min(to, start + LOG_WINDOW - 1)
    all.push(...(await provider.getLogs({ ...filter, fromBlock: start, toBlock: end })))
  }
  return all
}
