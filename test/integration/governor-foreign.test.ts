// Issue 21 on a chain the app did not make: a Safe v1.3.0 3-of-5 and an ERC20Votes token with a timestamp clock
// (test/foreign). The Governor set is deployed and the module enabled by the DAO itself (plain ethers and the owners'
// signatures, not the app); the app connects it by address, reads the clock mode, and runs the lifecycle. The signers'
// veto is a Safe proposal calling the timelock's cancel, signed and executed like any other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Contract, ContractFactory, Interface, JsonRpcProvider, Wallet, getCreateAddress, id, parseUnits } from 'ethers'
import { boot, type Booted } from '../../src/main/boot'
import { governorArtifacts } from '../../src/main/core/governor'
import { plainSafeTx } from '../../src/main/core/signing/safe-tx'
import type { CallInput, CallName, CallOutput } from '../../src/shared/contract'
import { startForeignChains, type ForeignChains } from '../foreign/chains'
import { executeSafeTx, balances } from './disbursements-chain'

let chains: ForeignChains
let booted: Booted
const addresses = { governor: '', timelock: '', module: '' }

async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const envelope = await booted.api.dispatch(name, input)
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), envelope.error)
  return envelope.value as CallOutput<N>
}

const rpc = (method: string, params: unknown[]) =>
  fetch(chains.l1.rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  }).then((r) => r.json())
const advance = async (seconds: number) => {
  await rpc('evm_increaseTime', [seconds])
  await rpc('evm_mine', [])
}

/** governor.execute sent with plain ethers from an account the app does not hold, arguments from the logged proposal. */
async function executeOutside(governor: string, proposalId: string): Promise<string> {
  const [p] = (await call('governor.proposals', { governor })).filter((x) => x.proposalId === proposalId)
  const provider = new JsonRpcProvider(chains.l1.rpcUrl, undefined, { cacheTimeout: -1 })
  try {
    const g = new Contract(
      governor,
      ['function execute(address[],uint256[],bytes[],bytes32) payable returns (uint256)'],
      new Wallet(chains.l1.outsider.privateKey, provider),
    )
    const tx = await g.execute(
      p.actions.map((a) => a.target),
      p.actions.map((a) => BigInt(a.value)),
      p.actions.map((a) => a.calldata),
      id(p.description),
    )
    return (await tx.wait()).hash as string
  } finally {
    provider.destroy()
  }
}

beforeAll(async () => {
  chains = await startForeignChains()
  const { l1 } = chains
  // The DAO deploys with its own key: timelock (pointing at the Governor's future address), Governor, module.
  const provider = new JsonRpcProvider(l1.rpcUrl, undefined, { cacheTimeout: -1 })
  const deployer = new Wallet(l1.outsider.privateKey, provider)
  const nonce = await provider.getTransactionCount(deployer.address, 'pending')
  addresses.timelock = getCreateAddress({ from: deployer.address, nonce })
  addresses.governor = getCreateAddress({ from: deployer.address, nonce: nonce + 1 })
  addresses.module = getCreateAddress({ from: deployer.address, nonce: nonce + 2 })
  const a = governorArtifacts
  const deploy = async (art: typeof a.governor, args: unknown[], n: number) =>
    (await new ContractFactory(art.abi, art.bytecode, deployer).deploy(...args, { nonce: n })).waitForDeployment()
  // Timestamp clock: voting delay and period in seconds (1 s, 10 min), 1 h timelock, quorum 1 % (the owners hold 3 × 10,000 of 2,000,000 FDAO), threshold 0.
  await deploy(a.timelock, [3600, addresses.governor, l1.safe.address], nonce)
  await deploy(a.governor, [l1.tokens.votes.address, addresses.timelock, 1, 600, 0, 1], nonce + 1)
  await deploy(a.module, [l1.safe.address, addresses.timelock], nonce + 2)
  const enable = new Interface(['function enableModule(address)']).encodeFunctionData('enableModule', [
    addresses.module,
  ])
  await executeSafeTx({
    rpcUrl: l1.rpcUrl,
    chainId: l1.chainId,
    safeAddress: l1.safe.address,
    safeTx: plainSafeTx({ to: l1.safe.address, value: '0', data: enable as `0x${string}`, operation: 0, nonce: '0' }),
    signerKeys: l1.safe.owners.slice(0, 3).map((o) => o.privateKey),
    executorKey: l1.outsider.privateKey,
  })
  provider.destroy()

  booted = await boot({
    dataDir: mkdtempSync(join(tmpdir(), 'treasury-it-governor-')),
    host: 'cli',
    noSandbox: true,
    log: () => {},
  })
  await call('workspaces.create', { name: 'Foreign DAO' })
  await call('chain.connect', {
    rpcUrl: l1.rpcUrl,
    expectChainId: l1.chainId,
    name: 'Devnet L1',
    contracts: l1.contracts,
  })
  await call('safe.add', { address: l1.safe.address, label: 'Treasury' })
  await call('tokens.add', { chainId: l1.chainId, address: l1.tokens.stable.address })
  const [o1, o2, o3] = l1.safe.owners
  for (const [i, o] of [o1, o2, o3].entries())
    await call('keys.import', {
      label: `Owner ${i + 1}`,
      passphrase: 'owner passphrase 1',
      source: { kind: 'privateKey', privateKey: o.privateKey },
    })
  for (const o of [o1, o2, o3]) await call('keys.unlock', { address: o.address, passphrase: 'owner passphrase 1' })
}, 180_000)

afterAll(async () => {
  await booted?.close()
  await chains?.stop()
})

describe('a Governor the app did not deploy, on a Safe v1.3.0 with a timestamp-clock token', () => {
  it('connects by address: settings and the timestamp clock are read from the contracts; a wrong module is refused', async () => {
    const { l1 } = chains
    await expect(
      call('governor.connect', { address: addresses.governor, safe: l1.safe.address, module: l1.tokens.plain.address }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' })
    const g = await call('governor.connect', {
      address: addresses.governor,
      safe: l1.safe.address,
      module: addresses.module,
    })
    expect(g).toMatchObject({
      name: 'AITBC Treasury Governor',
      timelock: addresses.timelock,
      token: l1.tokens.votes.address,
    })
    expect(g.settings).toMatchObject({
      clockMode: 'mode=timestamp',
      clockUnit: 'seconds',
      votingDelay: '1',
      votingPeriod: '600',
      quorumNumerator: '1',
      timelockDelaySeconds: '3600',
      moduleEnabled: true,
    })
  })

  it('runs the lifecycle on the timestamp clock, and the signers veto a queued proposal with a Safe transaction', async () => {
    const { l1 } = chains
    const [o1, o2, o3] = l1.safe.owners
    const fusd = l1.tokens.stable
    const recipient = l1.recipients[0]
    const amount = parseUnits('1200', fusd.decimals)
    const governor = addresses.governor
    const propose = (description: string) =>
      call('governor.propose', {
        governor,
        proposer: o1.address,
        description,
        parts: [{ type: 'erc20_transfer', token: fusd.address, to: recipient, amount: amount.toString() }],
      })
    const paid = await propose('Pay the market maker')
    const vetoed = await propose('Pay the market maker twice')
    await advance(2)
    for (const p of [paid, vetoed])
      for (const o of [o1, o2, o3])
        await call('governor.vote', { governor, proposalId: p.proposalId, voter: o.address, support: 'for' })
    let [listed] = (await call('governor.proposals', { governor })).filter((p) => p.proposalId === paid.proposalId)
    expect(listed.state).toBe('Active')
    expect(listed.timeLeft).toMatchObject({ phase: 'until voting ends', unit: 'seconds' })
    expect(Number(listed.timeLeft.amount)).toBeGreaterThan(500)
    await advance(601)
    for (const p of [paid, vetoed])
      expect((await call('governor.queue', { governor, proposalId: p.proposalId, sender: o1.address })).state).toBe(
        'Queued',
      )

    // The signers see it queued against their Safe and veto the second: a Safe proposal calling timelock.cancel.
    const veto = await call('governor.veto', { governor, proposalId: vetoed.proposalId })
    const draft = await call('proposals.get', { id: veto.proposalId })
    expect(draft.safeTx.to).toBe(addresses.timelock)
    await executeSafeTx({
      rpcUrl: l1.rpcUrl,
      chainId: l1.chainId,
      safeAddress: l1.safe.address,
      safeTx: draft.safeTx,
      signerKeys: [o1, o2, o3].map((o) => o.privateKey),
      executorKey: l1.outsider.privateKey,
    })

    await advance(3600)
    const [before] = await balances(l1.rpcUrl, fusd.address, [recipient])
    // Executed outside the app (a DAO member's own script, as Tally would): the app finds it in the logs.
    const onChain = await executeOutside(governor, paid.proposalId)
    await expect(
      call('governor.execute', { governor, proposalId: vetoed.proposalId, sender: o2.address }),
    ).rejects.toThrow(/refused/)
    const [after] = await balances(l1.rpcUrl, fusd.address, [recipient])
    expect(after.token - before.token).toBe(amount)
    ;[listed] = (await call('governor.proposals', { governor })).filter((p) => p.proposalId === vetoed.proposalId)
    expect(listed.state).toBe('Canceled')
    const history = await call('governor.executions', { safe: l1.safe.address })
    expect(history).toEqual([
      expect.objectContaining({
        proposalId: paid.proposalId,
        executedTxHash: onChain,
        title: 'Pay the market maker',
        outflows: [expect.objectContaining({ token: fusd.address, amount: amount.toString() })],
      }),
    ])
    const { events } = await call('audit.list', { limit: 50 })
    expect(events.find((e) => e.action === 'governor.executionRecorded')).toMatchObject({
      actor: l1.outsider.address,
      payload: expect.objectContaining({ transactionHash: onChain }),
    })
  })

  it('deploys a set for a Safe v1.4.1 from a key and drafts the enableModule Safe proposal the owners sign', async () => {
    const { l2 } = chains
    await call('chain.connect', {
      rpcUrl: l2.rpcUrl,
      expectChainId: l2.chainId,
      name: 'Rollup',
      contracts: l2.contracts,
    })
    await call('safe.add', { address: l2.safe.address, label: 'Treasury (L2)', chainId: l2.chainId })
    await call('keys.import', {
      label: 'Deployer',
      passphrase: 'deployer passphrase 1',
      source: { kind: 'privateKey', privateKey: l2.outsider.privateKey },
    })
    await call('keys.unlock', { address: l2.outsider.address, passphrase: 'deployer passphrase 1' })
    const deployed = await call('governor.deploy', {
      chainId: l2.chainId,
      deployer: l2.outsider.address,
      safe: l2.safe.address,
      token: l2.tokens.votes.address,
      votingDelay: 60,
      votingPeriod: 3600,
      proposalThreshold: '0',
      quorumPercent: 1,
      timelockDelay: 86_400,
    })
    expect(deployed.governor.settings).toMatchObject({ clockMode: 'mode=timestamp', moduleEnabled: false })
    const draft = await call('proposals.get', { id: deployed.enableModuleProposalId })
    expect(draft.safeTx).toMatchObject({ to: l2.safe.address, operation: 0 })
    await executeSafeTx({
      rpcUrl: l2.rpcUrl,
      chainId: l2.chainId,
      safeAddress: l2.safe.address,
      safeTx: draft.safeTx,
      signerKeys: l2.safe.owners.slice(0, 2).map((o) => o.privateKey),
      executorKey: l2.outsider.privateKey,
    })
    const [g] = await call('governor.list', { chainId: l2.chainId })
    expect(g).toMatchObject({ address: deployed.governor.address, module: deployed.governor.module })
    expect(g.settings?.moduleEnabled).toBe(true)
    // The code at each address is the compiled artifact's (the timelock is the Safe's canceller).
    const provider = new JsonRpcProvider(l2.rpcUrl, undefined, { cacheTimeout: -1 })
    try {
      const timelock = new Contract(
        g.timelock,
        ['function hasRole(bytes32,address) view returns (bool)', 'function CANCELLER_ROLE() view returns (bytes32)'],
        provider,
      )
      expect(await timelock.hasRole(await timelock.CANCELLER_ROLE(), l2.safe.address)).toBe(true)
    } finally {
      provider.destroy()
    }
  })
})
