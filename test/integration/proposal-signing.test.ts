import { afterAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Wallet, encryptKeystoreJson, parseEther } from 'ethers'
import { rpcProvider } from '../../src/main/core/chain'
import { listSignatures, signSafeTx, signatureBundle, toJson } from '../../src/main/core/signing'
import { listProposalSignatures } from '../../src/main/core/proposals'
import { signRequestFiles } from '../../src/cli/commands/signing'
import { sandboxWorkspace } from './helpers'

const ws = sandboxWorkspace()
const { signers, safeAddress: SAFE } = ws.sandbox
const [alice, bob] = signers
const provider = rpcProvider(ws.sandbox.rpcUrl, 31337)
const files = mkdtempSync(join(tmpdir(), 'treasury-proposal-signing-'))
afterAll(async () => {
  provider.destroy()
  await ws.ctx.close()
})

describe("a signer's journey: proposal → signing request → signatures (app + offline CLI) → execution", () => {
  it('joins issue 3 signing to issue 4 proposals in one flow', async () => {
    await ws.call('proposals.sync', {})
    // Alice's demo key, imported and unlocked in the app.
    await ws.call('keys.import', {
      label: 'Alice',
      passphrase: 'alice passphrase',
      source: { kind: 'privateKey', privateKey: alice.privateKey },
    })
    const unlocked = await ws.call('keys.unlock', { address: alice.address, passphrase: 'alice passphrase' })
    expect(unlocked.unlocked).toBe(true)

    const recipient = Wallet.createRandom().address
    const created = await ws.call('proposals.create', {
      safe: SAFE,
      title: 'Pay the designer',
      body: {
        type: 'transactions',
        parts: [{ type: 'eth_transfer', to: recipient, amount: parseEther('0.5').toString() }],
      },
    })
    expect(created.threshold).toBe(2)

    // Exported: issue 3's signing request, stored so the Sign page lists it.
    const exported = await ws.call('proposals.exportSigningRequest', { id: created.id })
    const doc = JSON.parse(exported.json)
    expect(doc).toMatchObject({
      type: 'aitbc-treasury/signing-request',
      version: 1,
      chainId: 31337,
      safe: SAFE,
      safeTxHash: created.safeTxHash,
      safeTx: created.safeTx,
    })
    expect(exported.qr.parts.length).toBeGreaterThan(0)
    expect((await ws.call('signing.list', {})).map((r) => r.safeTxHash)).toContain(created.safeTxHash)

    // Alice signs in the app: both stores hold her signature.
    const signed = await ws.call('proposals.sign', { id: created.id, signer: alice.address })
    expect(signed.signatureCount).toBe(1)
    expect(listSignatures(ws.db, created.safeTxHash).map((s) => s.signer)).toEqual([alice.address])

    // Bob signs the request file on an offline machine with the CLI's code path.
    const requestFile = join(files, exported.fileName)
    writeFileSync(requestFile, exported.json)
    const keystoreFile = join(files, 'bob.json')
    writeFileSync(
      keystoreFile,
      await encryptKeystoreJson({ address: bob.address, privateKey: bob.privateKey }, 'bob offline', {
        scrypt: { N: 1024 },
      }),
    )
    const outFile = join(files, 'bob-signature.json')
    const cli = await signRequestFiles({
      requestFiles: [requestFile],
      keystoreFile,
      passphrase: 'bob offline',
      outFile,
      log: () => {},
    })
    expect(cli.signer).toBe(bob.address)

    // A bundle for another transaction is refused on the proposal page, writing nothing.
    const other = JSON.parse(readFileSync(outFile, 'utf8'))
    other.safeTxHash = '0x' + '11'.repeat(32)
    await expect(
      ws.call('proposals.importSignatureBundle', { id: created.id, text: JSON.stringify(other) }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' })

    // The bundle comes back through the Sign page's import and joins the proposal in the same transaction.
    const imported = await ws.call('signing.import', { text: readFileSync(outFile, 'utf8') })
    expect(imported).toMatchObject({ kind: 'signature', signer: bob.address })
    const ready = await ws.call('proposals.get', { id: created.id })
    expect(ready.signatureCount).toBe(2)
    expect(ready.status).toBe('ready')
    const fromProposal = listProposalSignatures(ws.db, created.id)
      .map((s) => `${s.signer}:${s.signature}`)
      .sort()
    const fromSigning = listSignatures(ws.db, created.safeTxHash)
      .map((s) => `${s.signer}:${s.signature}`)
      .sort()
    expect(fromSigning).toEqual(fromProposal)
    expect(fromProposal).toHaveLength(2)

    // Importing it again on the proposal page is a conflict, not a second copy.
    await expect(
      ws.call('proposals.importSignatureBundle', { id: created.id, text: readFileSync(outFile, 'utf8') }),
    ).rejects.toMatchObject({ code: 'CONFLICT' })

    // Executed paying with Alice's unlocked key: the ETH moves on chain.
    const before = await provider.getBalance(recipient)
    const executed = await ws.call('proposals.execute', { id: created.id, executor: alice.address })
    expect(executed.status).toBe('executed')
    expect(executed.executions[0]).toMatchObject({ outcome: 'success', executor: alice.address })
    expect((await provider.getBalance(recipient)) - before).toBe(parseEther('0.5'))
  })

  it('a bundle for a proposal whose request was never exported, then a Sign page signature, both join it', async () => {
    const created = await ws.call('proposals.create', {
      safe: SAFE,
      title: 'Pay the translator',
      body: { type: 'transactions', parts: [{ type: 'eth_transfer', to: bob.address, amount: '1' }] },
    })
    const wallet = new Wallet(bob.privateKey)
    const bundle = signatureBundle(created, bob.address, await signSafeTx(wallet, 31337, SAFE, created.safeTx))
    // Sign page import: the proposal is found by hash, its request stored with the signature.
    await ws.call('signing.import', { text: toJson(bundle) })
    expect((await ws.call('proposals.get', { id: created.id })).signatureCount).toBe(1)
    // Signing on the Sign page with Alice's unlocked key also signs the proposal.
    await ws.call('signing.sign', { safeTxHash: created.safeTxHash, signer: alice.address, acceptWarnings: true })
    const after = await ws.call('proposals.get', { id: created.id })
    expect(after).toMatchObject({ signatureCount: 2, status: 'ready' })
    expect(listSignatures(ws.db, created.safeTxHash)).toHaveLength(2)
    await ws.call('proposals.cancel', { id: created.id })
  })
})
