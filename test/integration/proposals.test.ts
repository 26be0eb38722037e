import { afterAll, describe, expect, it } from 'vitest'
import { Contract, Interface, Wallet, parseEther, parseUnits } from 'ethers'
import { rpcProvider } from '../../src/main/core/chain'
import { safeTxHash, signSafeTx } from '../../src/main/core/signing/safe-tx'
import { executeProposal, getProposal, signProposal } from '../../src/main/core/proposals'
import { sandboxWorkspace } from './helpers'

const ws = sandboxWorkspace()
const { signers, safeAddress: SAFE, token, funder } = ws.sandbox
const provider = rpcProvider(ws.sandbox.rpcUrl, 31337)
afterAll(async () => {
  provider.destroy()
  await ws.ctx.close()
})

const erc20 = new Contract(token.address, ['function balanceOf(address) view returns (uint256)'], provider)
const recipient = Wallet.createRandom().address

/** A signature made off-app, as a signer's own wallet would: what a bundle file carries. */
async function offAppSignature(id: number, signerIndex: number): Promise<string> {
  const detail = await ws.call('proposals.get', { id })
  const wallet = new Wallet(signers[signerIndex].privateKey)
  const sig = await signSafeTx(wallet, 31337, SAFE, detail.safeTx)
  expect(safeTxHash(31337, SAFE, detail.safeTx)).toBe(detail.safeTxHash)
  return sig
}

async function signBy(id: number, ...indexes: number[]) {
  for (const i of indexes)
    await ws.call('proposals.addSignature', {
      id,
      signature: await offAppSignature(id, i),
      signer: signers[i].address,
    })
  return ws.call('proposals.get', { id })
}

/** Clears the queue left by earlier tests so nonces line up: executes nothing, just cancels. */
async function cancelOpen() {
  const open = await ws.call('proposals.list', { view: 'queue', limit: 500 })
  for (const row of open.rows) await ws.call('proposals.cancel', { id: row.id })
}

describe('proposal lifecycle on the sandbox chain', () => {
  it('ETH transfer: proposed, signed by 2 owners off-app, simulated, executed; balance moves; audited', async () => {
    await ws.call('proposals.sync', {})
    const before = await provider.getBalance(recipient)
    const created = await ws.call('proposals.create', {
      safe: SAFE,
      title: 'Pay the auditor',
      category: 'Operations',
      budgetLineId: 'OPS-2026-01',
      body: {
        type: 'transactions',
        parts: [{ type: 'eth_transfer', to: recipient, amount: parseEther('1.25').toString() }],
      },
    })
    expect(created).toMatchObject({
      kind: 'eth_transfer',
      status: 'awaiting_signatures',
      threshold: 2,
      signatureCount: 0,
    })
    expect(created.outflows).toEqual([
      { token: null, symbol: 'ETH', decimals: 18, amount: parseEther('1.25').toString() },
    ])
    expect(created.can.execute).toBe(false)

    // A signature over another transaction, or by a non-owner, is refused and writes nothing.
    const stranger = Wallet.createRandom()
    await expect(
      ws.call('proposals.addSignature', {
        id: created.id,
        signature: await signSafeTx(stranger, 31337, SAFE, created.safeTx),
      }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/not an owner/) })
    await expect(
      ws.call('proposals.addSignature', {
        id: created.id,
        signature: await offAppSignature(created.id, 0),
        signer: signers[1].address,
      }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/not .*0x/) })

    const one = await signBy(created.id, 0)
    expect(one).toMatchObject({ status: 'awaiting_signatures', signatureCount: 1 })
    const two = await signBy(created.id, 1)
    expect(two).toMatchObject({ status: 'ready', signatureCount: 2 })
    expect(two.owners.filter((o) => o.signed).map((o) => o.address)).toEqual([signers[0].address, signers[1].address])

    const simulated = await ws.call('proposals.simulate', { id: created.id })
    expect(simulated.simulation).toMatchObject({
      ok: true,
      call: { success: true },
      execution: { checked: true, success: true },
    })

    const executed = await ws.call('proposals.execute', { id: created.id })
    expect(executed.status).toBe('executed')
    const [execution] = executed.executions
    expect(execution).toMatchObject({ outcome: 'success', origin: 'app', executor: funder.address })
    const receipt = await provider.getTransactionReceipt(execution.txHash)
    expect(receipt?.blockNumber).toBe(execution.blockNumber)
    expect(receipt?.gasUsed.toString()).toBe(execution.gasUsed)
    expect((await provider.getBalance(recipient)) - before).toBe(parseEther('1.25'))

    const audit = await ws.call('audit.list', { limit: 50 })
    const actions = audit.events.filter((e) => e.subject === `proposal:${created.id}`).map((e) => e.action)
    expect(actions).toEqual(
      expect.arrayContaining([
        'proposal.created',
        'proposal.signature_added',
        'proposal.simulated',
        'proposal.executed',
      ]),
    )
    const exec = audit.events.find((e) => e.action === 'proposal.executed')!
    expect(exec.payload).toMatchObject({ txHash: execution.txHash, payer: 'sandbox node account' })
    expect((await ws.call('audit.verify', {})).ok).toBe(true)
  })

  it('ERC-20 batch of 3 through MultiSendCallOnly, signed and executed with local wallets (core API)', async () => {
    const to = [Wallet.createRandom().address, Wallet.createRandom().address, Wallet.createRandom().address]
    const amounts = [parseUnits('10', 18), parseUnits('20.5', 18), parseUnits('0.001', 18)]
    const created = await ws.call('proposals.create', {
      safe: SAFE,
      title: 'Q1 contributor grants',
      category: 'Grants',
      grantLink: 'GR-7',
      body: {
        type: 'transactions',
        parts: to.map((addr, i) => ({
          type: 'erc20_transfer' as const,
          token: token.address,
          to: addr,
          amount: amounts[i].toString(),
        })),
      },
    })
    expect(created).toMatchObject({ kind: 'batch', parts: 3, multiSend: ws.sandbox.contracts.multiSendCallOnlyAddress })
    expect(created.safeTx.operation).toBe(1)
    expect(created.outflows).toEqual([
      {
        token: token.address,
        symbol: 'AITBC',
        decimals: 18,
        amount: (amounts[0] + amounts[1] + amounts[2]).toString(),
      },
    ])
    // Core functions with ethers wallets: the path the key store will drive.
    await signProposal(ws.ctx, created.id, new Wallet(signers[1].privateKey))
    await signProposal(ws.ctx, created.id, new Wallet(signers[2].privateKey))
    expect(getProposal(ws.db, created.id)!.status).toBe('ready')
    const chain = {
      chainId: 31337,
      name: 'sandbox',
      rpcUrl: ws.sandbox.rpcUrl,
      isSandbox: true,
      contractNetwork: ws.sandbox.contracts,
    }
    const execution = await executeProposal(ws.ctx, chain, created.id, new Wallet(funder.privateKey, provider))
    expect(execution.outcome).toBe('success')
    for (let i = 0; i < 3; i++) expect(await erc20.balanceOf(to[i])).toBe(amounts[i])
  })

  it('two proposals on one nonce: the rejection executes, the other is replaced', async () => {
    await ws.call('proposals.sync', {})
    const a = await ws.call('proposals.create', {
      safe: SAFE,
      title: 'Pay vendor A',
      body: { type: 'transactions', parts: [{ type: 'eth_transfer', to: recipient, amount: '1000' }] },
    })
    const b = await ws.call('proposals.create', {
      safe: SAFE,
      title: 'Pay vendor B instead',
      nonce: a.nonce,
      body: { type: 'transactions', parts: [{ type: 'eth_transfer', to: recipient, amount: '2000' }] },
    })
    expect(b.nonce).toBe(a.nonce)
    expect(b.conflicts).toBe(1)
    const queue = await ws.call('proposals.list', { view: 'queue', safe: SAFE })
    expect(queue.rows.find((r) => r.id === a.id)?.conflicts).toBe(2 - 1)
    expect(queue.nonce?.suggested).toBe(a.nonce + 1)

    const rejection = await ws.call('proposals.reject', { id: a.id })
    expect(rejection).toMatchObject({ kind: 'rejection', nonce: a.nonce, rejects: a.id, conflicts: 2 })
    expect(rejection.safeTx).toMatchObject({ to: SAFE, value: '0', data: '0x', operation: 0 })
    expect((await ws.call('proposals.get', { id: a.id })).can.reject).toBe(false)
    await expect(ws.call('proposals.reject', { id: b.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/already has a rejection/),
    })
    await signBy(rejection.id, 0, 2)
    const done = await ws.call('proposals.execute', { id: rejection.id })
    expect(done.status).toBe('executed')
    for (const id of [a.id, b.id]) {
      const p = await ws.call('proposals.get', { id })
      expect(p).toMatchObject({ status: 'replaced', replacedBy: rejection.id, replacedByRejection: true })
    }
    expect(await provider.getBalance(recipient)).toBe(parseEther('1.25'))
  })

  it('a reverting call shows its reason and is not executed', async () => {
    await cancelOpen()
    const tooMuch = parseUnits('99999999', 18).toString()
    const created = await ws.call('proposals.create', {
      safe: SAFE,
      title: 'More AITBC than the Safe holds',
      body: {
        type: 'transactions',
        parts: [{ type: 'erc20_transfer', token: token.address, to: recipient, amount: tooMuch }],
      },
    })
    const ready = await signBy(created.id, 0, 1)
    expect(ready.status).toBe('ready')
    const simulated = await ws.call('proposals.simulate', { id: created.id })
    expect(simulated.simulation?.ok).toBe(false)
    expect(simulated.simulation?.call.revertReason).toMatch(/transfer amount exceeds balance/)
    expect(simulated.simulation?.execution.revertReason).toMatch(/GS013/)
    const nonceBefore = (await ws.call('safe.overview', { refresh: true })).nonce
    await expect(ws.call('proposals.execute', { id: created.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/transfer amount exceeds balance/),
    })
    expect((await ws.call('proposals.get', { id: created.id })).status).toBe('ready')
    expect((await ws.call('safe.overview', { refresh: true })).nonce).toBe(nonceBefore)
    await ws.call('proposals.cancel', { id: created.id, reason: 'cannot pay' })
  })

  it('reads approveHash back from the chain and detects a proposal executed elsewhere', async () => {
    await cancelOpen()
    await ws.call('proposals.sync', {})
    const p = await ws.call('proposals.create', {
      safe: SAFE,
      title: 'Approved on chain, executed elsewhere',
      body: { type: 'transactions', parts: [{ type: 'eth_transfer', to: recipient, amount: '777' }] },
    })
    const competitor = await ws.call('proposals.create', {
      safe: SAFE,
      title: 'Competing on the same nonce',
      nonce: p.nonce,
      body: { type: 'transactions', parts: [{ type: 'eth_transfer', to: recipient, amount: '778' }] },
    })
    // Owner #3 approves the hash on chain from their own wallet.
    const owner = new Wallet(signers[2].privateKey, provider)
    const safe = new Contract(
      SAFE,
      [
        'function approveHash(bytes32)',
        'function execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes) returns (bool)',
      ],
      owner,
    )
    await (await safe.approveHash(p.safeTxHash)).wait()
    const synced = await ws.call('proposals.sync', {})
    expect(synced.onchainApprovals).toBe(1)
    const after = await ws.call('proposals.get', { id: p.id })
    expect(after.signatures).toEqual([
      expect.objectContaining({ signer: signers[2].address, kind: 'approved_hash', source: 'onchain' }),
    ])

    // Someone executes it outside the app with owner #1's signature plus #3's on-chain approval.
    const sig1 = await offAppSignature(p.id, 0)
    const { packSignatures, approvedHashSignature } = await import('../../src/main/core/signing/safe-tx')
    const packed = packSignatures([
      { signer: signers[0].address, data: sig1 },
      { signer: signers[2].address, data: approvedHashSignature(signers[2].address) },
    ])
    const t = p.safeTx
    const iface = new Interface([
      'function execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes) returns (bool)',
    ])
    const data = iface.encodeFunctionData('execTransaction', [
      t.to,
      t.value,
      t.data,
      t.operation,
      t.safeTxGas,
      t.baseGas,
      t.gasPrice,
      t.gasToken,
      t.refundReceiver,
      packed,
    ])
    const outside = await (await new Wallet(signers[1].privateKey, provider).sendTransaction({ to: SAFE, data })).wait()

    const report = await ws.call('proposals.sync', {})
    expect(report.executed).toEqual([p.id])
    expect(report.replaced).toEqual([competitor.id])
    const executed = await ws.call('proposals.get', { id: p.id })
    expect(executed.status).toBe('executed')
    expect(executed.executions).toEqual([
      expect.objectContaining({
        txHash: outside!.hash,
        origin: 'chain',
        outcome: 'success',
        executor: signers[1].address,
      }),
    ])
    expect((await ws.call('proposals.get', { id: competitor.id })).replacedBy).toBe(p.id)
    const history = await ws.call('proposals.list', { view: 'history', status: ['executed'] })
    expect(history.rows.map((r) => r.id)).toContain(p.id)
  })
})

describe('on-chain approval from the app', () => {
  it('an owner approves the hash on chain (sandbox node account), it is read back and counts', async () => {
    await cancelOpen()
    await ws.call('proposals.sync', {})
    const p = await ws.call('proposals.create', {
      safe: SAFE,
      title: 'Approved on chain from the app',
      body: { type: 'transactions', parts: [{ type: 'eth_transfer', to: recipient, amount: '5' }] },
    })
    const approved = await ws.call('proposals.approveOnChain', { id: p.id, owner: signers[1].address })
    expect(approved.signatures).toEqual([
      expect.objectContaining({ signer: signers[1].address, source: 'onchain', kind: 'approved_hash' }),
    ])
    const onChain = new Contract(SAFE, ['function approvedHashes(address,bytes32) view returns (uint256)'], provider)
    expect(await onChain.approvedHashes(signers[1].address, p.safeTxHash)).toBe(1n)
    await expect(ws.call('proposals.approveOnChain', { id: p.id, owner: funder.address })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    })
    await signBy(p.id, 0)
    expect((await ws.call('proposals.execute', { id: p.id })).status).toBe('executed')
  })
})

describe('filters, drafts and edits', () => {
  it('drafts take no signatures until submitted; filters by status, category and signer', async () => {
    const draft = await ws.call('proposals.create', {
      safe: SAFE,
      title: 'Draft idea',
      category: 'Research',
      draft: true,
      body: { type: 'transactions', parts: [{ type: 'eth_transfer', to: recipient, amount: '1' }] },
    })
    expect(draft.status).toBe('draft')
    await expect(
      ws.call('proposals.addSignature', { id: draft.id, signature: await offAppSignature(draft.id, 0) }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/draft/) })
    const edited = await ws.call('proposals.update', { id: draft.id, title: 'Research grant', description: 'Why' })
    expect(edited.safeTxHash).toBe(draft.safeTxHash)
    await ws.call('proposals.submit', { id: draft.id })
    await signBy(draft.id, 1)
    const signedBy1 = await ws.call('proposals.list', { view: 'queue', signer: signers[1].address })
    expect(signedBy1.rows.map((r) => r.id)).toEqual([draft.id])
    const notBy0 = await ws.call('proposals.list', {
      view: 'queue',
      signer: signers[0].address,
      signerState: 'not_signed',
    })
    expect(notBy0.rows.map((r) => r.id)).toContain(draft.id)
    const research = await ws.call('proposals.list', { view: 'all', category: 'Research' })
    expect(research.rows.map((r) => r.title)).toEqual(['Research grant'])
    expect(research.categories).toEqual(expect.arrayContaining(['Grants', 'Operations', 'Research']))
    const cancelled = await ws.call('proposals.list', { view: 'history', status: ['cancelled'] })
    expect(cancelled.rows.every((r) => r.status === 'cancelled')).toBe(true)
    await expect(
      ws.call('proposals.create', {
        safe: SAFE,
        title: 'Old nonce',
        nonce: 0,
        body: { type: 'transactions', parts: [{ type: 'eth_transfer', to: recipient, amount: '1' }] },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already used/) })
    await ws.call('proposals.cancel', { id: draft.id })
  })
})
