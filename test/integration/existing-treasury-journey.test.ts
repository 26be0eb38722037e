import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Contract, Wallet, parseUnits, type JsonRpcProvider } from 'ethers'
import { boot, type Booted } from '../../src/main/boot'
import { rpcProvider } from '../../src/main/core/chain'
import type { CallInput, CallName, CallOutput } from '../../src/shared/contract'
import { startForeignChains, type ForeignChain, type ForeignChains } from '../foreign/chains'
import { executeSafeTx } from './disbursements-chain'

// The proof, as one new user's journey on two chains the app did not make (no sandbox anywhere): connect both
// Safes through the welcome's calls, register tokens three ways (address, token list, discovery), read balances,
// pay a 6-decimal CSV Airdrop batch from the v1.3.0 3-of-5 Safe with three owners' imported keys, and tally a vote
// whose weights come from the timestamp-clock token. Every outcome is read back from the chain with plain ethers.

let chains: ForeignChains
let booted: Booted
const providers: JsonRpcProvider[] = []

const ERC20_ABI = [
  'function balanceOf(address) view returns (uint256)',
  'function transfer(address to, uint256 amount) returns (bool)',
  'function getPastVotes(address account, uint256 timepoint) view returns (uint256)',
  'function getVotes(address account) view returns (uint256)',
  'function clock() view returns (uint48)',
  'function CLOCK_MODE() view returns (string)',
]
const SAFE_ABI = ['function nonce() view returns (uint256)']

async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const envelope = await booted.api.dispatch(name, input)
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), envelope.error)
  return envelope.value as CallOutput<N>
}

function provider(chain: ForeignChain): JsonRpcProvider {
  const p = rpcProvider(chain.rpcUrl, chain.chainId)
  providers.push(p)
  return p
}

const erc20 = (chain: ForeignChain, token: string) => new Contract(token, ERC20_ABI, provider(chain))

beforeAll(async () => {
  chains = await startForeignChains()
  booted = await boot({
    dataDir: mkdtempSync(join(tmpdir(), 'treasury-it-journey-')),
    host: 'cli',
    noSandbox: true,
    log: () => {},
  })
}, 180_000)

afterAll(async () => {
  for (const p of providers) p.destroy()
  await booted?.close()
  await chains?.stop()
})

describe("a new user's journey with a treasury that already exists", () => {
  it('connects both chains and both Safes through the welcome calls', async () => {
    const { l1, l2 } = chains
    await call('workspaces.create', { name: 'Existing DAO' })
    await call('chain.connect', { rpcUrl: l1.rpcUrl, expectChainId: 1337, name: 'Devnet L1', contracts: l1.contracts })
    expect(await call('safe.add', { address: l1.safe.address, label: 'Main treasury' })).toMatchObject({
      version: '1.3.0',
      threshold: 3,
    })
    await call('chain.connect', { rpcUrl: l2.rpcUrl, expectChainId: 412346, name: 'Rollup', contracts: l2.contracts })
    expect(
      await call('safe.add', { address: l2.safe.address, label: 'Rollup treasury', chainId: 412346 }),
    ).toMatchObject({ version: '1.4.1', threshold: 2 })
    await call('safe.select', { chainId: 1337, address: l1.safe.address })
    expect((await call('workspace.info', {})).chain).toMatchObject({ chainId: 1337 })
  })

  it('registers FUSD by address, FWETH by a Uniswap token list, FDAO by discovery from Transfer logs', async () => {
    const { l1, l2 } = chains
    const byAddress = await call('tokens.add', { chainId: 1337, address: l1.tokens.stable.address })
    expect(byAddress.token).toMatchObject({ symbol: 'FUSD', decimals: 6, source: 'address' })

    const entry = (chain: ForeignChain) => ({
      chainId: chain.chainId,
      address: chain.tokens.plain.address,
      symbol: 'FWETH',
      name: 'Foreign Wrapped Ether',
      decimals: 18,
    })
    const list = {
      name: 'Existing DAO tokens',
      timestamp: '2026-12-05T00:00:00Z',
      version: { major: 1, minor: 0, patch: 0 },
      tokens: [
        entry(l1),
        entry(l2),
        // A chain this workspace does not hold: kept for later, not registered.
        {
          chainId: 10,
          address: '0x0b2C639c533813f4Aa9D7837CAf62653d097Ff85',
          symbol: 'USDC',
          name: 'USDC',
          decimals: 6,
        },
      ],
    }
    expect(await call('tokens.importList', { json: JSON.stringify(list) })).toMatchObject({
      listName: 'Existing DAO tokens',
      added: 2,
      otherChains: [{ chainId: 10, count: 1 }],
    })

    // Nothing has told the app about FDAO (on either chain) nor about FUSD on the rollup: discovery finds them from
    // the Safes' Transfer logs, each chain from its first block.
    for (const chain of [l1, l2]) {
      let status = await call('tokens.discover', { chainId: chain.chainId, fromBlock: 0 })
      while (status.state === 'running') {
        await new Promise((r) => setTimeout(r, 100))
        status = await call('tokens.discoverStatus', {})
      }
      expect(status).toMatchObject({ state: 'done', error: null, chainId: chain.chainId })
      const registry = await call('tokens.list', { chainId: chain.chainId })
      const bySymbol = new Map(registry.tokens.map((t) => [t.symbol, t]))
      expect([...bySymbol.keys()].sort()).toEqual(['FDAO', 'FUSD', 'FWETH'])
      expect(bySymbol.get('FDAO')).toMatchObject({
        address: chain.tokens.votes.address,
        decimals: 18,
        source: 'discovered',
      })
      expect(bySymbol.get('FWETH')).toMatchObject({ address: chain.tokens.plain.address, source: 'list' })
      expect(bySymbol.get('FUSD')).toMatchObject({
        address: chain.tokens.stable.address,
        decimals: 6,
        source: chain === l1 ? 'address' : 'discovered',
      })
      expect(registry.duplicates).toEqual([])
    }
  }, 60_000)

  it('reads the balances of every Safe, equal to plain ethers reads of the chain', async () => {
    for (const chain of [chains.l1, chains.l2]) {
      const view = await call('tokens.balances', { chainId: chain.chainId, refresh: true })
      expect(view.safes.map((s) => s.safe)).toEqual([chain.safe.address])
      const by = new Map(view.safes[0].balances.map((b) => [b.token, b]))
      expect(by.size).toBe(4)
      for (const token of [chain.tokens.stable, chain.tokens.plain, chain.tokens.votes]) {
        const onChain = (await erc20(chain, token.address).balanceOf(chain.safe.address)) as bigint
        expect(by.get(token.address)).toMatchObject({
          symbol: token.symbol,
          decimals: token.decimals,
          balance: onChain.toString(),
        })
      }
      expect(by.get(null)!.balance).toBe((await provider(chain).getBalance(chain.safe.address)).toString())
      // Known answers from the fixture's funding, so a balance read from the wrong holder cannot pass.
      expect(by.get(chain.tokens.stable.address)!.balance).toBe(chain.safe.funded.stable)
      expect(by.get(chain.tokens.votes.address)!.balance).toBe(chain.safe.funded.votes)
    }
  })

  it('pays a 6-decimal CSV Airdrop batch from the v1.3.0 Safe, signed by 3 of 5 imported keys, read back on chain', async () => {
    const { l1 } = chains
    const fusd = l1.tokens.stable.address
    const signers = l1.safe.owners.slice(0, 3)
    for (const [i, o] of signers.entries()) {
      const passphrase = `journey owner ${i + 1}`
      await call('keys.import', {
        label: `Owner ${i + 1}`,
        passphrase,
        source: { kind: 'privateKey', privateKey: o.privateKey },
      })
      await call('keys.unlock', { address: o.address, passphrase })
    }

    const year = new Date().getUTCFullYear()
    const period = await call('budgets.createPeriod', {
      name: `FY${year}`,
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
    })
    const line = await call('budgets.createLine', {
      periodId: period.id,
      category: 'community grants',
      token: fusd,
      allocation: parseUnits('200000', 6).toString(),
    })

    const recipients = [Wallet.createRandom().address, Wallet.createRandom().address, Wallet.createRandom().address]
    const amounts = ['1234.567891', '0.000001', '98765.4321']
    const csv = [
      'token_type,token_address,receiver,amount,id',
      ...recipients.map((r, i) => `erc20,${fusd},${r},${amounts[i]},grant-${i + 1}`),
    ].join('\n')
    const expected = amounts.map((a) => parseUnits(a, 6))
    const total = expected.reduce((a, b) => a + b, 0n)
    expect(expected.map(String)).toEqual(['1234567891', '1', '98765432100'])

    // 7 decimals for a 6-decimal token is refused by row, nothing stored.
    await expect(
      call('disbursements.create', {
        title: 'too precise',
        source: {
          kind: 'csv',
          csv: `token_type,token_address,receiver,amount,id\nerc20,${fusd},${recipients[0]},1.0000001,x`,
          budgetLineIds: [line.id],
        },
      }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/nothing was stored/) })

    const draft = await call('disbursements.create', {
      title: 'Community grants, round 1',
      source: { kind: 'csv', csv, budgetLineIds: [line.id] },
      safeAddress: l1.safe.address,
    })
    expect(draft.plan.items.map((i) => [i.receiver, i.amount, i.decimals, i.symbol])).toEqual(
      recipients.map((r, i) => [r, expected[i].toString(), 6, 'FUSD']),
    )
    expect(draft.plan.tokens).toEqual([
      expect.objectContaining({ token: fusd, total: total.toString(), exceedsBalance: false }),
    ])

    const safe = new Contract(l1.safe.address, SAFE_ABI, provider(l1))
    const nonceBefore = (await safe.nonce()) as bigint
    const proposed = await call('disbursements.propose', { batchId: draft.id })
    expect(proposed).toMatchObject({ status: 'proposed', nonce: Number(nonceBefore) })
    expect(proposed.proposal).not.toBeNull()
    const proposalId = proposed.proposal!.id

    for (const o of signers.slice(0, 2)) await call('proposals.sign', { id: proposalId, signer: o.address })
    await expect(call('proposals.execute', { id: proposalId, executor: signers[0].address })).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    await call('proposals.sign', { id: proposalId, signer: signers[2].address })
    const executed = await call('proposals.execute', { id: proposalId, executor: signers[1].address })
    expect(executed.status).toBe('executed')
    expect(executed.executions[0]).toMatchObject({ outcome: 'success' })

    const token = erc20(l1, fusd)
    for (const [i, r] of recipients.entries()) expect(await token.balanceOf(r)).toBe(expected[i])
    expect(await token.balanceOf(l1.safe.address)).toBe(BigInt(l1.safe.funded.stable) - total)
    expect(await safe.nonce()).toBe(nonceBefore + 1n)

    // The batch followed its proposal: executed, and its amounts spent on the budget line.
    const batch = await call('disbursements.get', { batchId: draft.id })
    expect(batch).toMatchObject({ status: 'executed' })
    expect(batch.execution?.txHash).toBe(executed.executions[0].txHash)
    const spent = (await call('budgets.listLines', {})).find((l) => l.id === line.id)!
    expect(spent.spent).toBe(total.toString())
    // And the app's balance of the Safe after a refresh is the chain's.
    const after = await call('tokens.balances', { chainId: 1337, refresh: true })
    expect(after.safes[0].balances.find((b) => b.token === fusd)!.balance).toBe(
      (BigInt(l1.safe.funded.stable) - total).toString(),
    )
  }, 120_000)

  it('tallies a governance vote whose weights are the timestamp-clock FDAO votes at the snapshot time', async () => {
    const { l1 } = chains
    const fdao = l1.tokens.votes.address
    const p = provider(l1)
    const token = new Contract(fdao, ERC20_ABI, p)
    expect(await token.CLOCK_MODE()).toBe('mode=timestamp')

    const chosen = await call('governance.setToken', { chainId: 1337, address: fdao })
    expect(chosen).toMatchObject({ symbol: 'FDAO', clockMode: 'timestamp', clockModeText: 'mode=timestamp' })
    await call('governance.updateRules', {
      kind: 'technical',
      rules: {
        votingDelayBlocks: 30, // seconds, with a timestamp clock
        votingPeriodBlocks: 3600,
        quorumBps: 100,
        passThresholdBps: 5000,
        timelockSeconds: 0,
        gracePeriodSeconds: 86_400,
      },
    })
    const [o1, o2, o3] = l1.safe.owners
    const created = await call('governance.create', {
      kind: 'technical',
      title: 'Move the treasury reporting to monthly',
      body: 'Monthly reports instead of quarterly.',
      proposer: o1.address,
    })
    const detail = await call('governance.get', { id: created.id })
    const latest = (await p.getBlock('latest'))!
    // A timestamp clock: the proposal's timeline is in unix seconds, the snapshot 30 s after its creation.
    expect(detail.clock.mode).toBe('timestamp')
    expect(Math.abs(detail.timeline.createdBlock - latest.timestamp)).toBeLessThanOrEqual(5)
    expect(detail.timeline.snapshotBlock - detail.timeline.createdBlock).toBe(30)
    expect(detail.state).toBe('Pending')
    const snapshot = detail.timeline.snapshotBlock

    // Before the snapshot: owner 2 gives owner 3 2,500 FDAO (both self-delegated).
    const send = async (from: { privateKey: string }, to: string, amount: bigint) =>
      (await (token.connect(new Wallet(from.privateKey, p)) as Contract).transfer(to, amount)).wait()
    await send(o2, o3.address, parseUnits('2500', 18))
    await p.send('evm_increaseTime', [60])
    await p.send('evm_mine', [])
    expect((await call('governance.get', { id: created.id })).state).toBe('Active')
    // After the snapshot: owner 3 gives owner 1 5,000 FDAO; the vote must not see it.
    await send(o3, o1.address, parseUnits('5000', 18))

    const past = async (a: string) => (await token.getPastVotes(a, snapshot)) as bigint
    const weights = {
      [o1.address]: await past(o1.address),
      [o2.address]: await past(o2.address),
      [o3.address]: await past(o3.address),
    }
    // Known answers from the fixture's 10,000 FDAO per owner and the transfer before the snapshot.
    expect(Object.values(weights)).toEqual([parseUnits('10000', 18), parseUnits('7500', 18), parseUnits('12500', 18)])
    expect(await token.getVotes(o1.address)).toBe(parseUnits('15000', 18))

    const supports = { [o1.address]: 'for', [o2.address]: 'against', [o3.address]: 'for' } as const
    for (const o of [o1, o2, o3]) {
      const signed = await call('governance.signVote', {
        id: created.id,
        voter: o.address,
        support: supports[o.address],
      })
      const imported = await call('governance.importVotes', { text: signed.text, skipRefused: false })
      expect(imported).toMatchObject({ accepted: 1, refused: 0 })
      expect(imported.outcomes[0].weight).toBe(weights[o.address].toString())
    }
    const tallied = await call('governance.get', { id: created.id })
    expect(tallied.voters).toBe(3)
    expect(new Map(tallied.votes.map((v) => [v.voter, [v.support, v.weight]]))).toEqual(
      new Map([o1, o2, o3].map((o) => [o.address, [supports[o.address], weights[o.address].toString()]])),
    )
    expect(tallied.tally).toMatchObject({
      for: (weights[o1.address] + weights[o3.address]).toString(),
      against: weights[o2.address].toString(),
      abstain: '0',
    })
  }, 60_000)

  // Regression for two bugs this journey found. Safe v1.3.0's ExecutionSuccess does not index txHash (1.4.1 does):
  // the disbursement verifier and the governance execution finder read only the 1.4.1 layout, so a batch executed by
  // a v1.3.0 Safe stayed "proposed" (test above) and a spending proposal it carried out never showed Executed. And
  // with a timestamp clock the finder searched logs from the proposal's "createdBlock", a unix time, not a block.
  it('shows a passed spending proposal Executed once the v1.3.0 Safe runs the transaction it approved', async () => {
    const { l1 } = chains
    const p = provider(l1)
    const travel = async (seconds: number) => {
      await p.send('evm_increaseTime', [seconds])
      await p.send('evm_mine', [])
    }
    await call('governance.updateRules', {
      kind: 'treasury_spending',
      rules: {
        votingDelayBlocks: 30,
        votingPeriodBlocks: 600,
        quorumBps: 50, // 10,000 of the 2,000,000 FDAO: owner 1's 15,000 alone meets it
        passThresholdBps: 5000,
        timelockSeconds: 0,
        gracePeriodSeconds: 86_400,
      },
    })
    const [o1, o2, o3] = l1.safe.owners
    const recipient = Wallet.createRandom().address
    const amount = parseUnits('321.654321', 6)
    const created = await call('governance.create', {
      kind: 'treasury_spending',
      title: 'Pay the auditors',
      body: 'Annual audit.',
      proposer: o1.address,
      spending: {
        safe: l1.safe.address,
        transfers: [{ recipient, token: l1.tokens.stable.address, amount: amount.toString() }],
      },
    })
    await travel(60)
    const signed = await call('governance.signVote', { id: created.id, voter: o1.address, support: 'for' })
    await call('governance.importVotes', { text: signed.text, skipRefused: false })
    await travel(700)
    expect((await call('governance.get', { id: created.id })).state).toBe('Succeeded')
    await call('governance.queue', { id: created.id })
    const draft = await call('governance.spendingDraft', { id: created.id })
    expect(draft.ready).toBe(true)
    await call('governance.linkSafeTx', { id: created.id, safeTx: draft.safeTx! })
    const receipt = await executeSafeTx({
      rpcUrl: l1.rpcUrl,
      chainId: 1337,
      safeAddress: l1.safe.address,
      safeTx: draft.safeTx!,
      signerKeys: [o1, o2, o3].map((o) => o.privateKey),
      executorKey: l1.outsider.privateKey,
    })
    expect(await erc20(l1, l1.tokens.stable.address).balanceOf(recipient)).toBe(amount)
    expect(await call('governance.get', { id: created.id })).toMatchObject({
      state: 'Executed',
      safe: { execution: { txHash: receipt.hash } },
    })
  }, 60_000)
})
