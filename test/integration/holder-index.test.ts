import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Contract, getAddress, parseUnits } from 'ethers'
import { createPublicClient, http, parseAbi } from 'viem'
import { openDatabase } from '../../src/main/core/db/open'
import { tokenArtifact } from '../../src/main/core/sandbox/artifacts'
import { concentrationOf } from '../../src/main/core/governance/concentration'
import {
  IndexNotCoveringError,
  holderAt,
  holderMetrics,
  syncHolderIndex,
} from '../../src/main/core/governance/holder-index'
import { dropOrderIndexes } from '../../src/main/core/governance/holder-index/store'
import type { HolderSyncOptions } from '../../src/main/core/governance/holder-index/sync'
import type { HardhatNode } from '../../src/main/core/sandbox/hardhat-node'
import { WeightsStoppedError, weightsAtSnapshot } from '../../src/main/core/governance/weights'
import { MULTICALL3_ADDRESS } from '../../src/main/core/tokens/balances'
import { createContext } from '../../src/main/core/workspace/context'
import { createSandboxController } from '../../src/main/core/workflows/sandbox-workspace'
import { createApi, type Services } from '../../src/main/api'
import { KeyStore } from '../../src/main/core/keys'
import type { CallInput, CallName, CallOutput } from '../../src/shared/contract'
import {
  account,
  deploy,
  deploySafe,
  hdWallet,
  plainProvider,
  startLimitingProxy,
  startPlainNode,
  testArtifact,
} from './plain-chain'

/** A proxy that drops every `nth` request (closes the socket unanswered), as a flaky public RPC does. */
async function startDroppingProxy(upstream: string, nth: number) {
  const { createServer } = await import('node:http')
  const state = { requests: 0, dropped: 0 }
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    if (++state.requests % nth === 0) {
      state.dropped += 1
      req.socket.destroy()
      return
    }
    const reply = await fetch(upstream, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.concat(chunks),
    })
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(await reply.text())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function plainWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), 'treasury-holders-api-'))
  const ctx = createContext(openDatabase(join(dir, 'workspace.sqlite')), 'cli', 'test')
  const sandbox = createSandboxController(
    ctx,
    () => {},
    async () => {
      throw new Error('no sandbox in this test')
    },
  )
  const keys = new KeyStore(ctx, { dir: join(dir, 'keys'), scryptN: 1024 })
  const api = createApi({ ctx, sandbox, keys } satisfies Services)
  async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    const envelope = await api.dispatch(name, input)
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), envelope.error)
    return envelope.value as CallOutput<N>
  }
  return { ctx, call }
}

const CHAIN_ID = 4322
const U = (n: number) => parseUnits(String(n), 18)
const abi = parseAbi([
  'function balanceOf(address) view returns (uint256)',
  'function getPastVotes(address, uint256) view returns (uint256)',
  'function getVotes(address) view returns (uint256)',
  'function delegates(address) view returns (address)',
])

describe('the holder index on a real ERC20Votes token, through an RPC that refuses wide log ranges', () => {
  let node: HardhatNode
  let proxy: Awaited<ReturnType<typeof startLimitingProxy>>
  let token: string
  const people = [0, 1, 2, 3, 4, 5].map((i) => hdWallet(i).address)
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'treasury-holders-')), 'w.sqlite'))
  let provider: ReturnType<typeof plainProvider>
  let deployed = 0
  let safeContracts: Awaited<ReturnType<typeof deploySafe>>['contracts']
  const as = (i: number) => new Contract(token, tokenArtifact.abi as never, account(provider, i))
  const sync = (extra: Partial<Pick<HolderSyncOptions, 'toBlock' | 'signal' | 'onProgress'>> = {}) =>
    syncHolderIndex({ db, rpcUrl: proxy.url, chainId: CHAIN_ID, token, rangeBlocks: 64, ...extra })

  /** holder_current's order indexes as sqlite_master has them (name and definition, spaces collapsed). */
  const orderIndexes = () =>
    (
      db
        .prepare("SELECT name, sql FROM sqlite_master WHERE name LIKE 'holder_current_%_order' ORDER BY name")
        .raw()
        .all() as Array<[string, string]>
    ).map(([name, sql]) => [name, sql.replace(/\s+/g, ' ')])

  /** What the chain itself says at `block` (viem, another client), against what the index says. */
  async function compareWithChain(block: number) {
    const viem = createPublicClient({ transport: http(node.rpcUrl) })
    const read = (functionName: 'balanceOf' | 'delegates' | 'getVotes', who: string) =>
      viem.readContract({
        address: token as `0x${string}`,
        abi,
        functionName,
        args: [who as `0x${string}`],
        blockNumber: BigInt(block),
      })
    const balances: bigint[] = []
    const votes: bigint[] = []
    for (const who of people) {
      const fromIndex = holderAt(db, CHAIN_ID, token, who, block)
      const balance = (await read('balanceOf', who)) as bigint
      const power = (await read('getVotes', who)) as bigint
      // getPastVotes answers only for blocks before the head: the same figure once the chain is past `block`.
      if (block < (await viem.getBlockNumber()))
        expect(
          await viem.readContract({
            address: token as `0x${string}`,
            abi,
            functionName: 'getPastVotes',
            args: [who as `0x${string}`, BigInt(block)],
          }),
        ).toBe(power)
      const delegate = getAddress((await read('delegates', who)) as string)
      expect(fromIndex.balance, `balance of ${who} at ${block}`).toBe(balance.toString())
      expect(fromIndex.votes, `votes of ${who} at ${block}`).toBe(power.toString())
      expect(fromIndex.delegate ?? '0x0000000000000000000000000000000000000000').toBe(delegate)
      balances.push(balance)
      votes.push(power)
    }
    const metrics = holderMetrics(db, CHAIN_ID, token, block)
    const want = (xs: bigint[]) => {
      const { holders, total, top10Share, gini, nakamoto } = concentrationOf(xs)
      return { holders, total, top10Share, gini, nakamoto }
    }
    expect(metrics.holdings).toMatchObject(want(balances))
    expect(metrics.votingPower).toMatchObject(want(votes))
    return metrics
  }

  beforeAll(async () => {
    node = await startPlainNode(CHAIN_ID)
    proxy = await startLimitingProxy(node.rpcUrl, 4)
    provider = plainProvider(node.rpcUrl)
    safeContracts = (await deploySafe(account(provider, 0), [people[0]], 1)).contracts
    token = await deploy(account(provider, 0), tokenArtifact, [people[0], U(1000)])
    deployed = await provider.getBlockNumber()
    for (const [to, n] of [
      [1, 400],
      [2, 300],
      [3, 200],
      [4, 50],
    ] as const)
      await (await as(0).transfer(people[to], U(n))).wait()
    for (const [i, to] of [
      [1, 1],
      [2, 2],
      [3, 2],
      [4, 1],
    ] as const)
      await (await as(i).delegate(people[to])).wait()
    await provider.send('hardhat_mine', ['0x10'])
  }, 120_000)

  afterAll(async () => {
    db.close()
    provider?.destroy()
    await proxy?.close()
    await node?.stop()
  })

  it('refuses to answer before it covers the block', () => {
    expect(() => holderMetrics(db, CHAIN_ID, token)).toThrow(IndexNotCoveringError)
  })

  it('builds in bounded ranges, resumes where a stop left it, and agrees with balanceOf and getPastVotes', async () => {
    const head = await provider.getBlockNumber()
    const declared = orderIndexes()
    expect(declared).toHaveLength(2)
    // A first build writes without holder_current's order indexes and puts them back as 0019 declared them.
    const during: number[] = []
    const partial = await sync({ toBlock: deployed + 3, onProgress: () => during.push(orderIndexes().length) })
    expect(during.length).toBeGreaterThan(0)
    expect(during.every((n) => n === 0)).toBe(true)
    expect(orderIndexes()).toEqual(declared)
    expect(partial.index.syncedTo).toBe(deployed + 3)
    expect(() => holderMetrics(db, CHAIN_ID, token, deployed + 5)).toThrow(`covers blocks up to ${deployed + 3}`)
    const rest = await sync()
    expect(rest.read.fromBlock).toBe(deployed + 4)
    expect(rest.index.syncedTo).toBe(head)
    expect(rest.read.splits).toBeGreaterThan(0)
    expect(proxy.state.refused).toBeGreaterThan(0)
    expect(rest.complete).toBe(true)
    for (const block of [deployed, deployed + 3, deployed + 6, head]) await compareWithChain(block)
    // Hand-computed: holdings 50, 50, 200, 300, 400; votes 450 (1: own 400 + 4's 50), 500 (2: 300 + 200).
    const m = holderMetrics(db, CHAIN_ID, token)
    expect(m.holdings).toMatchObject({ holders: 5, nakamoto: 2, top10Share: '1.000000' })
    expect(m.votingPower).toMatchObject({ holders: 2, nakamoto: 1 })
    expect(m.votingPower.top.map((t) => [t.account, t.amount])).toEqual([
      [people[2], U(500).toString()],
      [people[1], U(450).toString()],
    ])
    expect(m.delegates).toBe(2)
  })

  it('reads only new blocks on the next sync', async () => {
    // As a build cut short by a crash leaves them: the next sync puts the order indexes back.
    const declared = orderIndexes()
    dropOrderIndexes(db)
    expect(orderIndexes()).toEqual([])
    const before = (await sync()).index.syncedTo
    expect(orderIndexes()).toEqual(declared)
    await (await as(1).transfer(people[5], U(100))).wait()
    await (await as(5).delegate(people[5])).wait()
    const next = await sync()
    expect(next.read.fromBlock).toBe(before + 1)
    expect(next.read.logs).toBeGreaterThan(0)
    expect(next.rolledBackTo).toBeNull()
    await compareWithChain(next.index.syncedTo)
  })

  it('after a reorg (evm_revert) forgets the replaced blocks, reads the new ones and agrees with the chain', async () => {
    const snapshot = (await provider.send('evm_snapshot', [])) as string
    const base = await provider.getBlockNumber()
    // Branch one: 2 sends 300 to 3, and 3 moves its delegation to 1.
    await (await as(2).transfer(people[3], U(300))).wait()
    await (await as(3).delegate(people[1])).wait()
    const first = await sync()
    expect(first.index.syncedTo).toBe(base + 2)
    expect(holderAt(db, CHAIN_ID, token, people[3]).balance).toBe(U(500).toString())
    expect(await provider.send('evm_revert', [snapshot])).toBe(true)
    // Branch two, on the same block numbers and one further: 1 sends 50 to 4 three times.
    for (let i = 0; i < 3; i++) await (await as(1).transfer(people[4], U(50))).wait()
    const second = await sync()
    expect(second.rolledBackTo).toBe(base)
    expect(second.index.reorgs).toBe(1)
    expect(second.index.syncedTo).toBe(base + 3)
    const m = await compareWithChain(base + 3)
    expect(holderAt(db, CHAIN_ID, token, people[3]).balance).toBe(U(200).toString())
    expect(m.block).toBe(base + 3)
    for (let b = base - 2; b <= base + 3; b++) await compareWithChain(b)
  })

  it('through the API: a sync job with progress, then metrics and accounts that match the index checked above', async () => {
    const w = plainWorkspace()
    try {
      await w.call('chain.connect', {
        rpcUrl: proxy.url,
        name: 'Plain devnet',
        contracts: safeContracts,
        expectChainId: CHAIN_ID,
      })
      await w.call('tokens.add', { address: token })
      await w.call('governance.setToken', { address: token })
      const empty = await w.call('governance.holderIndex', {})
      expect(empty).toMatchObject({ syncedTo: null, sync: { state: 'idle' } })
      await expect(w.call('governance.holderMetrics', {})).rejects.toMatchObject({ code: 'CONFLICT' })
      await expect(w.call('governance.syncHolders', { rangeBlocks: 0 })).rejects.toMatchObject({ code: 'BAD_INPUT' })
      const started = await w.call('governance.syncHolders', { rangeBlocks: 64 })
      expect(started.sync.state).toBe('running')
      let status = started
      while (status.sync.state === 'running') {
        await new Promise((r) => setTimeout(r, 50))
        status = await w.call('governance.holderIndex', {})
      }
      const head = await provider.getBlockNumber()
      expect(status).toMatchObject({ syncedTo: head, sync: { state: 'done', target: head, error: null } })
      expect(status.sync.splits).toBeGreaterThan(0)
      const viaApi = await w.call('governance.holderMetrics', {})
      const checked = holderMetrics(db, CHAIN_ID, token, head)
      expect({ ...viaApi, tookMs: 0 }).toEqual({ ...checked, tookMs: 0, syncedTo: head })
      for (const who of people) {
        const one = await w.call('governance.holderAt', { account: who.toLowerCase() })
        expect(one).toEqual(holderAt(db, CHAIN_ID, token, who, head))
        expect(one.balance).toBe((await as(0).balanceOf(who)).toString())
      }
      await expect(w.call('governance.holderAt', { account: '0x12' })).rejects.toMatchObject({ code: 'BAD_INPUT' })
    } finally {
      await w.ctx.close()
    }
  })

  it('weights at a snapshot: from the index (sample-checked), from the chain when it disagrees, batched, through drops', async () => {
    const snapshot = (await sync()).index.syncedTo - 2
    await provider.send('hardhat_mine', ['0x2'])
    // 300 voters: the six people and accounts that never held the token (0 votes).
    const voters = [...people, ...Array.from({ length: 294 }, (_, i) => hdWallet(100 + i).address)]
    const viem = createPublicClient({ transport: http(node.rpcUrl) })
    const want = new Map<string, bigint>()
    for (const who of people)
      want.set(
        who,
        await viem.readContract({
          address: token as `0x${string}`,
          abi,
          functionName: 'getPastVotes',
          args: [who as `0x${string}`, BigInt(snapshot)],
        }),
      )
    const expectRight = (weights: Map<string, bigint>) => {
      expect(weights.size).toBe(voters.length)
      for (const v of voters) expect(weights.get(v), v).toBe(want.get(v) ?? 0n)
    }
    const base = {
      db,
      rpcUrl: node.rpcUrl,
      chainId: CHAIN_ID,
      token,
      block: snapshot,
      accounts: voters,
      blockClock: true,
    }

    const fromIndex = await weightsAtSnapshot(base)
    expect(fromIndex).toMatchObject({ source: 'index', indexRefused: null })
    expect(fromIndex.sampled).toBeGreaterThan(4)
    expectRight(fromIndex.weights)

    // Hardhat takes state overrides: the votes reader by default; through a proxy that drops every third request.
    const dropping = await startDroppingProxy(node.rpcUrl, 3)
    try {
      const viaReader = await weightsAtSnapshot({ ...base, rpcUrl: dropping.url, skipIndex: true })
      expect(viaReader.source).toBe('reader')
      expectRight(viaReader.weights)
      // No Multicall3 on this chain yet: JSON-RPC batches where overrides are not taken.
      const progress: number[] = []
      const batched = await weightsAtSnapshot({
        ...base,
        rpcUrl: dropping.url,
        skipIndex: true,
        via: 'rpc-batch',
        onProgress: (done) => progress.push(done),
      })
      expect(batched.source).toBe('rpc-batch')
      expectRight(batched.weights)
      expect(dropping.state.dropped).toBeGreaterThan(0)
      expect(progress.at(-1)).toBe(voters.length)
      // Multicall3's aggregate3 at its canonical address (the subset compiled from its published source).
      await provider.send('hardhat_setCode', [MULTICALL3_ADDRESS, testArtifact('Multicall3Subset').deployedBytecode])
      const viaMulticall = await weightsAtSnapshot({ ...base, rpcUrl: dropping.url, skipIndex: true, via: 'multicall' })
      expect(viaMulticall.source).toBe('multicall')
      expectRight(viaMulticall.weights)
    } finally {
      await dropping.close()
    }

    // An index that disagrees with the chain at a sampled account is not used.
    const index = db.prepare('SELECT id FROM holder_indexes WHERE token = ?').get(token) as { id: number }
    db.prepare('UPDATE holder_votes SET votes = ? WHERE index_id = ? AND account = ?').run(
      U(999).toString(),
      index.id,
      people[2].toLowerCase(),
    )
    const distrusted = await weightsAtSnapshot(base)
    expect(distrusted.source).toBe('reader')
    expect(distrusted.indexRefused).toMatch(/holder index says/)
    expectRight(distrusted.weights)

    const stop = new AbortController()
    stop.abort()
    await expect(weightsAtSnapshot({ ...base, skipIndex: true, signal: stop.signal })).rejects.toThrow(
      WeightsStoppedError,
    )
  })
})
