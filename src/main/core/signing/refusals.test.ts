import { describe, expect, it } from 'vitest'
import { Wallet } from 'ethers'
import { openDatabase } from '../db/open'
import { createContext } from '../workspace/context'
import { listAuditEvents } from '../audit'
import { createSigningRequest, signatureBundle } from './documents'
import { plainSafeTx, signSafeTx } from './safe-tx'
import { acceptSignatureBundle, acceptSignatureBundles } from './requests'
import { proposalLink } from '../workflows/signatures'
import { countSignatures } from './store'
import { requireOwner, verifyBundle } from './verify'
import type { SigningRequestDoc } from '../../../shared/contract/signing'

/**
 * One test per rule by which an imported signature is refused: the signer is not an owner, the bundle is for another
 * chain, for another Safe, or replays a signature (already stored, twice in one import, or made for another nonce).
 * Each test checks the refusal and that nothing was stored, and the accepted case beside it, so the rule cannot be
 * inverted or removed unnoticed.
 */
const SAFE = '0x3b528a984d3F9e7b7dA1f2310685fFAF327C3238'
const OTHER_SAFE = '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0'
const RECIPIENT = '0x90F79bf6EB2c4f870365E785982E1f101E93b906'
// Hardhat's public test keys: never real.
const alice = new Wallet('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d')
const bob = new Wallet('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a')
const mallory = new Wallet('0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba')
const OWNERS = { list: [alice.address, bob.address], source: 'test snapshot' }

function request(nonce = '3', chainId = 31337, safe = SAFE): SigningRequestDoc {
  return createSigningRequest({
    chainId,
    safe,
    safeVersion: '1.4.1',
    safeTx: plainSafeTx({ to: RECIPIENT, value: '1000', data: '0x', operation: 0, nonce }),
    description: 'stipend',
    context: { owners: OWNERS.list, threshold: 2, safeNonce: nonce, asOf: new Date().toISOString() },
    tokens: [],
    multiSend: [],
    createdBy: 'test',
  })
}

async function bundleBy(wallet: Wallet, doc: SigningRequestDoc, signFor: SigningRequestDoc = doc) {
  const signature = await signSafeTx(wallet, signFor.chainId, signFor.safe, signFor.safeTx)
  return signatureBundle(doc, wallet.address, signature)
}

function workspace() {
  const ctx = createContext(openDatabase(':memory:'), 'cli', 'test')
  const imported = () => listAuditEvents(ctx.db, { limit: 100 }).filter((e) => e.action === 'signature.imported').length
  return { ctx, imported }
}

function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run()
  } catch (error) {
    return error as { code: string; message: string }
  }
  throw new Error('the signature was accepted')
}

describe('signature import refusals (one rule each)', () => {
  it('not an owner: a valid signature by a non-owner is refused; the same by an owner is stored', async () => {
    const { ctx, imported } = workspace()
    const doc = request()
    const error = refusal(() => acceptSignatureBundle(ctx, doc, bundleByNow.mallory, OWNERS, proposalLink))
    expect(error.code).toBe('BAD_INPUT')
    expect(error.message).toMatch(new RegExp(`${mallory.address} is not an owner of Safe ${SAFE}`))
    expect(countSignatures(ctx.db, doc.safeTxHash)).toBe(0)
    expect(imported()).toBe(0)
    // owners compare by address, not spelling
    expect(() => requireOwner(alice.address.toLowerCase(), OWNERS.list, SAFE, 'x')).not.toThrow()
    expect(() => requireOwner(mallory.address, [], SAFE, 'x')).toThrow(/not an owner/)

    const stored = acceptSignatureBundle(ctx, doc, bundleByNow.alice, OWNERS, proposalLink)
    expect(stored).toMatchObject({ signer: alice.address, kind: 'eip712', safeTxHash: doc.safeTxHash })
    expect(countSignatures(ctx.db, doc.safeTxHash)).toBe(1)
    expect(imported()).toBe(1)
  })

  it('wrong chain: a bundle naming chain 1 for a chain-31337 request is refused', async () => {
    const { ctx, imported } = workspace()
    const doc = request()
    const onChain1 = request('3', 1)
    const bundle = { ...(await bundleBy(alice, onChain1)), safeTxHash: doc.safeTxHash }
    const error = refusal(() => acceptSignatureBundle(ctx, doc, bundle, OWNERS, proposalLink))
    expect(error.code).toBe('BAD_INPUT')
    expect(error.message).toMatch(/^Wrong chain: the signature is for chain 1, the request for chain 31337/)
    // and a chain-1 signature relabelled as chain 31337 recovers to someone else
    const relabelled = { ...bundle, chainId: 31337 }
    expect(refusal(() => acceptSignatureBundle(ctx, doc, relabelled, OWNERS, proposalLink)).message).toMatch(
      /not made by/,
    )
    expect(countSignatures(ctx.db, doc.safeTxHash)).toBe(0)
    expect(imported()).toBe(0)
  })

  it('wrong Safe: a bundle for another Safe is refused', async () => {
    const { ctx, imported } = workspace()
    const doc = request()
    const forOther = request('3', 31337, OTHER_SAFE)
    const bundle = { ...(await bundleBy(alice, forOther)), safeTxHash: doc.safeTxHash }
    const error = refusal(() => acceptSignatureBundle(ctx, doc, bundle, OWNERS, proposalLink))
    expect(error.code).toBe('BAD_INPUT')
    expect(error.message).toMatch(new RegExp(`^Wrong Safe: the signature is for Safe ${OTHER_SAFE}`))
    // the other Safe's signature relabelled with this Safe's address does not recover to its signer
    expect(
      refusal(() => acceptSignatureBundle(ctx, doc, { ...bundle, safe: SAFE }, OWNERS, proposalLink)).message,
    ).toMatch(/not made by/)
    expect(countSignatures(ctx.db, doc.safeTxHash)).toBe(0)
    expect(imported()).toBe(0)
  })

  it('replay: the same signature imported again, twice in one import, or carried to another nonce, is refused', async () => {
    const { ctx, imported } = workspace()
    const doc = request('3')
    acceptSignatureBundle(ctx, doc, bundleByNow.alice, OWNERS, proposalLink)
    const again = refusal(() => acceptSignatureBundle(ctx, doc, bundleByNow.alice, OWNERS, proposalLink))
    expect(again.code).toBe('CONFLICT')
    expect(again.message).toMatch(/already stored/)

    const twice = await acceptSignatureBundles(
      ctx,
      [
        { request: doc, bundle: bundleByNow.bob, owners: OWNERS, name: 'bob.json' },
        { request: doc, bundle: bundleByNow.bob, owners: OWNERS, name: 'bob-copy.json' },
      ],
      proposalLink,
    ).then(
      () => null,
      (error: { code: string; message: string }) => error,
    )
    expect(twice).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^bob-copy\.json: .*appears twice/),
    })

    const next = request('4')
    const carried = { ...bundleByNow.bob, safeTxHash: next.safeTxHash }
    expect(refusal(() => acceptSignatureBundle(ctx, next, carried, OWNERS, proposalLink)).message).toMatch(
      /not made by/,
    )
    expect(countSignatures(ctx.db, doc.safeTxHash)).toBe(1)
    expect(countSignatures(ctx.db, next.safeTxHash)).toBe(0)
    expect(imported()).toBe(1)

    // bob's own signature, imported once, is accepted
    await acceptSignatureBundles(ctx, [{ request: doc, bundle: bundleByNow.bob, owners: OWNERS }], proposalLink)
    expect(countSignatures(ctx.db, doc.safeTxHash)).toBe(2)
  })
})

describe('what verification does not refuse', () => {
  it('accepts the hash and the addresses in any letter case, and names the recovered signer when it differs', async () => {
    const doc = request()
    const bundle = bundleByNow.alice
    const relaxed = {
      ...bundle,
      safeTxHash: '0x' + bundle.safeTxHash.slice(2).toUpperCase(),
      safe: bundle.safe.toLowerCase(),
      signer: bundle.signer.toLowerCase(),
    }
    expect(verifyBundle(doc, relaxed)).toEqual({ signer: alice.address, kind: 'eip712' })
    expect(() => verifyBundle(doc, { ...bundle, signer: bob.address })).toThrow(
      `The signature was not made by ${bob.address} over this transaction: it recovers to ${alice.address}.`,
    )
    expect(() => verifyBundle(doc, { ...bundle, signature: '0x' + '00'.repeat(64) + '1b' })).toThrow(
      /^The signature cannot be read/,
    )
    expect(() => verifyBundle(doc, { ...bundle, signature: '0x' + '11'.repeat(64) + '05' })).toThrow(
      /^The signature cannot be read: signature type v=5 is not supported/,
    )
  })
})

// Signed once for the whole file (an ECDSA signature is deterministic, RFC 6979).
const bundleByNow = await (async () => {
  const doc = request()
  return {
    alice: await bundleBy(alice, doc),
    bob: await bundleBy(bob, doc),
    mallory: await bundleBy(mallory, doc),
  }
})()

describe('each verification refusal: its code, its exact words and its details', () => {
  function refused(run: () => unknown) {
    try {
      run()
    } catch (error) {
      const { code, message, details } = error as { code: string; message: string; details?: unknown }
      return { code, message, details }
    }
    throw new Error('the signature was accepted')
  }

  it('hash mismatch, unreadable, approved-hash, not a valid signature, made by someone else: all BAD_INPUT', () => {
    const doc = request()
    const bundle = bundleByNow.alice
    const otherHash = '0x' + 'ab'.repeat(32)
    expect(refused(() => verifyBundle(doc, { ...bundle, safeTxHash: otherHash }))).toEqual({
      code: 'BAD_INPUT',
      message: `Hash mismatch: the signature is for transaction ${otherHash}, the request's fields hash to ${doc.safeTxHash}.`,
      details: undefined,
    })
    expect(refused(() => verifyBundle(doc, { ...bundle, signature: '0x1234' }))).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/^The signature cannot be read: .+\.$/),
    })
    // v = 1: "approved on chain by the owner in r", which a file cannot prove
    const approved = '0x' + alice.address.slice(2).toLowerCase().padStart(64, '0') + '00'.repeat(32) + '01'
    expect(refused(() => verifyBundle(doc, { ...bundle, signature: approved }))).toEqual({
      code: 'BAD_INPUT',
      message:
        'An approved-hash signature (v = 1) proves nothing by itself: it must be checked on chain, not imported from a file.',
      details: undefined,
    })
    expect(refused(() => verifyBundle(doc, { ...bundle, signature: '0x' + '00'.repeat(64) + '1b' }))).toEqual({
      code: 'BAD_INPUT',
      message: 'The signature cannot be read: it is not a valid signature.',
      details: undefined,
    })
    expect(refused(() => verifyBundle(doc, { ...bundle, signer: bob.address }))).toEqual({
      code: 'BAD_INPUT',
      message: `The signature was not made by ${bob.address} over this transaction: it recovers to ${alice.address}. It may have been made for another transaction, chain or Safe.`,
      details: { recovered: alice.address },
    })
  })
})
