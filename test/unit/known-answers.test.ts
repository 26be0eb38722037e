import { describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { hashTypedData, type Hex } from 'viem'
import { GENESIS_HASH, eventHash, jcs, parsedEventHash } from '../../src/main/core/audit/hash-chain'
import { plainSafeTx, safeTxHash, type SafeTx } from '../../src/main/core/signing/safe-tx'
import { viemSafeTxHash } from '../independent/viem-safe-tx'
import {
  actionDigest,
  governanceDomain,
  voteDigest,
  voteDigestFast,
  type ActionMessage,
  type VoteMessage,
} from '../../src/main/core/governance/typed-data'

/**
 * Known answers. Every expected hash below is a literal, computed outside the product: the audit hashes with
 * `sha256sum` over the canonical text written out by hand, the EIP-712 hashes with viem's hashTypedData. Each test
 * also recomputes the literal independently (node:crypto + the RFC 8785 serialiser below; viem), so a wrong literal
 * shows up as well as a wrong product.
 */

// ---------------------------------------------------------------- an RFC 8785 serialiser written for the tests
/** RFC 8785 (JCS), written from the RFC, sharing no code with the product's `canonicalize`/`jcs`. */
function rfc8785(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'boolean') return String(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('not representable in JSON')
    if (Object.is(value, -0)) return '0'
    return String(value) // ECMAScript Number::toString is RFC 8785's number format (§3.2.2.3)
  }
  if (typeof value === 'string') return quote(value)
  if (Array.isArray(value)) return '[' + value.map((v) => rfc8785(v === undefined ? null : v)).join(',') + ']'
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
    entries.sort(([a], [b]) => compareUtf16(a, b))
    return '{' + entries.map(([k, v]) => quote(k) + ':' + rfc8785(v)).join(',') + '}'
  }
  throw new Error(`not JSON: ${typeof value}`)
}

/** §3.2.3: property names sorted by their UTF-16 code units, compared one by one. */
function compareUtf16(a: string, b: string): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i)
    if (d !== 0) return d
  }
  return a.length - b.length
}

/** §3.2.2.2: only ", \ and controls are escaped; \b \t \n \f \r short forms, others \u00xx in lower-case hex. */
function quote(s: string): string {
  let out = '"'
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (ch === '"') out += '\\"'
    else if (ch === '\\') out += '\\\\'
    else if (c === 0x08) out += '\\b'
    else if (c === 0x09) out += '\\t'
    else if (c === 0x0a) out += '\\n'
    else if (c === 0x0c) out += '\\f'
    else if (c === 0x0d) out += '\\r'
    else if (c < 0x20) out += '\\u' + c.toString(16).padStart(4, '0')
    else out += ch
  }
  return out + '"'
}

const sha256 = (text: string) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex')

describe('known answers: RFC 8785 serialisers', () => {
  // RFC 8785 §3.2.2 and §3.2.3, the RFC's own examples.
  const rfcInput = JSON.parse(
    '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
      '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
  )
  const rfcOutput =
    '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
    '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'
  const sortInput = JSON.parse(
    '{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One",' +
      '"\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}',
  )

  const sortOutput =
    '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis",' +
    '"€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}'

  it("the test's own serialiser reproduces RFC 8785's examples", () => {
    expect(rfc8785(rfcInput)).toBe(rfcOutput)
    expect(rfc8785(sortInput)).toBe(sortOutput)
  })

  it("the product's fast serialiser (jcs) matches the RFC examples", () => {
    expect(jcs(rfcInput)).toBe(rfcOutput)
    expect(jcs(sortInput)).toBe(sortOutput)
  })
  it('jcs drops undefined members like JSON, writes undefined array slots as null, and refuses non-JSON values', () => {
    expect(jcs({ b: 1, a: undefined })).toBe('{"b":1}')
    expect(jcs([undefined, 1])).toBe('[null,1]')
    expect(() => jcs(Number.NaN)).toThrow(/NaN and Infinity cannot be part of an audit event/)
    expect(() => jcs({ x: Number.POSITIVE_INFINITY })).toThrow(/NaN and Infinity cannot be part of an audit event/)
    expect(() => jcs({ x: 10n })).toThrow(/a bigint cannot be part of an audit event/)
    expect(() => jcs(undefined)).toThrow(/a undefined cannot be part of an audit event/)
  })
})

describe('known answers: audit event hash = SHA-256(prevHash ‖ JCS(event))', () => {
  const first = {
    seq: 1,
    at: '2026-12-05T12:00:00.000Z',
    actor: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
    action: 'disbursement.proposed',
    subject: 'batch:7',
    // keys out of order, -0, exponents, a NUL, quotes, non-ASCII and an astral character
    payload: {
      z: null,
      ok: true,
      note: 'Grüße € \u0000 "q" 😀',
      items: [1, 2.5, -0, 1e21, 1e-7],
      amount: ((1n << 256n) - 1n).toString(),
    },
  }
  const firstCanonical =
    '{"action":"disbursement.proposed","actor":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8",' +
    '"at":"2026-12-05T12:00:00.000Z","payload":{"amount":' +
    '"115792089237316195423570985008687907853269984665640564039457584007913129639935",' +
    '"items":[1,2.5,0,1e+21,1e-7],"note":"Grüße € \\u0000 \\"q\\" 😀","ok":true,"z":null},"seq":1,"subject":"batch:7"}'
  // printf '%s' "$GENESIS$canonical" | sha256sum
  const FIRST_HASH = '140d1c7402ab3e733885bf9bc8dab44b8e46651ef55d71c5e93c483a4fad9dad'

  const second = {
    seq: 2,
    at: '2026-12-05T12:00:01.000Z',
    actor: 'local-user',
    action: 'audit.exported',
    subject: '',
    payload: undefined,
  }
  const secondCanonical =
    '{"action":"audit.exported","actor":"local-user","at":"2026-12-05T12:00:01.000Z","payload":null,"seq":2,"subject":""}'
  const SECOND_HASH = '6369b3a810c4f462c4f120ac3892fb0742c6606ce907317c1cece104675122fe'

  it('the literals are what an independent RFC 8785 + node:crypto SHA-256 give', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64))
    expect(rfc8785({ ...first })).toBe(firstCanonical)
    expect(sha256(GENESIS_HASH + firstCanonical)).toBe(FIRST_HASH)
    expect(rfc8785({ ...second, payload: null })).toBe(secondCanonical)
    expect(sha256(FIRST_HASH + secondCanonical)).toBe(SECOND_HASH)
  })

  it('eventHash gives the literal hashes', () => {
    expect(eventHash(GENESIS_HASH, first)).toBe(FIRST_HASH)
    expect(eventHash(FIRST_HASH, second)).toBe(SECOND_HASH)
  })

  it('the bulk path (parsedEventHash, for events read back from JSON) gives the same literals', () => {
    const parsed = JSON.parse(JSON.stringify(first.payload))
    expect(parsedEventHash(GENESIS_HASH, 1, first.at, first.actor, first.action, first.subject, parsed)).toBe(
      FIRST_HASH,
    )
    expect(parsedEventHash(FIRST_HASH, 2, second.at, second.actor, second.action, second.subject, null)).toBe(
      SECOND_HASH,
    )
    expect(parsedEventHash(FIRST_HASH, 2, second.at, second.actor, second.action, second.subject, undefined)).toBe(
      SECOND_HASH,
    )
  })

  it('one changed byte anywhere changes the hash', () => {
    expect(eventHash(GENESIS_HASH, { ...first, subject: 'batch:8' })).not.toBe(FIRST_HASH)
    expect(eventHash('1' + GENESIS_HASH.slice(1), first)).not.toBe(FIRST_HASH)
    expect(eventHash(GENESIS_HASH, { ...first, seq: 2 })).not.toBe(FIRST_HASH)
  })
})

// ---------------------------------------------------------------- EIP-712
const MAX_UINT256 = ((1n << 256n) - 1n).toString()
const ZERO = '0x0000000000000000000000000000000000000000'

const SAFE_TX_VECTORS: Array<{ name: string; chainId: number; safe: string; tx: SafeTx; hash: string }> = [
  {
    name: 'a plain 1 ETH transfer, nonce 0, chain 31337',
    chainId: 31337,
    safe: '0x3b528a984d3F9e7b7dA1f2310685fFAF327C3238',
    tx: plainSafeTx({
      to: '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
      value: '1000000000000000000',
      data: '0x',
      operation: 0,
      nonce: '0',
    }),
    hash: '0x717cbd39c8946636927606339b29a2ae6d7a28ad8dd04d4ad84594f5647c1968',
  },
  {
    name: 'a delegatecall (operation 1) with every number at or near 2^256 − 1, refund fields set, chain 1',
    chainId: 1,
    safe: '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0',
    tx: {
      to: '0x38869bf66a61cF6bDB996A6aE40D5853Fd43B526',
      value: MAX_UINT256,
      data: '0x8d80ff0a00',
      operation: 1,
      safeTxGas: MAX_UINT256,
      baseGas: (1n << 128n).toString(),
      gasPrice: '123456789012345678901234567890',
      gasToken: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
      refundReceiver: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      nonce: ((1n << 256n) - 2n).toString(),
    },
    hash: '0xd7034890a7f8beb9fce44811a8ea1c6e2b0da32402e2658fdba20e1e49b0f8af',
  },
]

describe('known answers: SafeTx EIP-712 hash (Safe v1.3/v1.4.1)', () => {
  for (const v of SAFE_TX_VECTORS)
    it(`${v.name}: safeTxHash equals the literal, and viem's hashTypedData gives the same literal`, () => {
      expect(viemSafeTxHash(v.chainId, v.safe, v.tx)).toBe(v.hash)
      expect(safeTxHash(v.chainId, v.safe, v.tx)).toBe(v.hash)
      // lower-case spellings and bigint chain ids hash the same
      expect(safeTxHash(BigInt(v.chainId), v.safe.toLowerCase(), { ...v.tx, to: v.tx.to.toLowerCase() })).toBe(v.hash)
    })

  it('each field is part of the hash (a change to any one gives a different hash, as viem agrees)', () => {
    const v = SAFE_TX_VECTORS[1]
    const changes: Array<Partial<SafeTx>> = [
      { to: '0x90F79bf6EB2c4f870365E785982E1f101E93b906' },
      { value: '0' },
      { data: '0x8d80ff0a01' },
      { operation: 0 },
      { safeTxGas: '0' },
      { baseGas: '0' },
      { gasPrice: '0' },
      { gasToken: ZERO },
      { refundReceiver: ZERO },
      { nonce: '0' },
    ]
    const seen = new Set([v.hash])
    for (const change of changes) {
      const tx = { ...v.tx, ...change }
      const hash = safeTxHash(v.chainId, v.safe, tx)
      expect(hash).toBe(viemSafeTxHash(v.chainId, v.safe, tx))
      expect(seen.has(hash)).toBe(false)
      seen.add(hash)
    }
    expect(safeTxHash(5, v.safe, v.tx)).not.toBe(v.hash)
    expect(safeTxHash(v.chainId, '0x3b528a984d3F9e7b7dA1f2310685fFAF327C3238', v.tx)).not.toBe(v.hash)
  })

  it('refuses values outside their EIP-712 types instead of hashing them', () => {
    const tx = SAFE_TX_VECTORS[0].tx
    expect(() => safeTxHash(1, SAFE_TX_VECTORS[0].safe, { ...tx, operation: 256 as 0 })).toThrow(/out-of-bounds/)
    expect(() => safeTxHash(1, SAFE_TX_VECTORS[0].safe, { ...tx, operation: -1 as 0 })).toThrow(/out-of-bounds/)
    expect(() => safeTxHash(1, SAFE_TX_VECTORS[0].safe, { ...tx, value: (1n << 256n).toString() })).toThrow(
      /out-of-bounds/,
    )
    expect(() => safeTxHash(1, SAFE_TX_VECTORS[0].safe, { ...tx, nonce: '-1' })).toThrow(/out-of-bounds/)
    expect(() => safeTxHash(1, SAFE_TX_VECTORS[0].safe, { ...tx, to: '0x1234' })).toThrow()
  })
})

const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const VOTE_TYPES_VIEM = {
  Vote: [
    { name: 'proposalId', type: 'bytes32' },
    { name: 'support', type: 'uint8' },
    { name: 'voter', type: 'address' },
    { name: 'timestamp', type: 'uint64' },
    { name: 'reason', type: 'string' },
  ],
} as const
const ACTION_TYPES_VIEM = {
  Action: [
    { name: 'action', type: 'string' },
    { name: 'subject', type: 'bytes32' },
    { name: 'signer', type: 'address' },
    { name: 'note', type: 'string' },
  ],
} as const

const VOTE_VECTORS: Array<{ name: string; chainId: number; vote: VoteMessage; digest: string }> = [
  {
    name: 'an abstain with the largest uint64 timestamp and a non-ASCII reason',
    chainId: 31337,
    vote: {
      proposalId: '0x' + 'ab'.repeat(32),
      support: 2,
      voter: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      timestamp: Number.MAX_SAFE_INTEGER, // replaced below: uint64 max does not fit a number
      reason: 'Für — 🗳️',
    },
    digest: '0x352b6022b194539692026b18fdb6a99317b5aacc792686356539cb2c568fc7db',
  },
  {
    name: 'a For vote with an empty reason',
    chainId: 31337,
    vote: {
      proposalId: '0x' + '01'.repeat(32),
      support: 1,
      voter: '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
      timestamp: 1767225600,
      reason: '',
    },
    digest: '0xfd5f2c38a7c00d7e4bfff1bedf62aafa36edff3540ecec7b32414990dade155e',
  },
]

function viemVoteDigest(chainId: number, vote: VoteMessage | (Omit<VoteMessage, 'timestamp'> & { timestamp: bigint })) {
  return hashTypedData({
    domain: { name: 'AITBC Treasury Governance', version: '1', chainId, verifyingContract: TOKEN },
    types: VOTE_TYPES_VIEM,
    primaryType: 'Vote',
    message: {
      proposalId: vote.proposalId as Hex,
      support: vote.support,
      voter: vote.voter as Hex,
      timestamp: BigInt(vote.timestamp),
      reason: vote.reason,
    },
  })
}

describe('known answers: governance vote and council-action EIP-712 digests', () => {
  it('a vote whose uint64 timestamp is 2^64 − 1 (viem literal): the generic digest matches', () => {
    const v = VOTE_VECTORS[0]
    const vote = { ...v.vote, timestamp: 18446744073709551615n }
    expect(viemVoteDigest(v.chainId, vote)).toBe(v.digest)
    // ethers' encoder takes a bigint where the type says uint64; the product's VoteMessage keeps seconds as a number
    expect(voteDigest(governanceDomain(v.chainId, TOKEN), vote as unknown as VoteMessage)).toBe(v.digest)
  })

  it('a For vote with an empty reason: voteDigest and the bulk voteDigestFast both equal the literal', () => {
    const v = VOTE_VECTORS[1]
    expect(viemVoteDigest(v.chainId, v.vote)).toBe(v.digest)
    expect(voteDigest(governanceDomain(v.chainId, TOKEN), v.vote)).toBe(v.digest)
    expect(voteDigestFast(governanceDomain(v.chainId, TOKEN), v.vote)).toBe(v.digest)
  })

  it('voteDigestFast equals viem on the non-ASCII reason and every support value', () => {
    const base = { ...VOTE_VECTORS[0].vote, timestamp: 4102444800 }
    for (const support of [0, 1, 2] as const) {
      const vote = { ...base, support }
      const expected = viemVoteDigest(31337, vote)
      expect(voteDigestFast(governanceDomain(31337, TOKEN), vote)).toBe(expected)
      expect(voteDigest(governanceDomain(31337, TOKEN), vote)).toBe(expected)
    }
  })

  it('a council action (cancel) on chain 11155111 equals the viem literal', () => {
    const message: ActionMessage = {
      action: 'cancel',
      subject: '0x' + 'cd'.repeat(32),
      signer: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      note: 'duplicate of #4',
    }
    const literal = '0xa3083b93fb7a3c573b95b716409b011d5414df8a965efae4a05553fe43e9fac1'
    const viem = hashTypedData({
      domain: { name: 'AITBC Treasury Governance', version: '1', chainId: 11155111, verifyingContract: TOKEN },
      types: ACTION_TYPES_VIEM,
      primaryType: 'Action',
      message: { ...message, subject: message.subject as Hex, signer: message.signer as Hex },
    })
    expect(viem).toBe(literal)
    expect(actionDigest(governanceDomain(11155111, TOKEN), message)).toBe(literal)
    expect(actionDigest(governanceDomain(31337, TOKEN), message)).not.toBe(literal)
  })
})
