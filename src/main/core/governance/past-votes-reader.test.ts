import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import fc from 'fast-check'
import {
  PAST_VOTES_READER_ADDRESS,
  PAST_VOTES_READER_CODE,
  decodePastVotesReader,
  failedAccountIndex,
  pastVotesReaderCall,
} from './past-votes-reader'

const word = (v: bigint | number) => BigInt(v).toString(16).padStart(64, '0')
const address = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => '0x' + Buffer.from(b).toString('hex'))

describe('the votes reader (state-override helper)', () => {
  it('its code is past-votes-reader.yul compiled by solc 0.8.24 (optimizer on, evmVersion paris)', () => {
    // solc ships no types; its compile() takes and answers standard JSON.
    const solc = createRequire(__filename)('solc') as { compile(input: string): string }
    const source = readFileSync(join(__dirname, 'past-votes-reader.yul'), 'utf8')
    const out = JSON.parse(
      solc.compile(
        JSON.stringify({
          language: 'Yul',
          sources: { 'past-votes-reader.yul': { content: source } },
          settings: {
            evmVersion: 'paris',
            optimizer: { enabled: true, details: { yul: true } },
            outputSelection: { '*': { '*': ['evm.bytecode.object'] } },
          },
        }),
      ),
    )
    expect(out.errors ?? []).toEqual([])
    const code = out.contracts['past-votes-reader.yul'].PastVotesReader.evm.bytecode.object as string
    expect(PAST_VOTES_READER_CODE).toBe('0x' + code)
    // No PUSH0 (0x5f), which chains before Shanghai do not run: paris code pushes zero with PUSH1 0.
    expect(code).not.toMatch(/^(?:..)*?5f/)
  }, 60_000)

  it('asks for the token, the timepoint and one account a word, with the code set at its address for the call', () => {
    fc.assert(
      fc.property(address, fc.array(address, { maxLength: 30 }), fc.nat({ max: 2 ** 48 }), (token, accounts, t) => {
        const [call, tag, override] = pastVotesReaderCall(token, accounts, t)
        expect(call.to).toBe(PAST_VOTES_READER_ADDRESS)
        expect(call.data).toBe('0x' + word(BigInt(token)) + word(t) + accounts.map((a) => word(BigInt(a))).join(''))
        expect(tag).toBe('latest')
        expect(override).toEqual({ [PAST_VOTES_READER_ADDRESS]: { code: PAST_VOTES_READER_CODE } })
      }),
    )
    expect(() => pastVotesReaderCall('0x1234', [], 1)).toThrow(/not an address/)
    expect(() => pastVotesReaderCall('0x' + '1'.repeat(40), ['0xzz' + '1'.repeat(38)], 1)).toThrow(/not an address/)
  })

  it('decodes the timepoint then the votes, all or the first ones; refuses anything else', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), { maxLength: 30 }),
        fc.nat({ max: 10 }),
        fc.nat({ max: 2 ** 48 }),
        (votes, extra, t) => {
          const answer = '0x' + word(t) + votes.map(word).join('')
          expect(decodePastVotesReader(answer, votes.length + extra, t)).toEqual(votes)
        },
      ),
    )
    const t = 1234
    // A node that ignored the override: no code at the address, an empty answer.
    expect(() => decodePastVotesReader('0x', 3, t)).toThrow(/answered 0 votes for 3 accounts/)
    expect(() => decodePastVotesReader('0x' + word(t) + word(1) + word(2), 1, t)).toThrow(/2 votes for 1 accounts/)
    expect(() => decodePastVotesReader('0x' + word(t + 1) + word(1), 1, t)).toThrow(/another timepoint/)
    expect(() => decodePastVotesReader('0x' + word(t) + '00', 1, t)).toThrow(/not words/)
    expect(() => decodePastVotesReader('0x' + word(t).replace('0', 'g'), 1, t)).toThrow(/not words/)
  })

  it('names the failed account from the revert data', () => {
    expect(failedAccountIndex('0x' + word(7))).toBe(7)
    expect(failedAccountIndex('0x08c379a0' + word(0))).toBeNull()
    expect(failedAccountIndex(undefined)).toBeNull()
    expect(failedAccountIndex('0x' + 'f'.repeat(64))).toBeNull()
  })
})
