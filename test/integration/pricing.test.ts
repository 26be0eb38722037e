import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { spawn } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Contract, parseUnits, type NonceManager } from 'ethers'
import { createPublicClient, http, parseAbi } from 'viem'
import { openDatabase } from '../../src/main/core/db/open'
import { createContext } from '../../src/main/core/workspace/context'
import { createSandboxController } from '../../src/main/core/workflows/sandbox-workspace'
import { createApi, type Services } from '../../src/main/api'
import { KeyStore } from '../../src/main/core/keys'
import type { CallInput, CallName, CallOutput } from '../../src/shared/contract'
import type { HardhatNode } from '../../src/main/core/sandbox/hardhat-node'
import { account, deploy, deploySafe, hdWallet, plainProvider, startPlainNode, testArtifact } from './plain-chain'
import feedArtifact from '../fixtures/pricing/TestPriceFeed.json'

const CHAIN_ID = 4317

function plainWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), 'treasury-pricing-'))
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
  return { dir, db, ctx, call }
}

/** The real CLI (src/cli/main.ts through tsx) on the same workspace folder. */
function cli(dataDir: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const root = join(__dirname, '../..')
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src/cli/main.ts'), '--data-dir', dataDir, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

async function refused(promise: Promise<unknown>): Promise<{ code: string; message: string; details?: unknown }> {
  try {
    await promise
  } catch (error) {
    return error as { code: string; message: string }
  }
  throw new Error('expected the call to be refused')
}

describe('reporting-currency values from an AggregatorV3 feed on a chain the app did not set up', () => {
  let node: HardhatNode
  let deployer: NonceManager
  let weth: string
  let feed: Contract
  let feedAddress: string
  const blocks = {} as Record<'first' | 'second' | 'stale' | 'negative', number>
  const w = plainWorkspace()
  const ONE_AND_HALF = parseUnits('1.5', 18).toString()

  beforeAll(async () => {
    node = await startPlainNode(CHAIN_ID)
    const provider = plainProvider(node.rpcUrl)
    deployer = account(provider, 0)
    const { contracts } = await deploySafe(deployer, [hdWallet(1).address], 1)
    weth = await deploy(deployer, testArtifact('TestToken'), ['Wrapped Ether', 'WETH', 18, parseUnits('100', 18)])
    // Compiled from test/fixtures/pricing/TestPriceFeed.sol (scripts/compile-test-feed.mjs).
    feedAddress = await deploy(deployer, feedArtifact, [8, 'WETH / USD'])
    feed = new Contract(feedAddress, feedArtifact.abi as never, deployer)
    const round = async (answer: bigint) => (await (await feed.setRound(answer)).wait()).blockNumber as number
    blocks.first = await round(2000_00000000n)
    await provider.send('hardhat_mine', ['0x10'])
    blocks.second = await round(2500_12345678n)
    // A round updated two days before its block: a stale answer.
    const now = (await provider.getBlock('latest'))!.timestamp
    blocks.stale = (await (await feed.setRawRound(2600_00000000n, now - 2 * 86_400, 3)).wait()).blockNumber
    blocks.negative = await round(-1n)
    provider.destroy()
    await w.call('chain.connect', { rpcUrl: node.rpcUrl, name: 'Plain devnet', contracts, expectChainId: CHAIN_ID })
    await w.call('tokens.add', { address: weth })
  }, 120_000)

  afterAll(async () => {
    await w.ctx.close()
    await node?.stop()
  })

  it('refuses an address that is not a feed, then names the real one with its decimals and description', async () => {
    const notFeed = await refused(w.call('pricing.setFeed', { token: weth, feed: weth }))
    expect(notFeed.code).toBe('BAD_INPUT')
    expect(notFeed.message).toMatch(/AggregatorV3Interface/)
    const set = await w.call('pricing.setFeed', { token: weth, feed: feedAddress })
    expect(set).toMatchObject({
      chainId: CHAIN_ID,
      token: weth,
      symbol: 'WETH',
      decimals: 8,
      description: 'WETH / USD',
    })
    const events = w.db.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'pricing.feed.set'").get()
    expect(events).toEqual({ n: 1 })
  })

  it('values a transfer at its block: a past block gives the price of then, not the latest', async () => {
    const then = await w.call('pricing.value', { token: weth, amount: ONE_AND_HALF, block: blocks.first })
    const later = await w.call('pricing.value', { token: weth, amount: ONE_AND_HALF, block: blocks.second })
    // 1.5 × 2000 = 3000; 1.5 × 2500.12345678 = 3750.18518517.
    expect(then).toMatchObject({ priced: true, currency: 'USD', value: '3000', price: '2000' })
    expect(then.priced && then.source).toMatchObject({
      kind: 'feed',
      feed: feedAddress,
      roundId: '1',
      block: blocks.first,
    })
    expect(later).toMatchObject({ priced: true, value: '3750.18518517', price: '2500.12345678' })
    // Known answer from another client: viem reads the same round at that block.
    const viem = createPublicClient({ transport: http(node.rpcUrl) })
    const abi = parseAbi(['function latestRoundData() view returns (uint80, int256, uint256, uint256, uint80)'])
    const [, answer] = await viem.readContract({
      address: feedAddress as `0x${string}`,
      abi,
      functionName: 'latestRoundData',
      blockNumber: BigInt(blocks.first),
    })
    expect(answer).toBe(2000_00000000n)
    // The CLI gives the same answer through the same call.
    const printed = await cli(w.dir, ['prices', 'value', weth, ONE_AND_HALF, '--block', String(blocks.first)])
    expect(printed.code).toBe(0)
    expect(printed.stdout).toMatch(/^3000 USD {2}\(price 2000; feed WETH \/ USD /)
  })

  it('refuses a stale or negative answer with the reason, and falls back to the CSV price of that day', async () => {
    const stale = await w.call('pricing.value', { token: weth, amount: ONE_AND_HALF, block: blocks.stale })
    expect(stale.priced).toBe(false)
    expect(stale.notes.join(' ')).toMatch(/carried over from round 3|stale/)
    expect(stale.priced === false && stale.reason).toMatch(/no USD price on or before/)

    const negative = await w.call('pricing.value', { token: weth, amount: ONE_AND_HALF, block: blocks.negative })
    expect(negative.notes.join(' ')).toMatch(/answered -1 .* not a positive price/)

    const provider = plainProvider(node.rpcUrl)
    const day = new Date((await provider.getBlock(blocks.negative))!.timestamp * 1000).toISOString().slice(0, 10)
    provider.destroy()
    await w.call('pricing.importCsv', { csv: `date,token,price\n${day},WETH,2480.5\n`, source: 'steward-export.csv' })
    const fallback = await w.call('pricing.value', { token: weth, amount: ONE_AND_HALF, block: blocks.negative })
    // 1.5 × 2480.5 = 3720.75, from the CSV, the feed's refusal kept as a note.
    expect(fallback).toMatchObject({
      priced: true,
      value: '3720.75',
      source: { kind: 'csv', day, importSource: 'steward-export.csv' },
    })
    expect(fallback.notes[0]).toMatch(/^feed refused: /)
  })

  it('does not use a USD feed once the reporting currency is EUR', async () => {
    await w.call('pricing.setCurrency', { currency: 'EUR' })
    const eur = await w.call('pricing.value', { token: weth, amount: ONE_AND_HALF, block: blocks.first })
    expect(eur).toMatchObject({ priced: false, currency: 'EUR' })
    expect(eur.notes[0]).toMatch(/quotes USD, not EUR/)
    const overview = await w.call('pricing.overview', {})
    expect(overview.currency).toBe('EUR')
    expect(overview.feeds).toHaveLength(1)
    expect(overview.imports[0]).toMatchObject({ source: 'steward-export.csv', currency: 'USD', rows: 1 })
    await w.call('pricing.setCurrency', { currency: 'USD' })
  })
})
