import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Contract, id as keccakText, parseUnits } from 'ethers'
import { createPublicClient, http, parseAbi, type Hex } from 'viem'
import { rpcBatch } from '../../src/main/core/governance'
import { WeightsStoppedError, readWeightsFromChain } from '../../src/main/core/governance/weights'
import type { SandboxInfo } from '../../src/main/core/sandbox'
import type { HardhatNode } from '../../src/main/core/sandbox/hardhat-node'
import { MULTICALL3_ADDRESS } from '../../src/main/core/tokens/balances'
import { decodePastVotesReader, pastVotesReaderCall } from '../../src/main/core/governance/past-votes-reader'
import { generateHolders, type GeneratedHolders } from '../../bench/holders-generator'
import { startFaultProxy } from '../faults/rpc-proxy'
import { encodePastVotesAggregate } from '../../src/main/core/governance/past-votes-multicall'
import { account, deploy, hdWallet, plainProvider, startPlainNode, testArtifact } from './plain-chain'

const CHAIN_ID = 31_342
// 2,000 holders: 1,600 vote (each delegated to itself), the other 400 delegate to the first 40 (ten each), so those
// have many checkpoints and the last 400 have no voting power of their own.
const SCALE = { holders: 2_000, transfers: 4_000, votes: 1_600, delegates: 40 }

/**
 * Voting power of a few thousand accounts read through the votes reader (state override), Multicall3 (hand-encoded
 * aggregate3) and JSON-RPC batches, on a chain the app did not set up, through a proxy dropping every third eth_call:
 * every weight equals viem's own getPastVotes (one eth_call each at `latest`, JSON-RPC batched by viem), also after a
 * reorg replaced the snapshot block; a snapshot the chain's clock has not passed is refused.
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
    const votes = await viemPastVotes(generated.holders, snapshot)
    generated.holders.forEach((a, i) => want.set(a, votes[i]))
  }, 600_000)

  /** The independent answer: viem's readContract of getPastVotes, one eth_call each (JSON-RPC batched). */
  function viemPastVotes(accounts: string[], block: number, blockNumber?: bigint) {
    const viem = createPublicClient({ transport: http(node.rpcUrl, { batch: { batchSize: 250 } }) })
    const abi = parseAbi(['function getPastVotes(address, uint256) view returns (uint256)'])
    return Promise.all(
      accounts.map((a) =>
        viem.readContract({
          address: generated.token as Hex,
          abi,
          functionName: 'getPastVotes',
          args: [a as Hex, BigInt(block)],
          ...(blockNumber !== undefined ? { blockNumber } : {}),
        }),
      ),
    )
  }

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
      // Every second eth_call dropped: the reader's probe passes, its first chunk is dropped and asked again.
      proxy.setMode('drop-calls', 2)
      const base = { rpcUrl: proxy.url, token: generated.token, block: snapshot, accounts: voters }
      // Hardhat takes state overrides: the reader by default, a few calls of up to 2,000 accounts.
      const reader = await readWeightsFromChain({ ...base, blockClock: true })
      expect(reader.via).toBe('reader')
      expect(proxy.dropState.dropped).toBeGreaterThan(0)
      for (const v of voters) expect(reader.weights.get(v), v).toBe(want.get(v))

      proxy.setMode('drop-calls', 3)
      const batched = await readWeightsFromChain({ ...base, via: 'rpc-batch' })
      expect(batched.via).toBe('rpc-batch')
      for (const v of voters) expect(batched.weights.get(v), v).toBe(want.get(v))

      await rpcBatch(node.rpcUrl, [
        { method: 'hardhat_setCode', params: [MULTICALL3_ADDRESS, testArtifact('Multicall3Subset').deployedBytecode] },
      ])
      proxy.setMode('drop-calls', 3)
      const progress: number[] = []
      const multicall = await readWeightsFromChain({
        ...base,
        via: 'multicall',
        onProgress: (done) => progress.push(done),
      })
      expect(multicall.via).toBe('multicall')
      expect(proxy.dropState.dropped).toBeGreaterThan(0)
      for (const v of voters) expect(multicall.weights.get(v), v).toBe(want.get(v))
      expect(progress[0]).toBe(0)
      expect(progress.at(-1)).toBe(voters.length)

      // Every eth_call dropped: refused after its retries, naming the accounts (the reader's probe gives up too).
      proxy.setMode('drop-calls', 1)
      await expect(readWeightsFromChain(base)).rejects.toThrow(/accounts \d+–\d+ failed 4 times/)
      proxy.setMode('drop-calls', 1)
      await expect(readWeightsFromChain({ ...base, via: 'reader' })).rejects.toThrow(/accounts \d+–\d+ failed 4 times/)

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
      via: 'multicall',
      onProgress: (done) => progress.push(done),
    })
    expect(read.via).toBe('multicall')
    accounts.forEach((a, i) => expect(read.weights.get(a), a).toBe(reference[i]))
    expect(progress.at(-1)).toBe(accounts.length)

    // The default path on this node, the votes reader, answers what its gas allows a call and asks for the rest again.
    const byReader = await readWeightsFromChain({ rpcUrl: node.rpcUrl, token, block, accounts })
    expect(byReader.via).toBe('reader')
    accounts.forEach((a, i) => expect(byReader.weights.get(a), a).toBe(reference[i]))
  }, 300_000)

  it('the reader answers as many votes as its gas allows (the rest asked again), each equal to viem', async () => {
    const voters = generated.holders.slice(0, 600)
    const [call, tag, override] = pastVotesReaderCall(generated.token, voters, snapshot)
    const [full] = await rpcBatch(node.rpcUrl, [{ method: 'eth_call', params: [call, tag, override] }])
    expect(decodePastVotesReader(full.result as string, voters.length, snapshot)).toEqual(
      voters.map((v) => want.get(v)),
    )
    // 1.5 M gas: the reader stops before running out, with the first votes read.
    const [part] = await rpcBatch(node.rpcUrl, [
      { method: 'eth_call', params: [{ ...call, gas: '0x' + (1_500_000).toString(16) }, tag, override] },
    ])
    const first = decodePastVotesReader(part.result as string, voters.length, snapshot)
    expect(first.length).toBeGreaterThan(10)
    expect(first.length).toBeLessThan(voters.length)
    expect(first).toEqual(voters.slice(0, first.length).map((v) => want.get(v)))
  })

  it('refuses a snapshot the clock has not passed; after a reorg reads the new chain at latest, equal to viem', async () => {
    const provider = plainProvider(node.rpcUrl)
    // A new nonce manager for each transfer: the reverted chain forgets the funder's transaction.
    const token = () =>
      new Contract(
        generated.token,
        ['function transfer(address to, uint256 amount) returns (bool)'],
        account(provider, 0),
      )
    const voters = generated.holders.slice(SCALE.votes - 50, SCALE.votes)
    const read = (block: number) =>
      readWeightsFromChain({ rpcUrl: node.rpcUrl, token: generated.token, block, accounts: voters, blockClock: true })

    const before = (await provider.send('evm_snapshot', [])) as string
    await (await token().transfer(voters[0], parseUnits('1000', 18))).wait()
    const moved = await provider.getBlockNumber()
    // The head itself: getPastVotes would answer "future lookup" at latest; refused up front, with the block to wait for.
    await expect(read(moved)).rejects.toThrow(`the snapshot block ${moved} is not past yet`)
    await rpcBatch(node.rpcUrl, [{ method: 'hardhat_mine', params: ['0x1'] }])
    const first = await read(moved)
    expect(first.via).toBe('reader')
    expect(voters.map((v) => first.weights.get(v))).toEqual(await viemPastVotes(voters, moved))
    expect(first.weights.get(voters[0])).toBe(want.get(voters[0])! + parseUnits('1000', 18))

    // A reorg replaces block `moved` with one moving the tokens to another voter: read at latest, the same snapshot
    // now answers the new chain's history (as viem reading at that block number does), not the replaced one.
    expect(await provider.send('evm_revert', [before])).toBe(true)
    await (await token().transfer(voters[1], parseUnits('700', 18))).wait()
    expect(await provider.getBlockNumber()).toBe(moved)
    await rpcBatch(node.rpcUrl, [{ method: 'hardhat_mine', params: ['0x3'] }])
    const second = await read(moved)
    expect(voters.map((v) => second.weights.get(v))).toEqual(await viemPastVotes(voters, moved, BigInt(moved + 1)))
    expect(second.weights.get(voters[0])).toBe(want.get(voters[0]))
    expect(second.weights.get(voters[1])).toBe(want.get(voters[1])! + parseUnits('700', 18))
  })
})
