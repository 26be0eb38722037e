import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Contract, id as keccakText } from 'ethers'
import { createPublicClient, http, parseAbi, type Hex } from 'viem'
import { rpcBatch } from '../../src/main/core/governance'
import { WeightsStoppedError, readWeightsFromChain } from '../../src/main/core/governance/weights'
import type { SandboxInfo } from '../../src/main/core/sandbox'
import type { HardhatNode } from '../../src/main/core/sandbox/hardhat-node'
import { MULTICALL3_ADDRESS } from '../../src/main/core/tokens/balances'
import { generateHolders, type GeneratedHolders } from '../../bench/holders-generator'
import { startFaultProxy } from '../faults/rpc-proxy'
import { encodePastVotesAggregate } from '../../src/main/core/governance/past-votes-multicall'
import { account, deploy, hdWallet, plainProvider, startPlainNode, testArtifact } from './plain-chain'

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

  it('halve chunks the node refuses for gas: a token whose getPastVotes costs ~46k gas, every weight equal to viem', async () => {
    // A token the app did not deploy, whose getPastVotes burns 40,000 gas more than OpenZeppelin's; accounts 1–9
    // hold different amounts, eight delegate to themselves and the ninth to account 2.
    const provider = plainProvider(node.rpcUrl)
    const artifact = testArtifact('CostlyVotesToken')
    const token = await deploy(account(provider, 1), artifact, [10n ** 24n])
    const holders = Array.from({ length: 9 }, (_, i) => hdWallet(i + 1).address)
    const asHolder = (i: number) => new Contract(token, artifact.abi as never, account(provider, i + 1))
    for (let i = 1; i < 9; i++)
      await (await asHolder(0).getFunction('transfer')(holders[i], BigInt(i) * 10n ** 21n)).wait()
    for (let i = 0; i < 9; i++)
      await (await asHolder(i).getFunction('delegate')(i === 8 ? holders[1] : holders[i])).wait()
    const block = Number(
      BigInt((await rpcBatch(node.rpcUrl, [{ method: 'eth_blockNumber', params: [] }]))[0].result as string),
    )
    await rpcBatch(node.rpcUrl, [{ method: 'hardhat_mine', params: ['0x2'] }])
    await rpcBatch(node.rpcUrl, [
      { method: 'hardhat_setCode', params: [MULTICALL3_ADDRESS, testArtifact('Multicall3Subset').deployedBytecode] },
    ])
    // 600 accounts (a chunk of 400 that must be halved, and one of 200): the holders spread among accounts with no
    // votes (each still costs the extra gas).
    const accounts = Array.from({ length: 600 }, (_, i) =>
      i % 66 === 5 && i < 9 * 66 ? holders[Math.floor(i / 66)] : keccakText(`costly-${i}`).slice(0, 42),
    )
    expect(new Set(accounts.filter((a) => holders.includes(a))).size).toBe(9)

    // The premise: 400 getPastVotes in one aggregate3 (~18.6 M gas) do not fit this node's eth_call cap (2^24).
    // The node answers an error, not a starved last call: after the loop aggregate3 still has to encode every result.
    const [whole] = await rpcBatch(node.rpcUrl, [
      {
        method: 'eth_call',
        params: [
          { to: MULTICALL3_ADDRESS, data: encodePastVotesAggregate(token, accounts.slice(0, 400), block) },
          'latest',
        ],
      },
    ])
    expect(whole.error?.message).toMatch(/out of gas/i)

    // Each of these calls runs ~46k gas of Hardhat's JavaScript EVM: small batches, and time for a loaded machine.
    const viem = createPublicClient({ transport: http(node.rpcUrl, { batch: { batchSize: 50 }, timeout: 120_000 }) })
    const abi = parseAbi(['function getPastVotes(address, uint256) view returns (uint256)'])
    const reference = await Promise.all(
      accounts.map((a) =>
        viem.readContract({
          address: token as Hex,
          abi,
          functionName: 'getPastVotes',
          args: [a as Hex, BigInt(block)],
        }),
      ),
    )
    // Not trivial: the delegate of two holds their sum, the one who delegated away holds nothing.
    expect(reference.filter((v) => v > 0n)).toHaveLength(8)

    const progress: number[] = []
    const read = await readWeightsFromChain({
      rpcUrl: node.rpcUrl,
      token,
      block,
      accounts,
      onProgress: (done) => progress.push(done),
    })
    expect(read.via).toBe('multicall')
    accounts.forEach((a, i) => expect(read.weights.get(a), a).toBe(reference[i]))
    expect(progress.at(-1)).toBe(accounts.length)
  }, 300_000)
})
