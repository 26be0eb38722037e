import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { spawn } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Contract, Interface, getAddress, parseEther, parseUnits, type NonceManager } from 'ethers'
import { createPublicClient, http, erc20Abi } from 'viem'
import { openDatabase } from '../../src/main/core/db/open'
import { createContext } from '../../src/main/core/workspace/context'
import { createSandboxController } from '../../src/main/core/workflows/sandbox-workspace'
import { createApi, type Services } from '../../src/main/api'
import { KeyStore } from '../../src/main/core/keys'
import { discoverTokens, MULTICALL3_ADDRESS } from '../../src/main/core/tokens'
import { rpcProvider } from '../../src/main/core/chain'
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

const CHAIN_ID = 4242

/** A workspace with no sandbox: a new user's, driven through the real API dispatcher. */
function plainWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), 'treasury-tokens-'))
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
  const services: Services = { ctx, sandbox, keys }
  const api = createApi(services)
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

describe('tokens on a chain the app did not set up', () => {
  let node: HardhatNode
  let proxy: Awaited<ReturnType<typeof startLimitingProxy>>
  let deployer: NonceManager
  const t = {} as Record<'usdc' | 'dai' | 'fakeUsdc' | 'votes' | 'notToken' | 'dec255' | 'decRevert' | 'stray', string>
  let safe: string
  let contracts: Awaited<ReturnType<typeof deploySafe>>['contracts']
  const w = plainWorkspace()
  const owners = [1, 2, 3].map((i) => hdWallet(i).address)

  beforeAll(async () => {
    node = await startPlainNode(CHAIN_ID)
    proxy = await startLimitingProxy(node.rpcUrl, 8)
    const provider = plainProvider(node.rpcUrl)
    deployer = account(provider, 0)
    ;({ contracts, safe } = await deploySafe(deployer, owners, 2))
    const token = testArtifact('TestToken')
    t.usdc = await deploy(deployer, token, ['USD Coin', 'USDC', 6, parseUnits('1000000', 6)])
    t.dai = await deploy(deployer, token, ['Dai Stablecoin', 'DAI', 18, parseUnits('1000000', 18)])
    t.fakeUsdc = await deploy(deployer, token, ['USD Coin (fake)', 'USDC', 6, parseUnits('5', 6)])
    t.stray = await deploy(deployer, token, ['Stray', 'STRAY', 9, parseUnits('1', 9)])
    t.votes = await deploy(deployer, testArtifact('TimestampVotesToken'), [parseUnits('1000', 18)])
    t.notToken = await deploy(deployer, testArtifact('NotAToken'))
    t.dec255 = await deploy(deployer, testArtifact('BadDecimalsToken'), [false])
    t.decRevert = await deploy(deployer, testArtifact('BadDecimalsToken'), [true])
    const erc20 = (a: string) => new Contract(a, token.abi as never, deployer)
    await (await erc20(t.usdc).transfer(safe, parseUnits('1234.56', 6))).wait()
    await (await erc20(t.dai).transfer(safe, parseUnits('42.5', 18))).wait()
    await (await erc20(t.votes).transfer(safe, parseUnits('10', 18))).wait()
    await (await erc20(t.fakeUsdc).transfer(safe, 1n)).wait()
    await (await new Contract(t.dec255, testArtifact('BadDecimalsToken').abi as never, deployer).spray(safe, 2)).wait()
    await (await deployer.sendTransaction({ to: safe, value: parseEther('3') })).wait()
    // Later blocks with nothing in them, so discovery walks many ranges through the limiting proxy.
    await provider.send('hardhat_mine', ['0x40'])
    provider.destroy()
    await w.call('chain.connect', { rpcUrl: proxy.url, name: 'Plain devnet', contracts, expectChainId: CHAIN_ID })
    await w.call('safe.add', { address: safe, label: 'Treasury' })
  }, 120_000)

  afterAll(async () => {
    await w.ctx.close()
    await proxy?.close()
    await node?.stop()
  })

  it('adds a token by address, reading symbol, name and decimals from the chain', async () => {
    const added = await w.call('tokens.add', { address: t.usdc })
    expect(added.token).toMatchObject({
      chainId: CHAIN_ID,
      address: t.usdc,
      symbol: 'USDC',
      name: 'USD Coin',
      decimals: 6,
    })
    // Known answer from another client: viem's own ERC-20 reads.
    const viem = createPublicClient({ transport: http(node.rpcUrl) })
    expect(await viem.readContract({ address: t.usdc as `0x${string}`, abi: erc20Abi, functionName: 'decimals' })).toBe(
      6,
    )
    const audit = w.db.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'token.added'").get() as {
      n: number
    }
    expect(audit.n).toBe(1)
  })

  it('refuses an EOA, a contract that is not ERC-20, decimals 255 and a reverting decimals(), each with its reason', async () => {
    const before = w.db.prepare('SELECT count(*) AS n FROM tokens').get()
    expect((await refused(w.call('tokens.add', { address: owners[0] }))).message).toMatch(/no contract code/)
    expect((await refused(w.call('tokens.add', { address: t.notToken }))).message).toMatch(
      /not an ERC-20 token: .*reverted/,
    )
    expect((await refused(w.call('tokens.add', { address: t.dec255 }))).message).toMatch(/decimals\(\) answers 255/)
    expect((await refused(w.call('tokens.add', { address: t.decRevert }))).message).toMatch(/decimals\(\) reverted/)
    expect(w.db.prepare('SELECT count(*) AS n FROM tokens').get()).toEqual(before)
  })

  it('refuses to read anything through an RPC that answers for another chain', async () => {
    proxy.state.wrongChain = true
    try {
      const error = await refused(w.call('tokens.add', { address: t.dai }))
      expect(error.code).toBe('CHAIN_ERROR')
      expect(error.message).toMatch(/answers for chain 1, but it is set for chain 4242/)
    } finally {
      proxy.state.wrongChain = false
    }
  })

  it('imports a token list (entries for other chains kept), and refuses a bad one whole, naming the entry', async () => {
    const entry = (chainId: number, address: string, symbol: string, decimals: number) => ({
      chainId,
      address,
      symbol,
      name: symbol,
      decimals,
    })
    const list = (tokens: unknown[]) =>
      JSON.stringify({
        name: 'Test list',
        timestamp: '2026-12-05T00:00:00Z',
        version: { major: 1, minor: 0, patch: 0 },
        tokens,
      })
    const ok = await w.call('tokens.importList', {
      json: list([
        entry(CHAIN_ID, t.votes, 'TVOTE', 18),
        entry(10, '0x0b2C639c533813f4Aa9D7837CAf62653d097Ff85', 'USDC', 6),
      ]),
    })
    expect(ok).toMatchObject({ listName: 'Test list', added: 1, otherChains: [{ chainId: 10, count: 1 }] })
    const count = () => (w.db.prepare('SELECT count(*) AS n FROM tokens').get() as { n: number }).n
    const before = count()
    const badChecksum = await refused(
      w.call('tokens.importList', {
        json: list([
          entry(CHAIN_ID, t.dai, 'DAI', 18),
          entry(
            CHAIN_ID,
            t.usdc.replace(/[a-f]/, (c) => c.toUpperCase()).replace(/[A-F]/, (c) => c.toLowerCase()),
            'X',
            6,
          ),
        ]),
      }),
    )
    expect(badChecksum.code).toBe('BAD_INPUT')
    expect(badChecksum.message).toMatch(/entry 2 "X" \(tokens\[1\]\)/)
    const badChain = await refused(w.call('tokens.importList', { json: list([entry(0, t.dai, 'DAI', 18)]) }))
    expect(badChain.message).toMatch(/entry 1 "DAI" \(tokens\[0\]\)\.chainId: must be >= 1/)
    const many = Array.from({ length: 10_001 }, (_, i) =>
      entry(CHAIN_ID, getAddress('0x' + (i + 1).toString(16).padStart(40, '0')), `T${i}`, 18),
    )
    const tooMany = await refused(w.call('tokens.importList', { json: list(many) }))
    expect(tooMany.message).toMatch(/tokens: must NOT have more than 10000 items/)
    // 10,000 entries is the schema's limit: one bad entry among them is named, and nothing is stored.
    const tenThousand = many.slice(0, 10_000)
    tenThousand[9_998] = { ...tenThousand[9_998], decimals: 255 }
    const oneBad = await refused(w.call('tokens.importList', { json: list(tenThousand) }))
    expect(oneBad.message).toMatch(/entry 9999 "T9998" \(tokens\[9998\]\)\.decimals: 255 is more than the 77/)
    expect(count()).toBe(before)
  })

  it('discovers tokens from Transfer logs through an RPC that refuses wide ranges, resumable after a stop', async () => {
    const provider = rpcProvider(proxy.url, CHAIN_ID)
    const abort = new AbortController()
    const first = await discoverTokens({
      ctx: w.ctx,
      provider,
      chainId: CHAIN_ID,
      safes: [safe],
      rangeBlocks: 4,
      onProgress: () => abort.abort(),
      signal: abort.signal,
    })
    expect(first.complete).toBe(false)
    const cursor = w.db.prepare('SELECT next_block FROM token_discovery WHERE chain_id = ?').get(CHAIN_ID) as {
      next_block: number
    }
    expect(cursor.next_block).toBe(first.scannedTo + 1)
    provider.destroy()
    // Through the API: goes on from the cursor, splits refused ranges, reports progress, ends.
    const started = await w.call('tokens.discover', { rangeBlocks: 64 })
    expect(started.state).toBe('running')
    let status = started
    while (status.state === 'running') {
      await new Promise((r) => setTimeout(r, 100))
      status = await w.call('tokens.discoverStatus', {})
    }
    expect(status.error).toBeNull()
    expect(status.state).toBe('done')
    expect(status.resumedFrom).toBe(cursor.next_block)
    expect(status.splits).toBeGreaterThan(0)
    expect(proxy.state.refused).toBeGreaterThan(0)
    const registry = await w.call('tokens.list', {})
    const symbols = registry.tokens.map((x) => x.symbol).sort()
    expect(symbols).toEqual(['DAI', 'TVOTE', 'USDC', 'USDC'])
    expect(registry.tokens.find((x) => x.address === t.dai)).toMatchObject({ source: 'discovered', decimals: 18 })
    expect(registry.refused).toEqual([
      { address: t.dec255, reason: expect.stringMatching(/decimals\(\) answers 255/), foundAt: expect.any(String) },
    ])
    expect(registry.duplicates).toEqual([{ symbol: 'USDC', addresses: expect.arrayContaining([t.usdc, t.fakeUsdc]) }])
  })

  it('hides a spam token (the duplicate warning goes) and refuses to remove a token a budget line uses', async () => {
    await w.call('tokens.hide', { address: t.fakeUsdc, hidden: true })
    expect((await w.call('tokens.list', {})).duplicates).toEqual([])
    w.ctx.mutate({ actor: 'tester', action: 'test.budget', subject: 'test' }, () => {
      w.db
        .prepare(
          "INSERT INTO budget_periods (name, starts_on, ends_on, created_at) VALUES ('2026', '2026-01-01', '2026-12-31', 'x')",
        )
        .run()
      w.db
        .prepare(
          "INSERT INTO budget_lines (period_id, category, chain_id, token, symbol, decimals, initial_allocation, created_at) VALUES (1, 'ops', ?, ?, 'DAI', 18, '1', 'x')",
        )
        .run(CHAIN_ID, t.dai)
    })
    const error = await refused(w.call('tokens.remove', { address: t.dai }))
    expect(error.code).toBe('CONFLICT')
    expect(error.message).toMatch(/1 budget line\(s\)/)
    expect(await w.call('tokens.remove', { address: t.fakeUsdc })).toEqual({ removed: true })
  })

  it('reads balances per Safe one call per token, then through Multicall3, equal to viem; shows them offline', async () => {
    const viem = createPublicClient({ transport: http(node.rpcUrl) })
    const expected = async (token: string) =>
      (
        await viem.readContract({
          address: token as `0x${string}`,
          abi: erc20Abi,
          functionName: 'balanceOf',
          args: [safe as `0x${string}`],
        })
      ).toString()
    // Chain 4242 is in no shipped list: its coin is "NATIVE" until the user names it.
    expect(await w.call('tokens.native', {})).toMatchObject({ symbol: 'NATIVE', source: 'unknown' })
    expect(await w.call('tokens.setNative', { symbol: 'DEV', name: 'Devnet Ether', decimals: 18 })).toMatchObject({
      symbol: 'DEV',
      source: 'workspace',
    })
    const perToken = await w.call('tokens.balances', { refresh: true })
    expect(perToken.via).toBe('per_token')
    const provider = plainProvider(node.rpcUrl)
    await provider.send('hardhat_setCode', [MULTICALL3_ADDRESS, testArtifact('Multicall3Subset').deployedBytecode])
    provider.destroy()
    const multi = await w.call('tokens.balances', { refresh: true })
    expect(multi.via).toBe('multicall3')
    for (const view of [perToken, multi]) {
      const [row] = view.safes
      expect(row.safe).toBe(safe)
      const by = new Map(row.balances.map((b) => [b.token, b]))
      expect(by.get(t.usdc)).toMatchObject({ symbol: 'USDC', decimals: 6, balance: await expected(t.usdc) })
      expect(by.get(t.usdc)!.balance).toBe('1234560000')
      expect(by.get(t.dai)!.balance).toBe(await expected(t.dai))
      expect(by.get(t.votes)!.balance).toBe(await expected(t.votes))
      expect(by.get(null)).toMatchObject({
        symbol: 'DEV',
        decimals: 18,
        balance: (await viem.getBalance({ address: safe as `0x${string}` })).toString(),
      })
      expect(by.has(t.fakeUsdc)).toBe(false)
    }
    // Offline: the chain's RPC points nowhere; the stored figures come back with the time they were read.
    w.db.prepare('UPDATE chains SET rpc_url = ? WHERE chain_id = ?').run('http://127.0.0.1:9', CHAIN_ID)
    try {
      const offline = await w.call('tokens.balances', { refresh: true })
      expect(offline.stale).toBe(true)
      expect(offline.safes[0].balances.find((b) => b.token === t.usdc)).toMatchObject({
        balance: '1234560000',
        readAt: multi.safes[0].balances[0].readAt,
      })
    } finally {
      w.db.prepare('UPDATE chains SET rpc_url = ? WHERE chain_id = ?').run(proxy.url, CHAIN_ID)
    }
  })

  it('counts a contract call whose data is an ERC-20 transfer or transferFrom as that outflow, registered or not', async () => {
    const iface = new Interface([
      'function transfer(address,uint256)',
      'function transferFrom(address,address,uint256)',
    ])
    const to = owners[2]
    const created = await w.call('proposals.create', {
      safe,
      title: 'Raw transfers',
      proposer: owners[0],
      body: {
        type: 'transactions',
        parts: [
          { type: 'contract_call', to: t.stray, data: iface.encodeFunctionData('transfer', [to, 5n]) },
          { type: 'contract_call', to: t.dai, data: iface.encodeFunctionData('transferFrom', [safe, to, 7n]) },
          { type: 'contract_call', to: t.dai, data: iface.encodeFunctionData('transferFrom', [to, safe, 9n]) },
        ],
      },
    })
    const outflows = new Map(created.outflows.map((o) => [o.token, o]))
    expect(outflows.get(t.stray)).toMatchObject({ amount: '5', decimals: 0 })
    expect(outflows.get(t.dai)).toMatchObject({ amount: '7', symbol: 'DAI', decimals: 18 })
    expect(created.outflows).toHaveLength(2)
  })

  it('chooses any votes token for governance: a plain ERC-20 is refused, a timestamp clock is read as such', async () => {
    const plain = await refused(w.call('governance.setToken', { address: t.usdc }))
    expect(plain.message).toMatch(/no getPastVotes/)
    const chosen = await w.call('governance.setToken', { address: t.votes })
    expect(chosen).toMatchObject({ symbol: 'TVOTE', clockMode: 'timestamp', clockModeText: 'mode=timestamp' })
    const settings = await w.call('governance.settings', {})
    expect(settings.token?.address).toBe(t.votes)
    expect(settings.clockMode).toBe('timestamp')
    const listed = await w.call('governance.list', {})
    const latest = await plainProvider(node.rpcUrl).getBlock('latest')
    // The clock is the token's: a unix time, not a block number.
    expect(listed.clock.mode).toBe('timestamp')
    expect(listed.clock.block).toBe(latest!.timestamp)
  })

  it('answers the CLI: tokens list and safe balances --json read the same workspace', async () => {
    const listed = await cli(w.dir, ['tokens', 'list', '--json'])
    expect(listed.stderr).not.toMatch(/treasury:/)
    expect(listed.code).toBe(0)
    const registry = JSON.parse(listed.stdout)
    expect(registry.tokens.map((x: { symbol: string }) => x.symbol)).toContain('TVOTE')
    const balances = await cli(w.dir, ['safe', 'balances', '--json'])
    expect(balances.code).toBe(0)
    const view = JSON.parse(balances.stdout)
    expect(view.safes[0].balances.find((b: { token: string }) => b.token === t.usdc).balance).toBe('1234560000')
    const bad = await cli(w.dir, ['tokens', 'add', owners[0]])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/BAD_INPUT: .* no contract code/)
  }, 60_000)
})
