import { describe, expect, it } from 'vitest'
import { Signature, TypedDataEncoder, Wallet, verifyTypedData } from 'ethers'
import {
  ACTION_TYPES,
  VOTE_TYPES,
  actionDigest,
  voteDigestFast,
  governanceDomain,
  proposalId,
  signAction,
  signVote,
  voteDigest,
  type ProposalContent,
  type VoteMessage,
} from './typed-data'
import { recoverSigner, secp256k1Backend } from './recover'
import { DEFAULT_RULES } from './types'

const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const domain = governanceDomain(31337, TOKEN.toLowerCase())
const wallet = new Wallet('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d')
const vote = (over: Partial<VoteMessage> = {}): VoteMessage => ({
  proposalId: '0x' + 'ab'.repeat(32),
  support: 1,
  voter: wallet.address,
  timestamp: 1_700_000_000,
  reason: 'ship it ✓',
  ...over,
})

describe('governance EIP-712', () => {
  it('uses the documented domain, with the token checksummed as verifyingContract', () => {
    expect(domain).toEqual({
      name: 'AITBC Treasury Governance',
      version: '1',
      chainId: 31337,
      verifyingContract: TOKEN,
    })
  })

  it('hashes votes and actions exactly as any EIP-712 implementation does', () => {
    expect(voteDigest(domain, vote())).toBe(TypedDataEncoder.hash(domain, VOTE_TYPES, vote()))
    const action = { action: 'cancel', subject: '0x' + '01'.repeat(32), signer: wallet.address, note: 'typo' }
    expect(actionDigest(domain, action)).toBe(TypedDataEncoder.hash(domain, ACTION_TYPES, action))
    // The cached domain separator must follow the domain.
    expect(voteDigest(governanceDomain(1, TOKEN), vote())).not.toBe(voteDigest(domain, vote()))
  })

  it('computes the same vote digest on the fast bulk path, for any field values', () => {
    const reasons = ['', 'ship it ✓', 'x'.repeat(1000), '"quoted" \n newline', '日本語']
    for (let i = 0; i < 50; i++) {
      const m = vote({
        proposalId: '0x' + Buffer.from(Wallet.createRandom().privateKey.slice(2), 'hex').toString('hex'),
        support: (i % 3) as 0 | 1 | 2,
        voter: Wallet.createRandom().address,
        timestamp: i === 0 ? 0 : i === 1 ? Number.MAX_SAFE_INTEGER : 1_600_000_000 + i * 7919,
        reason: reasons[i % reasons.length],
      })
      expect(voteDigestFast(domain, m)).toBe(TypedDataEncoder.hash(domain, VOTE_TYPES, m))
    }
  }, 30_000) // 100 random wallets: seconds on a loaded machine

  it('signs a vote that recovers to the voter, and to someone else once any field changes', async () => {
    const signature = await signVote(wallet, domain, vote())
    expect(verifyTypedData(domain, VOTE_TYPES, vote(), signature)).toBe(wallet.address)
    expect(recoverSigner(voteDigest(domain, vote()), signature)).toBe(wallet.address)
    for (const changed of [vote({ support: 0 }), vote({ timestamp: 1 }), vote({ reason: '' })])
      expect(recoverSigner(voteDigest(domain, changed), signature)).not.toBe(wallet.address)
    const action = { action: 'cancel', subject: '0x' + '01'.repeat(32), signer: wallet.address, note: '' }
    expect(recoverSigner(actionDigest(domain, action), await signAction(wallet, domain, action))).toBe(wallet.address)
  })

  it('derives the proposal id from its canonical content, independent of key order', () => {
    const content: ProposalContent = {
      format: 'aitbc-governance-proposal',
      version: 1,
      chainId: 31337,
      token: TOKEN,
      kind: 'technical',
      title: 'T',
      body: 'B',
      proposer: wallet.address,
      createdBlock: 1,
      snapshotBlock: 2,
      endBlock: 3,
      rules: DEFAULT_RULES.technical,
      spending: null,
      createdAt: '2026-01-01T00:00:00.000Z',
    }
    const reordered = Object.fromEntries(Object.entries(content).reverse()) as unknown as ProposalContent
    expect(proposalId(content)).toMatch(/^0x[0-9a-f]{64}$/)
    expect(proposalId(reordered)).toBe(proposalId(content))
    expect(proposalId({ ...content, endBlock: 4 })).not.toBe(proposalId(content))
  })
})

describe('recoverSigner', () => {
  it('gives the same signer with libsecp256k1 as with ethers, for many keys', () => {
    expect(secp256k1Backend()).toMatch(/libsecp256k1/)
    for (let i = 0; i < 25; i++) {
      const w = Wallet.createRandom()
      const digest = voteDigest(domain, vote({ voter: w.address, timestamp: i }))
      const sig = w.signingKey.sign(digest).serialized
      expect(recoverSigner(digest, sig)).toBe(w.address)
      expect(recoverSigner(digest, sig, false)).toBe(w.address)
    }
  })

  it('accepts v as 27/28 or 0/1 and refuses malformed or malleated signatures', () => {
    const digest = voteDigest(domain, vote())
    const sig = Signature.from(wallet.signingKey.sign(digest))
    const v01 = sig.r + sig.s.slice(2) + (sig.v === 27 ? '00' : '01')
    expect(recoverSigner(digest, v01)).toBe(wallet.address)
    expect(() => recoverSigner(digest, sig.serialized.slice(0, 100))).toThrow(/65 bytes/)
    expect(() => recoverSigner(digest, sig.serialized.slice(0, 130) + '05')).toThrow(/v must be/)
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
    const highS = '0x' + (n - BigInt(sig.s)).toString(16).padStart(64, '0')
    const malleated = sig.r + highS.slice(2) + (sig.v === 27 ? '1c' : '1b')
    expect(() => recoverSigner(digest, malleated)).toThrow(/high s/)
  })
})
