import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { Contract, Wallet, parseEther } from 'ethers'
import { requireChain, rpcProvider } from '../../src/main/core/chain'
import { executeSafeTx } from './disbursements-chain'
import { ServiceClient, pullFromService, startOutboxRunner } from '../../src/main/core/txservice'
import { sandboxWorkspace } from './helpers'
import { startTxServiceStandIn, type TxServiceStandIn } from '../standin/tx-service'
import { plainTransfer, safeWalletUser, signInSafeWallet as signInSafeWallet_ } from '../standin/safe-wallet'
import type { SafeTx } from '../../src/shared/contract/safe-tx'
import { viemSafeTxHash } from '../independent/viem-safe-tx'

// Short, so the slow-service case does not hold the run (the product waits 15 s).
process.env.TREASURY_TXSERVICE_TIMEOUT_MS = '1500'

const ws = sandboxWorkspace()
const { signers, safeAddress: SAFE, rpcUrl, chainId, funder } = ws.sandbox
const [alice, bob, carol] = signers
const provider = rpcProvider(rpcUrl, chainId)
let standIn: TxServiceStandIn
let safeWallet: ReturnType<typeof safeWalletUser>

const signInSafeWallet = (privateKey: string, tx: SafeTx) => signInSafeWallet_(privateKey, chainId, SAFE, tx)

async function chainNonce(): Promise<number> {
  const safe = new Contract(SAFE, ['function nonce() view returns (uint256)'], provider)
  return Number(await safe.nonce())
}

const transfer = plainTransfer

/** Someone proposes in Safe{Wallet}: their signature, posted with api-kit to the service. */
const proposeInSafeWallet = (owner: { privateKey: string; address: string }, tx: SafeTx) =>
  safeWallet.propose(owner, tx)

beforeAll(async () => {
  standIn = await startTxServiceStandIn({ rpcUrl, chainId, slowMs: 4000 })
  safeWallet = safeWalletUser({ serviceUrl: standIn.url, chainId, safe: SAFE })
  await ws.call('proposals.sync', {})
  await ws.call('txservice.configure', { url: standIn.url })
  await ws.call('keys.import', {
    label: 'Alice',
    passphrase: 'alice passphrase',
    source: { kind: 'privateKey', privateKey: alice.privateKey },
  })
  await ws.call('keys.unlock', { address: alice.address, passphrase: 'alice passphrase' })
})

afterAll(async () => {
  standIn.setMode('pass')
  await standIn.close()
  provider.destroy()
  await ws.ctx.close()
})

describe('the Safe Transaction Service as the shared queue (stand-in, real chain, real Safe)', () => {
  it('Alice proposes here → the service has it with her signature; Bob confirms in Safe{Wallet} → 2 of 2, executed, the service sees it executed', async () => {
    const recipient = Wallet.createRandom().address
    const created = await ws.call('proposals.create', {
      safe: SAFE,
      title: 'Pay the translator',
      body: {
        type: 'transactions',
        parts: [{ type: 'eth_transfer', to: recipient, amount: parseEther('0.01').toString() }],
      },
    })
    await ws.call('proposals.sign', { id: created.id, signer: alice.address })
    const pushed = await ws.call('txservice.push', {})
    expect(pushed).toMatchObject({ delivered: 1, failed: 0, refused: 0 })

    // At the service: the same fields, the hash the service computes itself (viem), Alice's signature.
    const atService = await standIn.transaction(created.safeTxHash)
    expect(atService).toMatchObject({
      safeTxHash: viemSafeTxHash(chainId, SAFE, created.safeTx),
      to: recipient,
      value: parseEther('0.01').toString(),
      nonce: created.safeTx.nonce,
      proposer: alice.address,
      isExecuted: false,
    })
    expect(atService!.confirmations.map((c) => c.owner)).toEqual([alice.address])
    const status = await ws.call('txservice.status', {})
    expect(status.outbox.find((o) => o.safeTxHash === created.safeTxHash)).toMatchObject({
      status: 'delivered',
      postedAs: 'proposal',
      signer: alice.address,
      proposalId: created.id,
    })

    // Bob confirms in Safe{Wallet}; the app pulls it, recovers it, counts it.
    await safeWallet.kit.confirmTransaction(created.safeTxHash, await signInSafeWallet(bob.privateKey, created.safeTx))
    const pulled = await ws.call('txservice.pull', {})
    expect(pulled).toMatchObject({ signaturesAdded: 1, added: [] })
    const ready = await ws.call('proposals.get', { id: created.id })
    expect(ready).toMatchObject({ status: 'ready', signatureCount: 2, threshold: 2 })
    expect(ready.signatures.map((s) => s.signer).sort()).toEqual([alice.address, bob.address].sort())
    // Attributed to where each came from: Alice's signed here, Bob's carried by the service.
    expect(Object.fromEntries(ready.signatures.map((s) => [s.signer, s.source]))).toEqual({
      [alice.address]: 'local',
      [bob.address]: 'txservice',
    })

    const before = await provider.getBalance(recipient)
    const executed = await ws.call('proposals.execute', { id: created.id, executor: alice.address })
    expect(executed.status).toBe('executed')
    expect((await provider.getBalance(recipient)) - before).toBe(parseEther('0.01'))
    const history = await standIn.transaction(created.safeTxHash)
    expect(history).toMatchObject({ isExecuted: true, transactionHash: executed.executions[0].txHash })

    // Audited: the post and the pull, by the person at the workspace; Bob's signature in his own name.
    const audit = ws.db
      .prepare(
        "SELECT actor, action FROM audit_events WHERE action LIKE 'txservice.%' OR (action = 'proposal.signature_added' AND actor = ?)",
      )
      .all(bob.address) as Array<{ actor: string; action: string }>
    expect(audit).toEqual(
      expect.arrayContaining([
        { actor: 'local-user', action: 'txservice.posted' },
        { actor: 'local-user', action: 'txservice.pulled' },
        { actor: bob.address, action: 'proposal.signature_added' },
      ]),
    )
  })

  it('a transaction proposed in Safe{Wallet} joins the queue decoded, with its signatures; executed elsewhere, it is matched to the chain', async () => {
    const recipient = Wallet.createRandom().address
    const tx = transfer(recipient, parseEther('0.02').toString(), await chainNonce())
    const hash = await proposeInSafeWallet(bob, tx)
    const pulled = await ws.call('txservice.pull', {})
    expect(pulled.added).toHaveLength(1)
    const p = await ws.call('proposals.get', { id: pulled.added[0] })
    expect(p).toMatchObject({
      safeTxHash: hash,
      kind: 'eth_transfer',
      status: 'awaiting_signatures',
      signatureCount: 1,
      proposer: bob.address,
      actions: [{ type: 'eth_transfer', to: recipient, amount: parseEther('0.02').toString() }],
    })
    expect((await ws.call('txservice.status', {})).pulled.map((r) => r.proposalId)).toContain(p.id)

    // Carol confirms there too; someone else executes it on chain (not this app).
    await safeWallet.kit.confirmTransaction(hash, await signInSafeWallet(carol.privateKey, tx))
    expect((await ws.call('txservice.pull', {})).signaturesAdded).toBe(1)
    expect((await ws.call('proposals.get', { id: p.id })).status).toBe('ready')
    const receipt = await executeSafeTx({
      rpcUrl,
      chainId,
      safeAddress: SAFE,
      safeTx: tx,
      signerKeys: [bob.privateKey, carol.privateKey],
      executorKey: funder.privateKey,
    })
    await ws.call('proposals.sync', {})
    const done = await ws.call('proposals.get', { id: p.id })
    expect(done.status).toBe('executed')
    expect(done.executions[0]).toMatchObject({ txHash: receipt.hash, origin: 'chain' })
    expect((await standIn.transaction(hash))!.isExecuted).toBe(true)
  })

  it('refuses a forged confirmation and a tampered transaction, with the reason, and counts neither', async () => {
    const nonce = await chainNonce()
    const tx = transfer(Wallet.createRandom().address, '1000', nonce)
    const hash = await proposeInSafeWallet(bob, tx)
    // A lying service: a confirmation by someone who is not an owner, and one that claims Carol but is not hers.
    const outsider = Wallet.createRandom()
    standIn.lie.addConfirmation(hash, {
      owner: outsider.address,
      signature: await signInSafeWallet(outsider.privateKey, tx),
    })
    standIn.lie.addConfirmation(hash, {
      owner: carol.address,
      signature: await signInSafeWallet(outsider.privateKey, tx),
    })
    // And a transaction whose fields were changed after Alice "signed" (the hash is the original one).
    const original = transfer(Wallet.createRandom().address, '5', nonce)
    const originalHash = viemSafeTxHash(chainId, SAFE, original)
    const stored = await standIn.transaction(hash)
    standIn.lie.storeTransaction({
      ...stored!,
      ...original,
      value: parseEther('50').toString(),
      data: null,
      safeTxHash: originalHash,
      confirmations: [],
    })

    const pulled = await ws.call('txservice.pull', {})
    const reasons = pulled.refused.map((r) => `${r.owner ?? '-'} ${r.reason}`)
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`${outsider.address} is not an owner of Safe ${SAFE}`),
        expect.stringContaining(`recovers to ${outsider.address}, not to ${carol.address}`),
        expect.stringMatching(/hash to 0x[0-9a-f]{64}, not to the 0x[0-9a-f]{64} the service gives/),
      ]),
    )
    const p = (await ws.call('proposals.list', {})).rows.find((r) => r.safeTxHash === hash)!
    const detail = await ws.call('proposals.get', { id: p.id })
    expect(detail.signatures.map((s) => s.signer)).toEqual([bob.address])
    expect((await ws.call('proposals.list', {})).rows.some((r) => r.safeTxHash === originalHash)).toBe(false)
    const refusals = (await ws.call('txservice.status', {})).refusals
    expect(
      refusals
        .filter((r) => r.safeTxHash === hash)
        .map((r) => r.owner)
        .sort(),
    ).toEqual([outsider.address, carol.address].sort())
    expect(refusals.find((r) => r.safeTxHash === originalHash)?.reason).toMatch(/fields hash to/)
    // Two proposals on one nonce: shown as the queue shows any conflict.
    expect(detail.conflicts).toBe(0)
    await ws.call('proposals.cancel', { id: p.id })
  })

  it('a post made while the service is down waits in the outbox, local work goes on, and it is delivered once the service answers', async () => {
    const created = await ws.call('proposals.create', {
      safe: SAFE,
      title: 'Offline proposal',
      body: { type: 'transactions', parts: [{ type: 'eth_transfer', to: Wallet.createRandom().address, amount: '7' }] },
    })
    standIn.setMode('down')
    await ws.call('proposals.sign', { id: created.id, signer: alice.address })
    // The queue's sync still works (the service's part fails quietly and leaves the outbox to its own round).
    const sync = await ws.call('proposals.sync', {})
    expect(sync.safe).toBe(SAFE)
    expect(await ws.call('txservice.push', {})).toMatchObject({ delivered: 0, failed: 1, waiting: 1 })
    const waiting = (await ws.call('txservice.status', {})).outbox.find((o) => o.safeTxHash === created.safeTxHash)!
    expect(waiting).toMatchObject({ status: 'pending', signer: alice.address, attempts: 1 })
    expect(waiting.lastError).toMatch(/could not/)
    expect(Date.parse(waiting.nextAttemptAt)).toBeGreaterThan(Date.now())
    expect((await ws.call('proposals.get', { id: created.id })).signatureCount).toBe(1)
    // The backoff holds it back; still down when retried now.
    expect(await ws.call('txservice.push', {})).toMatchObject({ delivered: 0, waiting: 1 })
    expect(await ws.call('txservice.push', { retryNow: true })).toMatchObject({ delivered: 0, failed: 1 })

    standIn.setMode('pass')
    expect(await ws.call('txservice.push', { retryNow: true })).toMatchObject({ delivered: 1, waiting: 0 })
    expect((await standIn.transaction(created.safeTxHash))!.confirmations.map((c) => c.owner)).toEqual([alice.address])
    await ws.call('proposals.cancel', { id: created.id })
  })

  it('a slow, malformed or garbage-answering service fails the pull with the reason and never the sync; a queued post can be cancelled', async () => {
    standIn.setMode('slow')
    await expect(ws.call('txservice.pull', {})).rejects.toMatchObject({
      code: 'SERVICE_ERROR',
      message: expect.stringMatching(/did not answer within 2 s/),
    })
    standIn.setMode('garbage')
    await expect(ws.call('txservice.pull', {})).rejects.toMatchObject({ code: 'SERVICE_ERROR' })
    expect((await ws.call('proposals.sync', {})).safe).toBe(SAFE)
    standIn.setMode('malformed')
    const malformed = await ws.call('txservice.pull', {})
    expect(malformed.added).toEqual([])
    expect(malformed.refused[0].reason).toMatch(/not a transaction/)

    standIn.setMode('down')
    const created = await ws.call('proposals.create', {
      safe: SAFE,
      title: 'To be held back',
      body: { type: 'transactions', parts: [{ type: 'eth_transfer', to: Wallet.createRandom().address, amount: '9' }] },
    })
    await ws.call('proposals.sign', { id: created.id, signer: alice.address })
    await ws.call('txservice.push', {})
    const item = (await ws.call('txservice.status', {})).outbox.find((o) => o.safeTxHash === created.safeTxHash)!
    expect((await ws.call('txservice.cancel', { id: item.id })).status).toBe('cancelled')
    standIn.setMode('pass')
    await ws.call('txservice.push', { retryNow: true })
    expect(await standIn.transaction(created.safeTxHash)).toBeNull()
    // Nothing lost: the signature stays on the proposal.
    expect((await ws.call('proposals.get', { id: created.id })).signatureCount).toBe(1)
    await ws.call('proposals.cancel', { id: created.id })
  })

  it('the CLI pulls and shows the same queue (`treasury service pull|status`)', async () => {
    const recipient = Wallet.createRandom().address
    const hash = await proposeInSafeWallet(carol, transfer(recipient, '11', await chainNonce()))
    const pulled = await cli(['service', 'pull'])
    // Exit 2: the service still holds the lying entries of the test above, refused again (and said so).
    expect(pulled.status).toBe(2)
    const report = JSON.parse(pulled.stdout) as { added: number[]; refused: Array<{ safeTxHash: string }> }
    expect(report.added).toHaveLength(1)
    expect(report.refused.length).toBeGreaterThan(0)
    expect(report.refused.every((r) => r.safeTxHash !== hash)).toBe(true)
    const status = await cli(['service', 'status', '--json'])
    expect(status.status).toBe(0)
    const parsed = JSON.parse(status.stdout) as {
      endpoints: Array<{ url: string }>
      pulled: Array<{ safeTxHash: string }>
    }
    expect(parsed.endpoints[0].url).toBe(standIn.url)
    expect(parsed.pulled.map((p) => p.safeTxHash)).toContain(hash)
    const p = await ws.call('proposals.get', { id: report.added[0] })
    expect(p).toMatchObject({ safeTxHash: hash, proposer: carol.address, signatureCount: 1 })
    await ws.call('proposals.cancel', { id: p.id })
  })

  it('a Safe{Wallet} transaction on the nonce of a local proposal shows as a nonce conflict, as any conflict does', async () => {
    const local = await ws.call('proposals.create', {
      safe: SAFE,
      title: 'Local on the next nonce',
      body: { type: 'transactions', parts: [{ type: 'eth_transfer', to: Wallet.createRandom().address, amount: '3' }] },
    })
    const hash = await proposeInSafeWallet(bob, transfer(Wallet.createRandom().address, '4', local.nonce))
    const pulled = await ws.call('txservice.pull', {})
    expect(pulled.added).toHaveLength(1)
    const remote = await ws.call('proposals.get', { id: pulled.added[0] })
    expect(remote).toMatchObject({ safeTxHash: hash, nonce: local.nonce, conflicts: 1 })
    expect((await ws.call('proposals.get', { id: local.id })).conflicts).toBe(1)
    const rows = (await ws.call('proposals.list', {})).rows.filter((r) => r.nonce === local.nonce)
    expect(rows.map((r) => r.conflicts)).toEqual([1, 1])
    await ws.call('proposals.cancel', { id: remote.id })
    await ws.call('proposals.cancel', { id: local.id })
  })

  it('the background outbox runner delivers a post made while the service was down once it answers again', async () => {
    const created = await ws.call('proposals.create', {
      safe: SAFE,
      title: 'Posted by the runner',
      body: { type: 'transactions', parts: [{ type: 'eth_transfer', to: Wallet.createRandom().address, amount: '5' }] },
    })
    standIn.setMode('down')
    await ws.call('proposals.sign', { id: created.id, signer: alice.address })
    const stop = startOutboxRunner(ws.ctx, () => {}, 200)
    try {
      const itemOf = async () =>
        (await ws.call('txservice.status', {})).outbox.find((o) => o.safeTxHash === created.safeTxHash)
      await expect.poll(async () => (await itemOf())?.attempts ?? 0, { timeout: 10_000 }).toBeGreaterThan(0)
      expect((await itemOf())!.status).toBe('pending')
      standIn.setMode('pass')
      // The first retry waits 5 s (backoff), then the runner posts it.
      await expect.poll(async () => (await itemOf())?.status, { timeout: 15_000, interval: 250 }).toBe('delivered')
    } finally {
      stop()
      standIn.setMode('pass')
    }
    expect((await standIn.transaction(created.safeTxHash))!.confirmations.map((c) => c.owner)).toEqual([alice.address])
    await ws.call('proposals.cancel', { id: created.id })
  })

  it('reads every page of the pending list', async () => {
    const nonce = await chainNonce()
    const hashes = []
    for (let n = nonce; n < nonce + 3; n++)
      hashes.push(await proposeInSafeWallet(bob, transfer(Wallet.createRandom().address, '1', n)))
    const endpoint = { chainId, url: standIn.url, apiKey: null }
    const pulled = await pullFromService(ws.ctx, requireChain(ws.db), SAFE, {
      client: new ServiceClient(endpoint, 5000, 2),
    })
    const added = await Promise.all(pulled.added.map((id) => ws.call('proposals.get', { id })))
    expect(added.map((p) => p.safeTxHash).sort()).toEqual([...hashes].sort())
    expect(
      standIn.requests.filter((r) => r.path.endsWith(`/safes/${SAFE}/multisig-transactions/`)).length,
    ).toBeGreaterThan(1)
    for (const p of added) await ws.call('proposals.cancel', { id: p.id })
  })

  it('checks the setting at the boundary and never shows or audits an API key', async () => {
    await expect(ws.call('txservice.configure', { url: null })).rejects.toMatchObject({ code: 'BAD_INPUT' })
    await expect(
      ws.call('txservice.configure', { url: 'https://user:secret@tx.example.org/api' }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' })
    await expect(ws.call('txservice.configure', { url: 'ftp://tx.example.org' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    })
    // No hosted service runs for the sandbox chain: api-kit's own reason comes back.
    await expect(ws.call('txservice.configure', { url: null, apiKey: 'hosted-key-123' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/no hosted Transaction Service for chain 31337/),
    })
    const saved = await ws.call('txservice.configure', { url: `${standIn.url}/`, apiKey: 'self-hosted-key-456' })
    expect(saved).toMatchObject({ url: standIn.url, hasApiKey: true })
    expect(JSON.stringify(await ws.call('txservice.status', {}))).not.toContain('self-hosted-key-456')
    const trail = ws.db.prepare('SELECT payload FROM audit_events').all() as Array<{ payload: string | null }>
    expect(trail.some((e) => e.payload?.includes('self-hosted-key-456') || e.payload?.includes('hosted-key-123'))).toBe(
      false,
    )
    expect(await ws.call('txservice.disable', {})).toEqual({ removed: true })
    expect((await ws.call('txservice.status', {})).endpoints).toEqual([])
    await expect(ws.call('txservice.pull', {})).rejects.toMatchObject({ code: 'NOT_CONFIGURED' })
  })
})

/** The real CLI on this workspace's folder, spawned asynchronously: the stand-in answers from this process. */
async function cli(args: string[]) {
  const root = join(__dirname, '../..')
  const child = spawn(
    process.execPath,
    [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src/cli/main.ts'), '--data-dir', ws.dir, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  )
  const run = { stdout: '', stderr: '', status: null as number | null }
  child.stdout.on('data', (d) => (run.stdout += d))
  child.stderr.on('data', (d) => (run.stderr += d))
  run.status = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  return run
}
