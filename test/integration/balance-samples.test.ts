import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseEther } from 'ethers'
import { openDatabase } from '../../src/main/core/db/open'
import { createContext } from '../../src/main/core/workspace/context'
import { createSandboxController } from '../../src/main/core/workflows/sandbox-workspace'
import { createApi, type Services } from '../../src/main/api'
import { KeyStore } from '../../src/main/core/keys'
import type { CallInput, CallName, CallOutput } from '../../src/shared/contract'
import type { HardhatNode } from '../../src/main/core/sandbox/hardhat-node'
import { account, deploySafe, hdWallet, plainProvider, startPlainNode } from './plain-chain'

const CHAIN_ID = 4319
const HOUR = 3600

function plainWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), 'treasury-samples-'))
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
  return { ctx, call }
}

describe('the balance-over-time chart samples real blocks spread over the history', () => {
  let node: HardhatNode
  const w = plainWorkspace()
  const deposits: Array<{ block: number; time: number }> = []
  let safeBlock = 0

  beforeAll(async () => {
    node = await startPlainNode(CHAIN_ID)
    const provider = plainProvider(node.rpcUrl)
    const deployer = account(provider, 0)
    // The Safe deployed, then one deposit of 1 ETH every three hours over a day and a half. The chain's clock is
    // moved ahead (as the sandbox's runs ahead of the wall clock), so block times are spread as on a real chain
    // and the wall clock says nothing about them.
    const t0 = (await provider.getBlock('latest'))!.timestamp + HOUR
    await provider.send('evm_setNextBlockTimestamp', [t0])
    const { contracts, safe } = await deploySafe(deployer, [hdWallet(1).address], 1)
    safeBlock = await provider.getBlockNumber()
    for (let i = 1; i <= 12; i++) {
      await provider.send('evm_setNextBlockTimestamp', [t0 + i * 3 * HOUR])
      const receipt = await (await deployer.sendTransaction({ to: safe, value: parseEther('1') })).wait()
      deposits.push({ block: receipt!.blockNumber, time: t0 + i * 3 * HOUR })
    }
    provider.destroy()
    await w.call('chain.connect', { rpcUrl: node.rpcUrl, name: 'Plain devnet', contracts, expectChainId: CHAIN_ID })
    await w.call('safe.add', { address: safe, label: 'Treasury' })
  }, 120_000)

  afterAll(async () => {
    await w.ctx.close()
    await node?.stop()
  })

  it('labels each sample with its block time, from the Safe deployment to the latest block', async () => {
    const overview = await w.call('analytics.overview', {})
    const series = overview.series.find((s) => s.id === 'treasury-balance')!
    expect(series.empty).toBeNull()
    const times = series.labels.map((l) => Date.parse(l) / 1000)
    // Nine samples (eight intervals), strictly later one after another, in different hours: not one minute.
    expect(times).toHaveLength(9)
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1])
    expect(new Set(series.labels.map((l) => l.slice(0, 13))).size).toBe(9)
    // The first sample is within the Safe's deployment (it held nothing), the last the latest deposit (12 ETH).
    const provider = plainProvider(node.rpcUrl)
    const deployedAt = (await provider.getBlock(safeBlock))!.timestamp
    provider.destroy()
    expect(times[0]).toBeLessThanOrEqual(deployedAt)
    expect(times[8]).toBe(deposits[11].time)
    const native = series.datasets[0]
    expect(native.values[0]).toBe('0')
    expect(native.values[8]).toBe(parseEther('12').toString())
    // Each balance is the one at that label's block: deposits up to that time, 1 ETH each (known answer).
    for (const [i, t] of times.entries()) {
      const made = deposits.filter((d) => d.time <= t).length
      expect(native.values[i]).toBe(parseEther(String(made)).toString())
    }
  })
})
