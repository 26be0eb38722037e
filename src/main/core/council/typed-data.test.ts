import { describe, expect, it } from 'vitest'
import { Wallet } from 'ethers'
import { hashTypedData, keccak256 as viemKeccak, recoverTypedDataAddress, stringToHex } from 'viem'
import {
  COUNCIL_ACT_TYPES,
  councilContentHash,
  councilDigest,
  councilRequest,
  councilSubject,
  requestInconsistency,
  signCouncilAct,
} from './typed-data'
import { recoverActSigner } from './recover'

const SAFE = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const member = new Wallet('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d')
const NONCE = ('0x' + '11'.repeat(32)) as `0x${string}`

const evaluation = { grantId: 7, scores: [{ criterionId: 3, score: 8 }], comment: 'solid ✓' }
const request = councilRequest({
  chainId: 31337,
  safe: SAFE.toLowerCase(),
  kind: 'grant-evaluation',
  content: evaluation,
  summary: 'Evaluate grant #7',
  nonce: NONCE,
  expiry: 1_900_000_000,
})

/** The same typed data as viem sees it, written out independently of our module. */
const viemTyped = (message: typeof request.message, chainId = 31337, safe = SAFE) =>
  ({
    domain: { name: 'AITBC Treasury Council', version: '1', chainId, verifyingContract: safe as `0x${string}` },
    types: {
      CouncilAct: [
        { name: 'act', type: 'string' },
        { name: 'subject', type: 'string' },
        { name: 'contentHash', type: 'bytes32' },
        { name: 'nonce', type: 'bytes32' },
        { name: 'expiry', type: 'uint64' },
      ],
    },
    primaryType: 'CouncilAct',
    message: { ...message, expiry: BigInt(message.expiry) },
  }) as const

describe('council acts, EIP-712', () => {
  it('hashes the content as keccak256 of its RFC 8785 canonical JSON (keys sorted, no spaces)', () => {
    const canonical =
      '{"content":{"comment":"solid ✓","grantId":7,"scores":[{"criterionId":3,"score":8}]},' +
      '"format":"aitbc-council-act","kind":"grant-evaluation","version":1}'
    expect(councilContentHash('grant-evaluation', evaluation)).toBe(viemKeccak(stringToHex(canonical)))
  })

  it('names the chain and the Safe in the domain, the subject and content hash in the message', () => {
    expect(request.domain).toEqual({
      name: 'AITBC Treasury Council',
      version: '1',
      chainId: 31337,
      verifyingContract: SAFE,
    })
    expect(request.message).toMatchObject({
      act: 'grant-evaluation',
      subject: 'grant:7',
      nonce: NONCE,
      expiry: 1_900_000_000,
    })
    expect(Object.keys(COUNCIL_ACT_TYPES)).toEqual(['CouncilAct'])
  })

  it('computes the digest viem computes (known answer, independent implementation)', () => {
    const digest = councilDigest(request.domain, request.message)
    expect(digest).toBe(hashTypedData(viemTyped(request.message)))
    // Another chain, another Safe, another nonce: another digest.
    expect(councilDigest({ ...request.domain, chainId: 1 }, request.message)).toBe(
      hashTypedData(viemTyped(request.message, 1)),
    )
    expect(councilDigest({ ...request.domain, chainId: 1 }, request.message)).not.toBe(digest)
    expect(
      councilDigest(request.domain, { ...request.message, nonce: ('0x' + '22'.repeat(32)) as `0x${string}` }),
    ).not.toBe(digest)
  })

  it('a member signature made with ethers recovers to the member in viem and in our recovery', async () => {
    const signature = await signCouncilAct(member, request)
    expect(
      await recoverTypedDataAddress({ ...viemTyped(request.message), signature: signature as `0x${string}` }),
    ).toBe(member.address)
    expect(recoverActSigner(councilDigest(request.domain, request.message), signature)).toBe(member.address)
  })

  it('refuses a high-s (malleated) signature and a wrong v', async () => {
    const signature = await signCouncilAct(member, request)
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
    const s = BigInt('0x' + signature.slice(66, 130))
    const high = signature.slice(0, 66) + (n - s).toString(16).padStart(64, '0') + signature.slice(130)
    const digest = councilDigest(request.domain, request.message)
    expect(() => recoverActSigner(digest, high)).toThrow(/high s/)
    expect(() => recoverActSigner(digest, signature.slice(0, 130) + '05')).toThrow(/v must be 27 or 28/)
  })

  it('names what is wrong with an altered request: content, subject, act, domain', () => {
    expect(requestInconsistency(request)).toBeNull()
    expect(requestInconsistency({ ...request, content: { ...evaluation, comment: 'changed' } })).toMatch(
      /^altered content: the signed content hash is 0x/,
    )
    const otherGrant = { ...evaluation, grantId: 8 }
    expect(requestInconsistency({ ...request, content: otherGrant })).toBe(
      'the signature names subject grant:7, but this act is about grant:8 (moved to another subject)',
    )
    expect(requestInconsistency({ ...request, kind: 'grant-decision' })).toMatch(/not a valid grant-decision/)
    expect(requestInconsistency({ ...request, domain: { ...request.domain, name: 'Other' } })).toMatch(/domain "Other"/)
  })

  it('derives one subject per act from its content', () => {
    expect(councilSubject('milestone-decision', { milestoneId: 4 }, SAFE)).toBe('milestone:4')
    expect(councilSubject('budget-reallocation', { fromLineId: 1, toLineId: 2 }, SAFE)).toBe('budget-lines:1-2')
    expect(councilSubject('budget-override', { batchId: 9, reason: 'x' }, SAFE)).toBe('batch:9')
    expect(councilSubject('dispute-resolution', { disputeId: 3 }, SAFE)).toBe('dispute:3')
    expect(councilSubject('council-change', {}, SAFE.toLowerCase())).toBe(`council:${SAFE}`)
    const a = councilSubject(
      'budget-override',
      { batch: { title: 'a', source: { kind: 'milestones', milestoneIds: [1] } } },
      SAFE,
    )
    const b = councilSubject(
      'budget-override',
      { batch: { title: 'b', source: { kind: 'milestones', milestoneIds: [1] } } },
      SAFE,
    )
    expect(a).toMatch(/^new-batch:[0-9a-f]{16}$/)
    expect(a).not.toBe(b)
  })
})
