import { describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import {
  Interface,
  MaxUint256,
  SigningKey,
  Wallet,
  computeAddress,
  concat,
  getBytes,
  hashMessage,
  getAddress,
  hexlify,
  keccak256,
  parseEther,
  solidityPacked,
  zeroPadValue,
  toBeHex,
} from 'ethers'
import { createSigningRequest, parseSigningRequest, parseSignatureBundle, signatureBundle, toJson } from './documents'
import { reviewRequest, stateFromRequest, type ReviewEnv } from './review'
import { verifyBundle } from './verify'
import { joinQrParts, qrPng, readQrPng, splitQrParts } from './qr'
import { plainSafeTx, safeSignatureParts, safeTxHash, signSafeTx } from './safe-tx'
import { PARALLEL_MIN, recoverMany, recoverManyJs, recoverOne, recoverOneJs, type RecoverJob } from './recover-pool'
import { checksumLower, keccak256Bytes, keccak256Hex, nativeSecp256k1 } from './native-crypto'
import { exactAmount } from './decode'

const SAFE = '0x3b528a984d3F9e7b7dA1f2310685fFAF327C3238'
const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const MULTISEND = '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0'
const alice = new Wallet('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d')
const bob = new Wallet('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a')
const mallory = new Wallet('0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba')
const RECIPIENT = '0x90F79bf6EB2c4f870365E785982E1f101E93b906'
const erc20 = new Interface(['function transfer(address,uint256)', 'function approve(address,uint256)'])
const hx = (s: string) => s as `0x${string}`
const tokens = [{ address: TOKEN, symbol: 'AITBC', decimals: 18, known: true }]

function request(
  tx = plainSafeTx({
    to: TOKEN,
    value: '0',
    data: hx(erc20.encodeFunctionData('transfer', [RECIPIENT, parseEther('1234.5')])),
    operation: 0,
    nonce: '3',
  }),
) {
  return createSigningRequest({
    chainId: 31337,
    safe: SAFE,
    safeVersion: '1.4.1',
    safeTx: tx,
    description: 'Grant #7',
    context: { owners: [alice.address, bob.address], threshold: 2, safeNonce: '3', asOf: new Date().toISOString() },
    tokens,
    multiSend: [MULTISEND],
    createdBy: 'test',
  })
}

const env = (over: Partial<ReviewEnv> = {}): ReviewEnv => ({
  knownChain: true,
  knownSafe: true,
  tokens,
  multiSend: [MULTISEND],
  state: { source: 'chain', nonce: 3n, owners: [alice.address, bob.address], threshold: 2 },
  ...over,
})

describe('signing requests', () => {
  it('round-trips through JSON, re-derives the hash and decodes the transfer', () => {
    const doc = parseSigningRequest(toJson(request()))
    expect(doc.safeTxHash).toBe(safeTxHash(31337, SAFE, doc.safeTx))
    const review = reviewRequest(doc, env())
    expect(review.transfers).toEqual([
      expect.objectContaining({ recipient: RECIPIENT, amount: parseEther('1234.5').toString(), human: '1,234.5' }),
    ])
    expect(review.calls[0].text).toBe(`Send 1,234.5 AITBC to ${RECIPIENT}`)
    expect(review.warnings).toEqual([])
  })

  it('refuses corrupt, truncated, unknown-version and tampered requests with a clear error', () => {
    const json = toJson(request())
    expect(() => parseSigningRequest(json.slice(0, json.length / 2))).toThrow(/not valid JSON.*truncated/)
    expect(() => parseSigningRequest('')).toThrow(/empty/)
    expect(() => parseSigningRequest(JSON.stringify({ ...JSON.parse(json), version: 2 }))).toThrow(/version 2/)
    expect(() => parseSigningRequest('{"type":"something-else"}')).toThrow(/Unknown document type/)
    const tampered = JSON.parse(json)
    tampered.safeTx.data = erc20.encodeFunctionData('transfer', [mallory.address, parseEther('1234.5')])
    expect(() => parseSigningRequest(JSON.stringify(tampered))).toThrow(/Hash mismatch/)
    const nonce = JSON.parse(json)
    nonce.safeTx.nonce = '4'
    expect(() => parseSigningRequest(JSON.stringify(nonce))).toThrow(/Hash mismatch/)
    const extra = { ...JSON.parse(json), extra: 1 }
    expect(() => parseSigningRequest(JSON.stringify(extra))).toThrow(/invalid/)
    expect(() => parseSigningRequest(JSON.stringify({ ...JSON.parse(json), safeVersion: '1.2.0' }))).toThrow(
      /not supported/,
    )
  })

  it('warns about delegatecall, unknown calls, unlimited approvals, refunds, nonces and unknown Safes', () => {
    const codes = (tx: Parameters<typeof plainSafeTx>[0], over: Partial<ReviewEnv> = {}, extra = {}) =>
      reviewRequest(request({ ...plainSafeTx(tx), ...extra }), env(over)).warnings.map((w) => w.code)
    expect(codes({ to: mallory.address, value: '0', data: '0x12345678', operation: 1, nonce: '3' })).toContain(
      'delegatecall',
    )
    expect(codes({ to: mallory.address, value: '0', data: '0xdeadbeef00', operation: 0, nonce: '3' })).toContain(
      'unknown-call',
    )
    expect(
      codes({
        to: TOKEN,
        value: '0',
        data: hx(erc20.encodeFunctionData('approve', [mallory.address, MaxUint256])),
        operation: 0,
        nonce: '3',
      }),
    ).toContain('unlimited-approval')
    expect(
      codes(
        { to: RECIPIENT, value: '1', data: '0x', operation: 0, nonce: '3' },
        {},
        { gasPrice: '1', refundReceiver: mallory.address },
      ),
    ).toContain('gas-refund')
    expect(codes({ to: RECIPIENT, value: '1', data: '0x', operation: 0, nonce: '2' })).toContain('nonce-used')
    expect(codes({ to: RECIPIENT, value: '1', data: '0x', operation: 0, nonce: '30' })).toContain('nonce-far')
    expect(codes({ to: RECIPIENT, value: '1', data: '0x', operation: 0, nonce: '3' }, { knownSafe: false })).toContain(
      'unknown-safe',
    )
    expect(codes({ to: RECIPIENT, value: '1', data: '0x', operation: 0, nonce: '3' }, { knownChain: false })).toContain(
      'unknown-chain',
    )
    expect(codes({ to: RECIPIENT, value: '1', data: '0x', operation: 0, nonce: '3' })).toEqual([])
  })

  it('decodes MultiSend parts and Safe owner changes', () => {
    const part = (op: number, to: string, value: bigint, data: string) =>
      solidityPacked(['uint8', 'address', 'uint256', 'uint256', 'bytes'], [op, to, value, (data.length - 2) / 2, data])
    const packed = concat([
      part(0, RECIPIENT, parseEther('1'), '0x'),
      part(0, TOKEN, 0n, erc20.encodeFunctionData('transfer', [bob.address, 5n * 10n ** 18n])),
      part(
        0,
        SAFE,
        0n,
        new Interface(['function addOwnerWithThreshold(address,uint256)']).encodeFunctionData('addOwnerWithThreshold', [
          mallory.address,
          1,
        ]),
      ),
    ])
    const data = new Interface(['function multiSend(bytes)']).encodeFunctionData('multiSend', [packed])
    const review = reviewRequest(
      request(plainSafeTx({ to: MULTISEND, value: '0', data: hx(data), operation: 1, nonce: '3' })),
      env(),
    )
    expect(review.calls[0].kind).toBe('multisend')
    expect(review.calls[0].parts!.map((p) => p.kind)).toEqual(['native-transfer', 'erc20-transfer', 'safe-owners'])
    expect(review.transfers.map((t) => t.human)).toEqual(['1', '5'])
    expect(review.warnings.map((w) => w.code)).toEqual(['owner-change'])
  })

  it('flags a summary that does not match the transaction', () => {
    const doc = request()
    doc.summary.transfers[0].amount = '1'
    expect(reviewRequest(doc, env()).warnings.map((w) => w.code)).toContain('summary-mismatch')
  })

  it('uses the state a request states only when nothing better is known, and says so', () => {
    const doc = request()
    const review = reviewRequest(
      doc,
      env({ knownChain: null, knownSafe: null, state: stateFromRequest(doc), signer: mallory.address }),
    )
    expect(review.stateSource).toBe('request')
    expect(review.warnings.map((w) => w.code).sort()).toEqual(['not-owner', 'unknown-chain'])
  })

  it('formats exact amounts', () => {
    expect(exactAmount(1234567890000000000001n, 18)).toBe('1,234.567890000000000001')
    expect(exactAmount(0n, 18)).toBe('0')
    expect(exactAmount(5n, 0)).toBe('5')
  })
})

describe('signature bundles', () => {
  it('verifies the signer and refuses another chain, Safe, hash or signer', async () => {
    const doc = request()
    const sig = await signSafeTx(alice, 31337, SAFE, doc.safeTx)
    const bundle = parseSignatureBundle(JSON.stringify(signatureBundle(doc, alice.address, sig)))
    expect(verifyBundle(doc, bundle)).toEqual({ signer: alice.address, kind: 'eip712' })
    expect(() => verifyBundle(doc, { ...bundle, chainId: 1 })).toThrow(/Wrong chain/)
    expect(() => verifyBundle(doc, { ...bundle, safe: RECIPIENT })).toThrow(/Wrong Safe/)
    expect(() => verifyBundle(doc, { ...bundle, safeTxHash: '0x' + '11'.repeat(32) })).toThrow(/Hash mismatch/)
    expect(() => verifyBundle(doc, { ...bundle, signer: bob.address })).toThrow(/recovers to/)
    const otherChain = await signSafeTx(alice, 1, SAFE, doc.safeTx)
    expect(() => verifyBundle(doc, { ...bundle, signature: otherChain })).toThrow(/not made by/)
    const approved = concat([zeroPadValue(alice.address, 32), zeroPadValue('0x', 32), toBeHex(1, 1)])
    expect(() => verifyBundle(doc, { ...bundle, signature: approved })).toThrow(/on chain/)
    expect(() => parseSignatureBundle(JSON.stringify({ ...bundle, signature: '0x1234' }))).toThrow(/65 bytes/)
  })
})

describe('QR parts', () => {
  it('splits, reassembles in any order, and names missing parts', () => {
    const text = toJson(request())
    const parts = splitQrParts(text, 300)
    expect(parts.length).toBeGreaterThan(2)
    expect(parts[0]).toMatch(/^ATQ1:1\/\d+:[0-9a-f]{8}:/)
    expect(joinQrParts([...parts].reverse().concat(parts[0]))).toBe(text)
    expect(() => joinQrParts(parts.slice(1))).toThrow(/part 1 of \d+ is missing/)
    expect(() => joinQrParts([parts[0], splitQrParts(text + ' ', 300)[1]])).toThrow(/different documents/)
    expect(joinQrParts(['{"plain":true}'])).toBe('{"plain":true}')
  })

  it('renders PNG codes that read back', async () => {
    const [part] = splitQrParts('{"hello":"world"}')
    expect(readQrPng(await qrPng(part))).toBe(part)
  })
})

describe('parallel recovery', () => {
  it('recovers a large batch (pure JS) on worker threads exactly as in this thread, bad signatures as null', async () => {
    const doc = request()
    const parts = await Promise.all(
      [alice, bob].map(async (signer) =>
        safeSignatureParts(doc.safeTxHash, await signSafeTx(signer, 31337, SAFE, doc.safeTx)),
      ),
    )
    const jobs = Array.from({ length: PARALLEL_MIN + 10 }, (_, i) => parts[i % 2] as RecoverJob)
    jobs.push({ ...jobs[0], r: '0x' + 'ff'.repeat(32) })
    const parallel = await recoverManyJs(jobs, 2)
    expect(parallel).toEqual(jobs.map(recoverOneJs))
    expect(await recoverMany(jobs)).toEqual(parallel)
    expect(parallel.slice(0, 2)).toEqual([alice.address, bob.address])
    expect(parallel.at(-1)).toBeNull()
  }, 60_000)
})

// Each case recovers through ethers' pure JS too (~2.3 ms, far more on a loaded machine).
describe('native recovery (libsecp256k1) against ethers', { timeout: 60_000 }, () => {
  const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
  const word = (n: bigint) => '0x' + n.toString(16).padStart(64, '0')
  const sign = (key: Uint8Array, digest: string) => {
    const lib = nativeSecp256k1() as unknown as {
      ecdsaSign(m: Uint8Array, k: Uint8Array): { signature: Uint8Array; recid: number }
    }
    const { signature, recid } = lib.ecdsaSign(getBytes(digest), key)
    return { r: hexlify(signature.subarray(0, 32)), s: hexlify(signature.subarray(32)), recid }
  }

  it('loads the native binding on this machine', () => {
    expect(nativeSecp256k1()).not.toBeNull()
  })

  it('hashes with native Keccak-256 exactly as ethers, and checksums as getAddress', () => {
    for (let i = 0; i < 300; i++) {
      const data = randomBytes(i * 3)
      expect(keccak256Hex(data)).toBe(keccak256(data))
      expect(hexlify(keccak256Bytes(new Uint8Array(data)))).toBe(keccak256(data))
      const lower = hexlify(randomBytes(20))
      expect(checksumLower(lower)).toBe(getAddress(lower))
    }
  })

  it('recovers the same signer for random keys and hashes, EIP-712 (v 27/28) and eth_sign (v 31/32)', () => {
    for (let i = 0; i < 120; i++) {
      const key = randomBytes(32)
      const owner = new SigningKey(key)
      const address = computeAddress(owner.publicKey)
      const hash = hexlify(randomBytes(32))
      const ethSign = i % 2 === 1
      const digest = ethSign ? hashMessage(getBytes(hash)) : hash
      const { r, s, recid } = sign(key, digest)
      const signature = concat([r, s, toBeHex(27 + recid + (ethSign ? 4 : 0), 1)])
      const parts = safeSignatureParts(hash, signature) as RecoverJob & { kind: string }
      expect(parts.kind).toBe(ethSign ? 'eth_sign' : 'eip712')
      expect(recoverOne(parts)).toBe(address)
      expect(recoverOneJs(parts)).toBe(address)
      // The malleated twin (s' = n − s, v flipped) recovers the same key on both paths, as ecrecover does.
      const twin = { ...parts, s: word(N - BigInt(s)), v: (parts.v === 27 ? 28 : 27) as 27 | 28 }
      expect(recoverOne(twin)).toBe(recoverOneJs(twin))
      if (BigInt(twin.s) < 2n ** 255n) expect(recoverOne(twin)).toBe(address)
    }
  })

  it('refuses exactly what ethers refuses: s ≥ 2^255, zero or overflowing r and s, r off the curve', () => {
    const hash = hexlify(randomBytes(32))
    const { r, s } = sign(randomBytes(32), hash)
    const cases: RecoverJob[] = [
      { digest: hash, r, s: word(N - 1n), v: 27 },
      { digest: hash, r, s: word(2n ** 255n), v: 28 },
      { digest: hash, r, s: word(0n), v: 27 },
      { digest: hash, r: word(0n), s, v: 27 },
      { digest: hash, r: word(N), s, v: 27 },
      { digest: hash, r: '0x' + 'ff'.repeat(32), s, v: 28 },
      { digest: hash, r, s: word(N), v: 27 },
    ]
    // A high s below 2^255 (n/2 < s < 2^255) is accepted by both, recovering the same (some) key.
    const high: RecoverJob[] = [
      { digest: hash, r, s: word(N / 2n + 1n), v: 27 },
      { digest: hash, r, s: word(2n ** 255n - 1n), v: 28 },
    ]
    for (let i = 0; i < 40; i++) cases.push({ digest: hash, r: hexlify(randomBytes(32)), s, v: i % 2 ? 27 : 28 })
    for (const job of [...cases, ...high]) expect([job, recoverOne(job)]).toEqual([job, recoverOneJs(job)])
    expect(cases.slice(0, 7).map(recoverOne)).toEqual(Array(7).fill(null))
    expect(high.map(recoverOne)).not.toContain(null)
    // Random r: about half are x coordinates of a point; both paths agree on which.
    expect(cases.slice(7).some((job) => recoverOne(job) !== null)).toBe(true)
  })
})
