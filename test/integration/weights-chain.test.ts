import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPublicClient, http, parseAbi, type Hex } from 'viem'
import { rpcBatch } from '../../src/main/core/governance'
import { WeightsStoppedError, readWeightsFromChain } from '../../src/main/core/governance/weights'
import type { SandboxInfo } from '../../src/main/core/sandbox'
import type { HardhatNode } from '../../src/main/core/sandbox/hardhat-node'
import { MULTICALL3_ADDRESS } from '../../src/main/core/tokens/balances'
import { generateHolders, type GeneratedHolders } from '../../bench/holders-generator'
import { startFaultProxy } from '../faults/rpc-proxy'
import { hdWallet, startPlainNode, testArtifact } from './plain-chain'

const CHAIN_ID = 31_342
// 2,000 holders: 1,600 vote (each delegated to itself), the other 400 delegate to the first 40 (ten each), so those
// have many checkpoints and the last 400 have no voting power of their own.
const SCALE = { holders: 2_000, transfers: 4_000, votes: 1_600, delegates: 40 }

/**
 * Voting power of a few thousand accounts read through Multicall3 (hand-encoded aggregate3) and through JSON-RPC
 * batches, on a chain the app did not set up, through a proxy dropping every third eth_call: every weight equals
 * viem's own getPastVotes (one eth_call each, JSON-RPC batched by viem).
 */
describe('weights from the chain, against viem', () => {
  let node: HardhatNode
  let generated: GeneratedHolders
  let snapshot: number
  const want = new Map<string, bigint>()

  beforeAll(async () => {
    node = await startPlainNode(CHAIN_ID)
    const chain = { rpcUrl: node.rpcUrl, chainId: CHAIN_ID, funder: { privateKey: hdWallet(0).privateKey } }
    generated = await generateHolders(chain as unknown as SandboxInfo, SCALE, () => {})
    snapshot = generated.readyBlock
    await rpcBatch(node.rpcUrl, [{ method: 'hardhat_mine', params: ['0x2'] }])
    const viem = createPublicClient({ transport: http(node.rpcUrl, { batch: { batchSize: 250 } }) })
    const abi = parseAbi(['function getPastVotes(address, uint256) view returns (uint256)'])
    const votes = await Promise.all(
      generated.holders.map((a) =>
        viem.readContract({
          address: generated.token as Hex,
          abi,
          functionName: 'getPastVotes',
          args: [a as Hex, BigInt(snapshot)],
        }),
      ),
    )
    generated.holders.forEach((a, i) => want.set(a, votes[i]))
  }, 600_000)

  afterAll(async () => {
    await node?.stop()
  })

  it('equal viem for every voter, via batches and via Multicall3, through dropped eth_calls; stops when told', async () => {
    const voters = generated.holders
    // The independent answers are not trivial: the delegates hold more than their own, the delegators nothing.
    expect([...want.values()].filter((v) => v === 0n)).toHaveLength(SCALE.holders - SCALE.votes)
    expect(want.get(voters[0])! > want.get(voters[SCALE.votes - 1])!).toBe(true)

    const proxy = await startFaultProxy(node.rpcUrl)
    try {
      proxy.setMode('drop-calls', 3)
      const base = { rpcUrl: proxy.url, token: generated.token, block: snapshot, accounts: voters }
      const batched = await readWeightsFromChain(base)
      expect(batched.via).toBe('rpc-batch')
      for (const v of voters) expect(batched.weights.get(v), v).toBe(want.get(v))

      await rpcBatch(node.rpcUrl, [
        { method: 'hardhat_setCode', params: [MULTICALL3_ADDRESS, testArtifact('Multicall3Subset').deployedBytecode] },
      ])
      proxy.setMode('drop-calls', 3)
      const progress: number[] = []
      const multicall = await readWeightsFromChain({ ...base, onProgress: (done) => progress.push(done) })
      expect(multicall.via).toBe('multicall')
      expect(proxy.dropState.dropped).toBeGreaterThan(0)
      for (const v of voters) expect(multicall.weights.get(v), v).toBe(want.get(v))
      expect(progress[0]).toBe(0)
      expect(progress.at(-1)).toBe(voters.length)

      // Every eth_call dropped: refused after its retries, naming the accounts.
      proxy.setMode('drop-calls', 1)
      await expect(readWeightsFromChain(base)).rejects.toThrow(/accounts \d+–\d+ failed 4 times/)

      proxy.setMode('pass')
      const stop = new AbortController()
      const stopped = readWeightsFromChain({ ...base, signal: stop.signal, onProgress: (d) => d > 0 && stop.abort() })
      await expect(stopped).rejects.toThrow(WeightsStoppedError)
    } finally {
      await proxy.close()
    }
  })
})
