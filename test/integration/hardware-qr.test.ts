import { afterAll, describe, expect, it } from 'vitest'
import { JsonRpcProvider } from 'ethers'
import { hashTypedData } from 'viem'
import { sandboxWorkspace } from './helpers'
import { executeSafeTx } from './disbursements-chain'
import { listAuditEvents } from '../../src/main/core/audit'
import { SoftwareQrDevice } from '../hardware/keystone-device'
import { decodeCbor, independentUrDecode } from '../hardware/ur-independent'

/*
 * Issue #20, ERC-4527: a "Keystone" (a software device holding the sandbox's public mnemonic, whose accounts 1 and 2
 * are owners of the sandbox Safe) is paired from its account QR, signs the request the app shows as fountain-coded
 * UR parts, and its eth-signature is read back and stored; the Safe then executes with exactly the signatures the
 * app stored. The request is also read by an independent decoder and its typed data hashed by viem.
 */

const RECIPIENT = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955'

describe('hardware signers over ERC-4527 QR, on the sandbox chain', () => {
  const ws = sandboxWorkspace()
  const { funder, safeAddress, rpcUrl, chainId, signers } = ws.sandbox
  const device = new SoftwareQrDevice('test test test test test test test test test test test junk')
  afterAll(() => ws.ctx.close())

  it('pairs from the account QR, signs through UR frames, and the Safe executes with the stored signatures', async () => {
    const preview = await ws.call('hardware.readPairing', { parts: [device.hdKeyCode().toUpperCase()] })
    expect(preview.sourceFingerprint).toBe(device.fingerprint)
    expect(preview.accounts[1].address).toBe(signers[0].address) // the sandbox owners are accounts 1..3
    for (const i of [1, 2])
      await ws.call('hardware.pairQr', {
        parts: [device.hdKeyCode()],
        address: preview.accounts[i].address,
        label: `Keystone #${i}`,
      })
    const paired = await ws.call('hardware.list', {})
    expect(paired.map((p) => [p.address, p.path, p.transport])).toEqual([
      [signers[0].address, "m/44'/60'/0'/0/1", 'qr'],
      [signers[1].address, "m/44'/60'/0'/0/2", 'qr'],
    ])
    expect((await ws.call('keys.list', {})).signers.map((s) => s.kind)).toEqual(['watch', 'watch'])
    // A typed-in address that the code does not derive is refused.
    await expect(
      ws.call('hardware.pairQr', { parts: [device.hdKeyCode()], address: RECIPIENT, label: 'x' }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' })

    const made = await ws.call('signing.createRequest', {
      tx: { kind: 'transfer', token: null, to: RECIPIENT, amount: '12345' },
    })
    const hash = made.request.safeTxHash
    const answers: string[][] = []
    for (const signer of paired) {
      const shown = await ws.call('hardware.qrRequest', { signer: signer.address, safeTxHash: hash })
      expect(shown.images).toHaveLength(shown.parts.length)
      expect(shown.images[0]).toMatch(/^data:image\/png;base64,/)
      // Independent reading of what the screen shows: the typed data hashes (viem) to the request's safeTxHash.
      const { type, cbor } = independentUrDecode(shown.parts)
      expect(type).toBe('eth-sign-request')
      const typed = JSON.parse(new TextDecoder().decode((decodeCbor(cbor) as Map<number, Uint8Array>).get(2)))
      expect(hashTypedData({ ...typed, types: { SafeTx: typed.types.SafeTx } })).toBe(hash)
      expect(shown.digest).toBe(hash)
      answers.push(device.sign(shown.parts).parts)
    }

    // An answer to a request this workspace never showed is refused (a device answering a stale or foreign one).
    const foreign = new SoftwareQrDevice('test test test test test test test test test test test junk')
    const other = await ws.call('hardware.qrRequest', { signer: paired[0].address, safeTxHash: hash })
    ws.db.prepare('DELETE FROM hardware_sign_requests WHERE request_id = ?').run(other.requestId)
    await expect(
      ws.call('hardware.qrImportSignature', { parts: foreign.sign(other.parts).parts }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/never showed/) })

    const first = await ws.call('hardware.qrImportSignature', { parts: answers[0] })
    expect(first.signer).toBe(paired[0].address)
    const second = await ws.call('hardware.qrImportSignature', { parts: answers[1] })
    expect(second.view.progress.collected).toBe(2)
    expect(second.view.signatures.map((s) => s.source)).toEqual(['imported', 'imported'])
    await expect(ws.call('hardware.qrImportSignature', { parts: answers[1] })).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    const actions = listAuditEvents(ws.db, { limit: 100 }).map((e) => e.action)
    expect(actions.filter((a) => a === 'signature.imported')).toHaveLength(2)
    expect(actions.filter((a) => a === 'hardware.request-shown')).toHaveLength(3)

    // Execute with the signatures as the app stored them (exported bundles), nothing re-signed by the test.
    const stored = await Promise.all(
      paired.map(async (p) => {
        const file = await ws.call('signing.exportSignature', { safeTxHash: hash, signer: p.address })
        return { signer: p.address, data: JSON.parse(file.json).signature as string }
      }),
    )
    const provider = new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1 })
    const before = await provider.getBalance(RECIPIENT)
    const receipt = await executeSafeTx({
      rpcUrl,
      chainId,
      safeAddress,
      safeTx: made.request.safeTx,
      signerKeys: [],
      signatures: stored,
      executorKey: funder.privateKey,
    })
    expect(receipt.status).toBe(1)
    expect((await provider.getBalance(RECIPIENT)) - before).toBe(12345n)
    provider.destroy()
  })
})
