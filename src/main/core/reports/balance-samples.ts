import type { JsonRpcProvider } from 'ethers'
import { blockAtOrBefore } from './chain-history'

export interface BlockSample {
  block: number
  /** The block's own timestamp (ms since the epoch): when the chain says this balance stood. */
  time: number
}

/** The first block at which `account` has code (a Safe's deployment), or null when it has none at `head`. */
export async function deploymentBlock(
  provider: JsonRpcProvider,
  account: string,
  head: number,
): Promise<number | null> {
  if ((await provider.getCode(account, head)) === '0x') return null
  let lo = 0
  let hi = head
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2)
    if ((await provider.getCode(account, mid)) === '0x') lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Blocks at which to read a balance over a period, spread evenly in chain time between the period's first and last
 * block, each labelled with its own timestamp. Without a start, the period starts when `account` was deployed (its
 * history on chain, not when this workspace was made). The wall clock never labels a sample: a node that stamps
 * blocks ahead of it (or a workspace made after the history) would otherwise give samples all within one minute.
 */
export async function sampleBlocks(
  provider: JsonRpcProvider,
  opts: { fromSeconds: number | null; toSeconds: number | null; account: string; samples: number },
): Promise<BlockSample[]> {
  const last = await blockAtOrBefore(provider, opts.toSeconds)
  if (last < 0) return []
  const first =
    opts.fromSeconds !== null
      ? Math.max(0, await blockAtOrBefore(provider, opts.fromSeconds))
      : ((await deploymentBlock(provider, opts.account, last)) ?? last)
  const timeOf = async (block: number) => {
    const b = await provider.getBlock(block)
    if (!b) throw new Error(`the node has no block ${block}`)
    return b.timestamp
  }
  const [startTime, endTime] = [await timeOf(first), await timeOf(last)]
  const blocks = new Set<number>([first])
  for (let i = 1; i < opts.samples; i++) {
    const at = startTime + Math.floor(((endTime - startTime) * i) / opts.samples)
    blocks.add(Math.max(first, await blockAtOrBefore(provider, at)))
  }
  blocks.add(last)
  const ordered = [...blocks].sort((a, b) => a - b)
  const out: BlockSample[] = []
  for (const block of ordered) out.push({ block, time: (await timeOf(block)) * 1000 })
  return out
}
