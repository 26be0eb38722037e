// The sandbox's clock, which the user may move forward to see a vote end or a timelock delay pass (sandbox only).
import type { ChainRecord } from '../chain/store'
import { rpcProvider } from '../chain/rpc'
import { ApiError } from '../../../shared/errors'

export function requireSandbox(chain: ChainRecord) {
  if (!chain.isSandbox) throw new ApiError('BAD_INPUT', 'only on the sandbox chain')
}

/** evm_increaseTime then hardhat_mine: the next blocks carry the later time, and block-clock votes move too. */
export async function advanceSandboxTime(chain: ChainRecord, seconds: number, blocks: number) {
  requireSandbox(chain)
  const provider = rpcProvider(chain.rpcUrl, chain.chainId)
  try {
    if (seconds > 0) await provider.send('evm_increaseTime', [seconds])
    await provider.send('hardhat_mine', [`0x${blocks.toString(16)}`])
    const block = await provider.getBlock('latest')
    return { blockNumber: block!.number, timestamp: block!.timestamp }
  } finally {
    provider.destroy()
  }
}
