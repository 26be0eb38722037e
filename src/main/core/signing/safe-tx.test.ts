import { describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { Wallet, ZeroAddress, concat, getBytes, hexlify, Signature, TypedDataEncoder } from 'ethers'
import {
  SAFE_TX_TYPES,
  approvedHashSignature,
  packSignatures,
  plainSafeTx,
  recoverSafeSigner,
  safeTxDomain,
  safeTxHash,
  signSafeTx,
} from './safe-tx'

const SAFE = '0x3b528a984d3F9e7b7dA1f2310685fFAF327C3238'
const alice = new Wallet('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d')
const bob = new Wallet('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a')
const tx = plainSafeTx({
  to: '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
  value: '1000000000000000000',
  data: '0x',
  operation: 0,
  nonce: '0',
})

describe('SafeTx hashing and signatures', () => {
  it('recovers the EIP-712 signer and rejects another chain or Safe', async () => {
    const hash = safeTxHash(31337, SAFE, tx)
    const sig = await signSafeTx(alice, 31337, SAFE, tx)
    expect(recoverSafeSigner(hash, sig)).toEqual({ signer: alice.address, kind: 'eip712' })
    expect(recoverSafeSigner(safeTxHash(1, SAFE, tx), sig).signer).not.toBe(alice.address)
    expect(safeTxHash(31337, SAFE, { ...tx, nonce: '1' })).not.toBe(hash)
  })

  it('hashes exactly as ethers TypedDataEncoder.hash does, for any chain and Safe', () => {
    for (const [chainId, safe] of [
      [31337, SAFE],
      [1, SAFE],
      [31337, alice.address],
    ] as const)
      for (const nonce of ['0', '7', '115792089237316195423570985008687907853269984665640564039457584007913129639935'])
        expect(safeTxHash(chainId, safe, { ...tx, nonce })).toBe(
          TypedDataEncoder.hash(safeTxDomain(chainId, safe), SAFE_TX_TYPES, { ...tx, nonce }),
        )
  })

  it('hashes random transactions exactly as TypedDataEncoder.hash, and refuses what it refuses', () => {
    const address = () => hexlify(randomBytes(20))
    const uint = () =>
      [
        () => '0',
        () => '1',
        () => BigInt(hexlify(randomBytes((1 + Math.random() * 32) | 0))).toString(),
        () => (2n ** 256n - 1n).toString(),
      ][(Math.random() * 4) | 0]()
    const expected = (chainId: number, safe: string, t: typeof tx) =>
      TypedDataEncoder.hash(safeTxDomain(chainId, safe), SAFE_TX_TYPES, t)
    for (let i = 0; i < 150; i++) {
      const random = {
        to: i % 3 ? address() : alice.address,
        value: uint(),
        data: hexlify(randomBytes((Math.random() * 300) | 0)) as `0x${string}`,
        operation: (i % 2) as 0 | 1,
        safeTxGas: uint(),
        baseGas: uint(),
        gasPrice: uint(),
        gasToken: i % 4 ? ZeroAddress : address(),
        refundReceiver: i % 5 ? ZeroAddress : address().toUpperCase().replace('0X', '0x'),
        nonce: uint(),
      }
      const chainId = [1, 31337, 11155111][i % 3]
      const safe = i % 2 ? SAFE : address()
      expect(safeTxHash(chainId, safe, random)).toBe(expected(chainId, safe, random))
      expect(safeTxHash(chainId, safe, random)).toBe(expected(chainId, safe, random)) // from the cache
    }
    const bad: Array<Partial<typeof tx>> = [
      { value: (2n ** 256n).toString() },
      { nonce: '-1' },
      { operation: 256 as 0 },
      { to: '0x90f79bf6eb2c4f870365E785982E1f101E93b906' }, // bad checksum
      { data: '0x123' },
      { value: 'ten' },
    ]
    for (const patch of bad) {
      expect(() => expected(31337, SAFE, { ...tx, ...patch })).toThrow()
      expect(() => safeTxHash(31337, SAFE, { ...tx, ...patch })).toThrow()
    }
  })

  it('reads eth_sign (v + 4) and approved-hash signatures', async () => {
    const hash = safeTxHash(31337, SAFE, tx)
    const raw = Signature.from(await bob.signMessage(getBytes(hash)))
    const ethSign = concat([raw.r, raw.s, new Uint8Array([raw.v + 4])])
    expect(recoverSafeSigner(hash, ethSign)).toEqual({ signer: bob.address, kind: 'eth_sign' })
    expect(recoverSafeSigner(hash, approvedHashSignature(bob.address))).toEqual({
      signer: bob.address,
      kind: 'approved_hash',
    })
    expect(() => recoverSafeSigner(hash, '0x1234')).toThrow(/65 bytes/)
    expect(() => recoverSafeSigner(hash, '0x' + '00'.repeat(65))).toThrow(/not supported/)
  })

  it('packs signatures sorted by owner address', () => {
    const packed = packSignatures([
      { signer: '0x90F79bf6EB2c4f870365E785982E1f101E93b906', data: '0x' + 'bb'.repeat(65) },
      { signer: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', data: '0x' + 'aa'.repeat(65) },
    ])
    expect(packed).toBe('0x' + 'aa'.repeat(65) + 'bb'.repeat(65))
    expect(ZeroAddress).toBe(tx.gasToken)
  })
})
