import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Contract, Interface, Wallet, parseEther, parseUnits } from 'ethers'
import { boot, type Booted } from '../../src/main/boot'
import { rpcProvider } from '../../src/main/core/chain'
import type { CallInput, CallName, CallOutput, ChainListItem } from '../../src/shared/contract'
import type { Envelope } from '../../src/shared/errors'
import { startForeignChains, type ForeignChains } from '../foreign/chains'

// A DAO's existing treasury, on two chains the app did not make (no sandbox anywhere): a Safe v1.3.0 3-of-5 (L1
// singleton) on a devnet with chain id 1337, where safe-deployments' canonical addresses hold no code, and a Safe
// v1.4.1 2-of-3 (L2 singleton) on an Arbitrum-like chain it does not list. Both go into ONE workspace through the
// calls the welcome makes; outcomes are read from the chain with plain ethers, not through the app.

let chains: ForeignChains
let booted: Booted
let dataDir: string
const SAFE_ABI = [
  'function nonce() view returns (uint256)',
  'function VERSION() view returns (string)',
  'function getTransactionHash(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, uint256 _nonce) view returns (bytes32)',
]

async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const envelope = await booted.api.dispatch(name, input)
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), envelope.error)
  return envelope.value as CallOutput<N>
}

const ROOT = process.cwd()

/** The real CLI (src/cli/main.ts through tsx) on this test's data folder. */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/cli/main.ts'), '--data-dir', dataDir, ...args],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

beforeAll(async () => {
  chains = await startForeignChains()
  dataDir = mkdtempSync(join(tmpdir(), 'treasury-it-existing-'))
  booted = await boot({ dataDir, host: 'cli', noSandbox: true, log: () => {} })
}, 180_000)

afterAll(async () => {
  await booted?.close()
  await chains?.stop()
})

describe('a treasury that already exists: two chains, two Safe versions, one workspace', () => {
  it('connects both chains, asking for the contract addresses where the canonical ones hold no code', async () => {
    const { l1, l2 } = chains
    await call('workspaces.create', { name: 'Foreign DAO' })

    // 1337 is listed in safe-deployments, but nothing is deployed at its canonical addresses on this devnet: the
    // answer asks for the addresses (BAD_INPUT on `contracts`), it does not blame the network.
    const asked = call('chain.connect', { rpcUrl: l1.rpcUrl, expectChainId: 1337 })
    await expect(asked).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/listed in safe-deployments.*no code.*give the addresses/),
      details: { needsContracts: true, chainId: 1337, reason: 'no_code_at_canonical' },
    })
    // An RPC answering another chain id is refused before anything else.
    await expect(
      call('chain.connect', { rpcUrl: l1.rpcUrl, expectChainId: 412346, contracts: l1.contracts }),
    ).rejects.toMatchObject({ code: 'CHAIN_ERROR', message: expect.stringMatching(/reports chain 1337, not 412346/) })
    // Each address is checked for code: an owner's account (no code) as MultiSend is named and refused.
    await expect(
      call('chain.connect', {
        rpcUrl: l1.rpcUrl,
        expectChainId: 1337,
        contracts: { ...l1.contracts, multiSendAddress: l1.safe.owners[0].address },
      }),
    ).rejects.toMatchObject({ message: expect.stringMatching(new RegExp(`MultiSend ${l1.safe.owners[0].address}`)) })
    expect(await call('chains.list', {})).toEqual([])

    const first = await call('chain.connect', {
      rpcUrl: l1.rpcUrl,
      expectChainId: 1337,
      name: 'Devnet L1',
      contracts: l1.contracts,
    })
    expect(first).toMatchObject({ chainId: 1337, contracts: 'custom', contractsVersion: '1.3.0' })
    const safeL1 = await call('safe.add', { address: l1.safe.address, label: 'Treasury (L1)' })
    expect(safeL1).toMatchObject({
      chainId: 1337,
      version: '1.3.0',
      threshold: 3,
      owners: l1.safe.owners.map((o) => o.address),
      singleton: l1.singletons.l1,
    })

    // 412346 is not in safe-deployments at all.
    await expect(call('chain.connect', { rpcUrl: l2.rpcUrl, expectChainId: 412346 })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      details: { needsContracts: true, reason: 'unknown_chain' },
    })
    expect(
      await call('chain.connect', {
        rpcUrl: l2.rpcUrl,
        expectChainId: 412346,
        name: 'Rollup',
        contracts: l2.contracts,
      }),
    ).toMatchObject({ chainId: 412346, contractsVersion: '1.4.1' })
    const safeL2 = await call('safe.add', { address: l2.safe.address, label: 'Treasury (L2)', chainId: 412346 })
    expect(safeL2).toMatchObject({ version: '1.4.1', threshold: 2, singleton: l2.singletons.l2 })

    // Both side by side: each names its chain, the one added last is active.
    const all = await call('safe.list', { all: true })
    expect(all.map((s) => [s.chainId, s.chainName, s.address, s.version, s.threshold, s.active])).toEqual([
      [1337, 'Devnet L1', l1.safe.address, '1.3.0', 3, false],
      [412346, 'Rollup', l2.safe.address, '1.4.1', 2, true],
    ])
    expect(all.every((s) => s.nativeBalance === parseEther('50').toString())).toBe(true)
    const chainsListed = await call('chains.list', {})
    expect(chainsListed.map((c) => [c.chainId, c.contracts, c.contractsVersion, c.active, c.safes])).toEqual([
      [1337, 'custom', '1.3.0', false, 1],
      [412346, 'custom', '1.4.1', true, 1],
    ])
    // The overview of each, read fresh from its own chain.
    const o1 = await call('safe.overview', { chainId: 1337, address: l1.safe.address, refresh: true })
    const o2 = await call('safe.overview', { chainId: 412346, address: l2.safe.address, refresh: true })
    expect([o1.nonce, o1.owners.length, o2.nonce, o2.owners.length]).toEqual([0, 5, 0, 3])
  })

  it('switches the active Safe without a new workspace; the chain follows', async () => {
    const { l1 } = chains
    const listed = await call('safe.select', { chainId: 1337, address: l1.safe.address })
    expect(listed.find((s) => s.active)?.address).toBe(l1.safe.address)
    expect((await call('workspace.info', {})).chain).toMatchObject({ chainId: 1337, name: 'Devnet L1' })
    expect((await call('safe.overview', {})).address).toBe(l1.safe.address)
    expect((await call('safe.list', {})).map((s) => s.address)).toEqual([l1.safe.address])
    await expect(call('safe.select', { chainId: 1337, address: chains.l2.safe.address })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
  })

  it('pays ETH and a 6-decimal token from the v1.3.0 Safe: simulated, signed by 3 of 5, executed, read back', async () => {
    const { l1 } = chains
    const provider = rpcProvider(l1.rpcUrl, 1337)
    const safe = new Contract(l1.safe.address, SAFE_ABI, provider)
    try {
      const signers = l1.safe.owners.slice(0, 3)
      for (const [i, o] of signers.entries()) {
        await call('keys.import', {
          label: `Owner ${i + 1}`,
          passphrase: `owner ${i + 1} passphrase`,
          source: { kind: 'privateKey', privateKey: o.privateKey },
        })
        await call('keys.unlock', { address: o.address, passphrase: `owner ${i + 1} passphrase` })
      }
      const recipient = Wallet.createRandom().address
      const eth = await call('proposals.create', {
        safe: l1.safe.address,
        title: 'Pay the auditor',
        body: {
          type: 'transactions',
          parts: [{ type: 'eth_transfer', to: recipient, amount: parseEther('1.5').toString() }],
        },
      })
      expect(eth).toMatchObject({ threshold: 3, status: 'awaiting_signatures' })
      // The Safe v1.3.0 contract computes the same hash (EIP-712 domain with chainId) as the app did.
      const t = eth.safeTx
      expect(
        await safe.getTransactionHash(
          t.to,
          t.value,
          t.data,
          t.operation,
          t.safeTxGas,
          t.baseGas,
          t.gasPrice,
          t.gasToken,
          t.refundReceiver,
          t.nonce,
        ),
      ).toBe(eth.safeTxHash)

      const simulated = await call('proposals.simulate', { id: eth.id })
      expect(simulated.simulation).toMatchObject({ ok: true, call: { success: true } })
      for (const o of signers.slice(0, 2)) await call('proposals.sign', { id: eth.id, signer: o.address })
      await expect(call('proposals.execute', { id: eth.id, executor: signers[0].address })).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(/awaiting signatures, not ready/),
      })
      await call('proposals.sign', { id: eth.id, signer: signers[2].address })
      const executed = await call('proposals.execute', { id: eth.id, executor: signers[0].address })
      expect(executed.status).toBe('executed')
      expect(executed.executions[0]).toMatchObject({ outcome: 'success' })
      expect(await provider.getBalance(recipient)).toBe(parseEther('1.5'))
      expect(await safe.nonce()).toBe(1n)

      // A token transfer of the 6-decimal stable coin: its decimals are read from the chain.
      const amount = parseUnits('1234.56', 6)
      const token = await call('proposals.create', {
        safe: l1.safe.address,
        title: 'Grant payout',
        body: {
          type: 'transactions',
          parts: [
            { type: 'erc20_transfer', token: l1.tokens.stable.address, to: recipient, amount: amount.toString() },
          ],
        },
      })
      expect(token.outflows).toEqual([
        { token: l1.tokens.stable.address, symbol: 'FUSD', decimals: 6, amount: amount.toString() },
      ])
      const failing = await call('proposals.create', {
        safe: l1.safe.address,
        title: 'More than the Safe holds',
        body: {
          type: 'transactions',
          parts: [
            { type: 'erc20_transfer', token: l1.tokens.stable.address, to: recipient, amount: (10n ** 18n).toString() },
          ],
        },
      })
      // Simulation on v1.3.0 tells a transfer the Safe cannot make from one it can.
      expect((await call('proposals.simulate', { id: failing.id })).simulation).toMatchObject({
        ok: false,
        call: { success: false },
      })
      await call('proposals.cancel', { id: failing.id })
      for (const o of signers) await call('proposals.sign', { id: token.id, signer: o.address })
      expect((await call('proposals.execute', { id: token.id, executor: signers[1].address })).status).toBe('executed')
      const erc20 = new Contract(
        l1.tokens.stable.address,
        new Interface(['function balanceOf(address) view returns (uint256)']),
        provider,
      )
      expect(await erc20.balanceOf(recipient)).toBe(amount)
      expect(await erc20.balanceOf(l1.safe.address)).toBe(BigInt(l1.safe.funded.stable) - amount)
      expect(await safe.nonce()).toBe(2n)
      expect((await call('safe.overview', { refresh: true })).nonce).toBe(2)
    } finally {
      provider.destroy()
    }
  })

  it("lists every chain's proposals when asked (allChains), the active chain's by default; rows name chain and Safe", async () => {
    const { l1, l2 } = chains
    const onL1 = (await call('proposals.list', { view: 'all' })).rows
    expect(onL1.length).toBeGreaterThan(0)
    await call('safe.select', { chainId: 412346, address: l2.safe.address })
    try {
      const created = await call('proposals.create', {
        safe: l2.safe.address,
        title: 'Pay the L2 auditor',
        draft: true,
        body: {
          type: 'transactions',
          parts: [{ type: 'eth_transfer', to: Wallet.createRandom().address, amount: '1' }],
        },
      })
      const active = await call('proposals.list', { view: 'all' })
      expect(active.rows.map((r) => [r.chainId, r.safe, r.title])).toEqual([
        [412346, l2.safe.address, 'Pay the L2 auditor'],
      ])
      const every = await call('proposals.list', { view: 'all', allChains: true })
      expect(every.total).toBe(onL1.length + 1)
      expect(every.rows.map((r) => r.id).sort()).toEqual([...onL1.map((r) => r.id), created.id].sort())
      // Each row keeps its own chain, Safe and that Safe's threshold (3 of 5 on L1, 2 of 3 on L2).
      expect(every.rows.find((r) => r.id === created.id)).toMatchObject({ chainId: 412346, threshold: 2 })
      expect(every.rows.filter((r) => r.id !== created.id).map((r) => [r.chainId, r.safe, r.threshold])).toEqual(
        onL1.map(() => [1337, l1.safe.address, 3]),
      )
    } finally {
      await call('safe.select', { chainId: 1337, address: l1.safe.address })
    }
  })

  it('the CLI opens a workspace by name (--workspace) and lists its Safes on every chain', async () => {
    const listed = await cli(['--workspace', 'foreign dao', 'safe', 'list'])
    expect(listed.code, listed.stderr).toBe(0)
    const safes = JSON.parse(listed.stdout) as Array<{ chainId: number; address: string; active: boolean }>
    expect(safes.map((s) => [s.chainId, s.address, s.active])).toEqual([
      [1337, chains.l1.safe.address, true],
      [412346, chains.l2.safe.address, false],
    ])
    const used = await cli(['--workspace', 'Foreign DAO', 'safe', 'use', chains.l2.safe.address])
    expect(used.code, used.stderr).toBe(0)
    expect((await call('safe.list', { all: true })).find((s) => s.active)?.chainId).toBe(412346)
    await call('safe.select', { chainId: 1337, address: chains.l1.safe.address })
    const main = await cli(['--workspace', 'Main', 'safe', 'list'])
    expect(main.code, main.stderr).toBe(0)
    expect(JSON.parse(main.stdout)).toEqual([])
    const missing = await cli(['--workspace', 'Nope', 'safe', 'list'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/no workspace "Nope".*Foreign DAO/)
  }, 180_000)

  it('renames and deletes a workspace with a confirmation, its keystores wiped', async () => {
    const current = (await call('workspaces.list', {})).current!
    await call('workspaces.create', { name: 'Scratch' })
    const scratch = (await call('workspaces.list', {})).current!
    await call('keys.import', {
      label: 'Temp',
      passphrase: 'temp passphrase',
      source: { kind: 'privateKey', privateKey: Wallet.createRandom().privateKey },
    })
    const keysDir = join(dataDir, 'workspaces', scratch.id, 'keys')
    expect(readdirSync(keysDir)).toHaveLength(1)
    // The open workspace cannot be deleted.
    await expect(call('workspaces.delete', { id: scratch.id, confirmName: 'Scratch' })).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    await call('workspaces.open', { id: current.id })
    const renamed = await call('workspaces.rename', { id: scratch.id, name: 'Old scratch' })
    expect(renamed.workspaces.find((w) => w.id === scratch.id)?.name).toBe('Old scratch')
    await expect(call('workspaces.rename', { id: scratch.id, name: 'foreign dao' })).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    await expect(call('workspaces.rename', { id: 'main', name: 'Other' })).rejects.toMatchObject({ code: 'BAD_INPUT' })
    await expect(call('workspaces.delete', { id: scratch.id, confirmName: 'Scratch' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/"Old scratch"/),
    })
    expect(existsSync(keysDir)).toBe(true)
    const deleted = await call('workspaces.delete', { id: scratch.id, confirmName: 'Old scratch' })
    expect(deleted.wipedKeystores).toBe(1)
    expect(deleted.workspaces.map((w) => w.id)).not.toContain(scratch.id)
    expect(existsSync(join(dataDir, 'workspaces', scratch.id))).toBe(false)
    // Each workspace keeps its own exports folder.
    const { workspaceFiles } = await import('../../src/main/core/workspace/registry')
    const folders = ['main', 'sandbox', current.id].map((id) => workspaceFiles(dataDir, id).exportsDir)
    expect(new Set(folders).size).toBe(3)
  })

  it('serve --rpc checks the contracts as chain.connect does, instead of saving the chain unchecked', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'treasury-it-existing-rpc-'))
    await expect(boot({ dataDir: fresh, host: 'browser', rpcUrl: chains.l1.rpcUrl, log: () => {} })).rejects.toThrow(
      /canonical Safe 1\.4\.1 contracts have no code.*welcome or Safes page/,
    )
    // A workspace that was given the addresses for that chain keeps them (and checks them again).
    const again = await boot({
      dataDir,
      host: 'browser',
      rpcUrl: chains.l1.rpcUrl,
      workspace: 'Foreign DAO',
      log: () => {},
    })
    try {
      const info = (await again.api.dispatch('chains.list', {})) as Envelope<ChainListItem[]>
      expect(info.ok && info.value.find((c) => c.chainId === 1337)).toMatchObject({
        contracts: 'custom',
        name: 'Devnet L1',
      })
    } finally {
      await again.close()
    }
  })

  it("deploys a new Safe on the v1.3.0 chain with its own contracts (the chain's version, not 1.4.1)", async () => {
    const { l1 } = chains
    const owners = l1.safe.owners.slice(0, 2).map((o) => o.address)
    // Reopening the workspace (the rename/delete test switched away and back) locked its keys.
    await call('keys.unlock', { address: owners[0], passphrase: 'owner 1 passphrase' })
    const deployed = await call('safe.deploy', { owners, threshold: 1, label: 'New on L1', payer: owners[0] })
    expect(deployed).toMatchObject({
      chainId: 1337,
      version: '1.3.0',
      threshold: 1,
      singleton: l1.contracts.safeSingletonAddress,
    })
    const provider = rpcProvider(l1.rpcUrl, 1337)
    try {
      expect(await new Contract(deployed.address, SAFE_ABI, provider).VERSION()).toBe('1.3.0')
    } finally {
      provider.destroy()
    }
  })

  it('one chain offline does not mark the other offline', async () => {
    const before = await call('network.status', {})
    expect(before.chains?.map((c) => [c.chainId, c.state])).toEqual([
      [1337, 'online'],
      [412346, 'online'],
    ])
    await chains.l2.stop()
    const after = await call('network.status', {})
    expect(after).toMatchObject({ state: 'online', chainId: 1337 })
    expect(after.chains?.map((c) => [c.chainId, c.state])).toEqual([
      [1337, 'online'],
      [412346, 'offline'],
    ])
    // The offline chain's Safe still shows its last synced state, marked stale.
    const stale = await call('safe.overview', { chainId: 412346, address: chains.l2.safe.address, refresh: true })
    expect(stale).toMatchObject({ stale: true, threshold: 2 })
  })
})
