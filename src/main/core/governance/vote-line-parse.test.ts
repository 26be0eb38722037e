import { describe, expect, it } from 'vitest'
import { Wallet, getAddress, hexlify, randomBytes } from 'ethers'
import { address } from '../../../shared/contract/primitives'
import { canonicalVote, parseVoteBySchema, parseVoteLine, voteFile, voterAddress } from './files'
import { governanceDomain, signVote, type VoteMessage } from './typed-data'

const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const domain = governanceDomain(31337, TOKEN)
const wallet = new Wallet('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d')
const message: VoteMessage = {
  proposalId: '0x' + 'AB'.repeat(32),
  support: 1,
  voter: wallet.address,
  timestamp: 1_700_000_000,
  reason: 'for the record',
}

/** The answer of a parse, or its refusal's message, to compare two parsers by. */
function outcome(parse: () => unknown): unknown {
  try {
    return { ok: parse() }
  } catch (error) {
    return { error: (error as Error).message }
  }
}

describe('the hand-written vote-line check against the schema (the reference)', () => {
  it('answers exactly as the schema for valid votes and for each way a vote can be wrong', async () => {
    const good = voteFile(domain, message, await signVote(wallet, domain, message))
    type Raw = ReturnType<typeof JSON.parse>
    const variants: Array<[string, (x: Raw) => void]> = [
      ['as written', () => {}],
      [
        'uints as decimal strings',
        (x) => ((x.typedData.domain.chainId = '31337'), (x.typedData.message.timestamp = '17')),
      ],
      ['voter all lower case', (x) => (x.typedData.message.voter = wallet.address.toLowerCase())],
      ['voter all upper case', (x) => (x.typedData.message.voter = '0x' + wallet.address.slice(2).toUpperCase())],
      [
        'voter with a wrong checksum',
        (x) => (x.typedData.message.voter = '0x70997970C51812dc3A010C7d01b50e0d17dc79c8'),
      ],
      ['voter not hex', (x) => (x.typedData.message.voter = '0x7z' + wallet.address.slice(4).toLowerCase())],
      ['voter a number', (x) => (x.typedData.message.voter = 7)],
      ['verifyingContract lower case', (x) => (x.typedData.domain.verifyingContract = TOKEN.toLowerCase())],
      ['verifyingContract bad checksum', (x) => (x.typedData.domain.verifyingContract = TOKEN.replace('F', 'f'))],
      ['proposalId upper case', (x) => (x.typedData.message.proposalId = '0x' + 'CD'.repeat(32))],
      ['proposalId short', (x) => (x.typedData.message.proposalId = '0x' + 'ab'.repeat(31))],
      ['support 3', (x) => (x.typedData.message.support = 3)],
      ['support "1"', (x) => (x.typedData.message.support = '1')],
      ['support 0', (x) => (x.typedData.message.support = 0)],
      ['support 2', (x) => (x.typedData.message.support = 2)],
      ['timestamp negative', (x) => (x.typedData.message.timestamp = -1)],
      ['timestamp fractional', (x) => (x.typedData.message.timestamp = 1.5)],
      ['timestamp beyond 2^53', (x) => (x.typedData.message.timestamp = 2 ** 53)],
      ['timestamp "9999999999999999"', (x) => (x.typedData.message.timestamp = '9999999999999999')],
      ['timestamp "12a"', (x) => (x.typedData.message.timestamp = '12a')],
      ['timestamp null', (x) => (x.typedData.message.timestamp = null)],
      ['chainId "-1"', (x) => (x.typedData.domain.chainId = '-1')],
      ['reason of 1,000', (x) => (x.typedData.message.reason = 'é'.repeat(1_000))],
      ['reason of 1,001', (x) => (x.typedData.message.reason = 'x'.repeat(1_001))],
      ['reason missing', (x) => delete x.typedData.message.reason],
      ['message extra field', (x) => (x.typedData.message.extra = 1)],
      ['domain extra field', (x) => (x.typedData.domain.salt = '0x00')],
      ['domain name of 101', (x) => (x.typedData.domain.name = 'n'.repeat(101))],
      ['domain version a number', (x) => (x.typedData.domain.version = 1)],
      ['domain another name', (x) => (x.typedData.domain.name = 'Another')],
      ['typedData extra field', (x) => (x.typedData.extra = {})],
      ['file extra field', (x) => (x.extra = 1)],
      ['format other', (x) => (x.format = 'aitbc-governance-votes')],
      ['version "1"', (x) => (x.version = '1')],
      ['primaryType Mail', (x) => (x.typedData.primaryType = 'Mail')],
      ['signature upper case', (x) => (x.signature = '0x' + x.signature.slice(2).toUpperCase())],
      ['signature short', (x) => (x.signature = x.signature.slice(0, 130))],
      ['signature missing', (x) => delete x.signature],
      ['types: Vote field retyped', (x) => (x.typedData.types.Vote[1].type = 'uint256')],
      ['types: extra type', (x) => (x.typedData.types.Extra = [])],
      ['types: field keys reordered', (x) => (x.typedData.types.Vote[0] = { type: 'bytes32', name: 'proposalId' })],
      ['types: field with an extra key', (x) => (x.typedData.types.Vote[0].extra = 1)],
      ['types: Vote missing a field', (x) => x.typedData.types.Vote.pop()],
      [
        'types: types reordered',
        (x) => (x.typedData.types = { Vote: x.typedData.types.Vote, EIP712Domain: x.typedData.types.EIP712Domain }),
      ],
      ['types: an array', (x) => (x.typedData.types = [])],
      ['types: Vote not an array', (x) => (x.typedData.types.Vote = { 0: x.typedData.types.Vote[0] })],
      ['message an array', (x) => (x.typedData.message = [])],
      ['typedData null', (x) => (x.typedData = null)],
      ['__proto__ key', (x) => Object.defineProperty(x, '__proto__', { value: 1, enumerable: true })],
    ]
    const tookSchema: string[] = []
    for (const [name, change] of variants) {
      const raw = JSON.parse(JSON.stringify(good))
      change(raw)
      const text = JSON.stringify(raw)
      const fast = outcome(() => parseVoteLine(text, 7))
      const reference = outcome(() => parseVoteBySchema(JSON.parse(text), 7, ''))
      expect(fast, name).toEqual(reference)
      // The hand-written check answers only where the schema accepts, and then the same.
      const hand = canonicalVote(JSON.parse(text))
      if (hand) expect({ ok: { index: 7, ...hand } }, name).toEqual(reference)
      else if ('ok' in (reference as object)) tookSchema.push(name)
    }
    // Every honest shape of vote takes the fast path; only an oddity the schema normalises falls back to it.
    expect(tookSchema).toEqual(['types: field keys reordered'])
    // And the common case is the accepted one, with the expected normalised answer.
    expect(parseVoteLine(JSON.stringify(good), 3)).toEqual({
      index: 3,
      domain,
      message: { ...message, proposalId: message.proposalId.toLowerCase() },
      signature: good.signature.toLowerCase(),
    })
  })

  it("checksums voters as the shared address schema (ethers' getAddress) does", () => {
    for (let i = 0; i < 200; i++) {
      const sum = getAddress(hexlify(randomBytes(20)))
      const lower = sum.toLowerCase()
      const flipped = sum.replace(/[a-f]/, (c) => c.toUpperCase())
      for (const input of [sum, lower, '0x' + lower.slice(2).toUpperCase(), flipped]) {
        const ours = voterAddress.safeParse(input)
        const shared = address.safeParse(input)
        expect(ours.success, input).toBe(shared.success)
        if (ours.success && shared.success) expect(ours.data).toBe(shared.data)
        else expect(ours.error?.issues[0].message).toBe(shared.error?.issues[0].message)
      }
    }
  })
})
