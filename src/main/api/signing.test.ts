import { describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Interface, parseEther } from 'ethers'
import { openDatabase } from '../core/db/open'
import { createContext } from '../core/workspace/context'
import { createSandboxController } from '../core/workflows/sandbox-workspace'
import { KeyStore } from '../core/keys'
import { createSigningRequest, parseSignatureBundle, plainSafeTx, recoverSafeSigner, toJson } from '../core/signing'
import { createApi } from '.'

// Hardhat's public test accounts: #1 and #2 own the Safe below, #5 does not.
const ALICE = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'
const ALICE_ADDRESS = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const BOB_ADDRESS = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
const SAFE = '0x3b528a984d3F9e7b7dA1f2310685fFAF327C3238'

/** An offline signer's app: no chain, no Safe, only the request it was handed. */
function offlineApp() {
  const ctx = createContext(openDatabase(':memory:'), 'browser', 'test')
  const keys = new KeyStore(ctx, {
    dir: join(mkdtempSync(join(tmpdir(), 'treasury-api-keys-')), 'keys'),
    scryptN: 1024,
  })
  const sandbox = createSandboxController(
    ctx,
    () => {},
    () => Promise.reject(new Error('offline')),
  )
  const api = createApi({ ctx, keys, sandbox }, () => {})
  const call = async (name: string, input: unknown) => {
    const r = await api.dispatch(name, input)
    if (!r.ok) throw Object.assign(new Error(r.error.message), r.error)
    return r.value as never
  }
  return { ctx, call }
}

const request = createSigningRequest({
  chainId: 31337,
  safe: SAFE,
  safeVersion: '1.4.1',
  safeTx: plainSafeTx({
    to: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    value: '0',
    data: new Interface(['function transfer(address,uint256)']).encodeFunctionData('transfer', [
      BOB_ADDRESS,
      parseEther('12'),
    ]) as `0x${string}`,
    operation: 0,
    nonce: '4',
  }),
  context: { owners: [ALICE_ADDRESS, BOB_ADDRESS], threshold: 2, safeNonce: '4', asOf: new Date().toISOString() },
  tokens: [{ address: '0x5FbDB2315678afecb367f032d93F642f64180aa3', symbol: 'AITBC', decimals: 18, known: true }],
  multiSend: [],
  createdBy: 'test',
})

describe('signing API on an offline signer', () => {
  it('imports a request, reviews it from what it states, signs with an unlocked key and exports the bundle', async () => {
    const { call } = offlineApp()
    const imported = (await call('signing.import', { text: toJson(request) })) as {
      kind: string
      view: { review: { stateSource: string; warnings: Array<{ code: string; severity: string }> } }
    }
    expect(imported.kind).toBe('request')
    expect(imported.view.review.stateSource).toBe('request')
    expect(imported.view.review.warnings.map((w) => [w.code, w.severity])).toEqual([
      ['unknown-chain', 'caution'],
      ['unknown-token', 'caution'],
    ])
    expect(((await call('signing.list', {})) as unknown[]).length).toBe(1)
    await call('keys.import', {
      label: 'Alice',
      passphrase: 'offline passphrase',
      source: { kind: 'privateKey', privateKey: ALICE },
    })
    await expect(call('signing.sign', { safeTxHash: request.safeTxHash, signer: ALICE_ADDRESS })).rejects.toMatchObject(
      { code: 'LOCKED' },
    )
    await call('keys.unlock', { address: ALICE_ADDRESS, passphrase: 'offline passphrase' })
    const signed = (await call('signing.sign', { safeTxHash: request.safeTxHash, signer: ALICE_ADDRESS })) as {
      bundle: { json: string; qr: { parts: string[]; images: string[] } }
      view: { progress: { collected: number; threshold: number } }
    }
    const bundle = parseSignatureBundle(signed.bundle.json)
    expect(recoverSafeSigner(request.safeTxHash, bundle.signature).signer).toBe(ALICE_ADDRESS)
    expect(signed.bundle.qr.images[0]).toMatch(/^data:image\/png;base64,/)
    expect(signed.view.progress).toEqual({ collected: 1, threshold: 2 })
    // Importing signatures needs the Safe's owners from the chain or a synced snapshot, never from the request.
    await expect(call('signing.import', { text: signed.bundle.json })).rejects.toMatchObject({ code: 'NOT_CONFIGURED' })
  })
})
