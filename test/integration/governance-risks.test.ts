import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { spawn } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Contract, parseUnits } from 'ethers'
import { governanceDomain, signVote, voteFile, type VoteMessage } from '../../src/main/core/governance'
import { createPublicClient, http, parseAbi } from 'viem'
import { openDatabase } from '../../src/main/core/db/open'
import { createContext } from '../../src/main/core/workspace/context'
import { createSandboxController } from '../../src/main/core/workflows/sandbox-workspace'
import { createApi, type Services } from '../../src/main/api'
import { KeyStore } from '../../src/main/core/keys'
import type { CallInput, CallName, CallOutput } from '../../src/shared/contract'
import type { HardhatNode } from '../../src/main/core/sandbox/hardhat-node'
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

const CHAIN_ID = 4318
const U = (n: number) => parseUnits(String(n), 18)

function plainWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), 'treasury-risks-'))
  const db = openDatabase(join(dir, 'workspace.sqlite'))
  const ctx = createContext(db, 'cli', 'test')
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
  return { dir, ctx, call }
}

describe('governance risks measured on a real ERC20Votes token, through an RPC that limits log ranges', () => {
  let node: HardhatNode
  let proxy: Awaited<ReturnType<typeof startLimitingProxy>>
  let token: string
  const blocks = {} as Record<'before' | 'after', number>
  const [A, B, C, D] = [1, 2, 3, 4].map((i) => hdWallet(i).address)
  const w = plainWorkspace()

  beforeAll(async () => {
    node = await startPlainNode(CHAIN_ID)
    proxy = await startLimitingProxy(node.rpcUrl, 4)
    const provider = plainProvider(node.rpcUrl)
    const deployer = account(provider, 0)
    const { contracts } = await deploySafe(deployer, [A], 1)
    const artifact = testArtifact('TimestampVotesToken')
    token = await deploy(deployer, artifact, [U(1000)])
    const as = (i: number) => new Contract(token, artifact.abi as never, account(provider, i))
    // Holdings A 400, B 300, C 200, D 100; A, B and C delegate to themselves, D to C: votes A 400, B 300, C 300.
    for (const [to, n] of [
      [A, 400],
      [B, 300],
      [C, 200],
      [D, 100],
    ] as const)
      await (await as(0).transfer(to, U(n))).wait()
    for (const [i, to] of [
      [1, A],
      [2, B],
      [3, C],
      [4, C],
    ] as const)
      await (await as(i).delegate(to)).wait()
    blocks.before = await provider.getBlockNumber()
    await provider.send('hardhat_mine', ['0x10'])
    // B sends everything to A: holdings A 700, C 200, D 100; votes A 700, C 300.
    await (await as(2).transfer(A, U(300))).wait()
    blocks.after = await provider.getBlockNumber()
    provider.destroy()
    await w.call('chain.connect', { rpcUrl: proxy.url, name: 'Plain devnet', contracts, expectChainId: CHAIN_ID })
    await w.call('tokens.add', { address: token })
    await w.call('governance.setToken', { address: token })
  }, 120_000)

  afterAll(async () => {
    await w.ctx.close()
    await proxy?.close()
    await node?.stop()
  })

  it('measures concentration at a past block and at a later one (hand-computed answers)', async () => {
    const before = await w.call('governance.risks', { block: blocks.before, rangeBlocks: 64 })
    // The proxy refuses ranges over 4 blocks: the reader split them and still read every log.
    expect(before.scan.splits).toBeGreaterThan(0)
    expect(before.scan).toMatchObject({ fromBlock: 0, toBlock: blocks.before })
    // Votes 300, 300, 400: Σ(2i−n−1)x = −600 + 0 + 800 = 200 → 200 / (3 × 1000) = 0.066667; 400 + 300 > 500 → 2.
    expect(before.votingPower).toMatchObject({
      holders: 3,
      total: U(1000).toString(),
      top10Share: '1.000000',
      gini: '0.066667',
      nakamoto: 2,
    })
    expect(before.votingPower.top.map((t) => [t.account, t.amount, t.share])).toEqual([
      [A, U(400).toString(), '0.400000'],
      [B, U(300).toString(), '0.300000'],
      [C, U(300).toString(), '0.300000'],
    ])
    // Holdings 100, 200, 300, 400: Gini 0.25 (mean difference 1.25 over twice the mean 2.5).
    expect(before.holdings).toMatchObject({ holders: 4, gini: '0.250000', nakamoto: 2 })

    const after = await w.call('governance.risks', { block: blocks.after })
    // Votes 300, 700: (−300 + 700) / (2 × 1000) = 0.2; A alone passes half.
    expect(after.votingPower).toMatchObject({ holders: 2, gini: '0.200000', nakamoto: 1 })
    // Holdings 100, 200, 700: (−200 + 0 + 1400) / 3000 = 0.4.
    expect(after.holdings).toMatchObject({ holders: 3, gini: '0.400000', nakamoto: 1 })
    expect(after.participation).toEqual([])
    expect(after.failedQuorum).toEqual([])

    // Known answers from another client: viem reads each delegate's votes and each balance at the block.
    const viem = createPublicClient({ transport: http(node.rpcUrl) })
    const abi = parseAbi([
      'function getVotes(address) view returns (uint256)',
      'function balanceOf(address) view returns (uint256)',
    ])
    const read = (fn: 'getVotes' | 'balanceOf', who: string, block: number) =>
      viem.readContract({
        address: token as `0x${string}`,
        abi,
        functionName: fn,
        args: [who as `0x${string}`],
        blockNumber: BigInt(block),
      })
    for (const t of before.votingPower.top)
      expect((await read('getVotes', t.account, blocks.before)).toString()).toBe(t.amount)
    for (const t of after.holdings.top)
      expect((await read('balanceOf', t.account, blocks.after)).toString()).toBe(t.amount)
  })

  it('the CLI prints the same measures', async () => {
    // Spawned asynchronously: the range-limiting proxy answers from this process.
    const root = join(__dirname, '../..')
    const args = ['governance', 'risks', '--block', String(blocks.before)]
    const child = spawn(
      process.execPath,
      [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src/cli/main.ts'), '--data-dir', w.dir, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
    )
    const run = { stdout: '', stderr: '', status: null as number | null }
    child.stdout.on('data', (d) => (run.stdout += d))
    child.stderr.on('data', (d) => (run.stderr += d))
    run.status = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(run.stderr).not.toMatch(/treasury:/)
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('voting power  holders 3, top-10 share 1.000000, Gini 0.066667, Nakamoto 2')
    expect(run.stdout).toContain('holdings      holders 4, top-10 share 1.000000, Gini 0.250000, Nakamoto 2')
  })

  it('refuses a block past the head with the reason', async () => {
    await expect(w.call('governance.risks', { block: blocks.after + 1_000 })).rejects.toMatchObject({
      code: 'CHAIN_ERROR',
      message: expect.stringMatching(/past the chain head/),
    })
  })

  it('turnout over time and a proposal that failed quorum, from the proposals on record', async () => {
    // Timestamp clock: the rules count seconds. 2 s delay, 10 min voting (the node's clock follows the wall clock, so a
    // short window can close on a loaded machine before the vote is imported), quorum 25 % of the supply at the snapshot.
    const rules = { votingDelayBlocks: 2, votingPeriodBlocks: 600, quorumBps: 2500, passThresholdBps: 5000 }
    await w.call('governance.updateRules', {
      kind: 'technical',
      rules: { ...rules, timelockSeconds: 0, gracePeriodSeconds: 3_600 },
    })
    const create = (title: string) =>
      w.call('governance.create', { kind: 'technical', title, body: 'Why and how.', proposer: A })
    const voted = await create('A votes, quorum met')
    const ignored = await create('Nobody votes')
    const provider = plainProvider(node.rpcUrl)
    const travel = async (seconds: number) => {
      await provider.send('evm_increaseTime', [seconds])
      await provider.send('evm_mine', [])
    }
    await travel(5)
    // A's 700 votes (of 1000) at the snapshot: 70 % turnout on the first, none on the second.
    const domain = governanceDomain(CHAIN_ID, token)
    const message: VoteMessage = {
      proposalId: voted.id,
      support: 1,
      voter: A,
      timestamp: (await provider.getBlock('latest'))!.timestamp,
      reason: '',
    }
    const file = voteFile(domain, message, await signVote(hdWallet(1), domain, message))
    await w.call('governance.importVotes', { text: JSON.stringify(file), skipRefused: false })
    await travel(700)
    provider.destroy()
    const risks = await w.call('governance.risks', {})
    expect(risks.participation.map((p) => [p.title, p.turnoutBps, p.quorumReached])).toEqual([
      ['A votes, quorum met', 7000, true],
      ['Nobody votes', 0, false],
    ])
    expect(risks.failedQuorum.map((p) => [p.id, p.state])).toEqual([[ignored.id, 'Defeated']])
    expect(risks.apathy).toEqual({
      measured: 2,
      averageTurnoutBps: 3500,
      recentTurnoutBps: null,
      earlierTurnoutBps: null,
    })
  })
})
