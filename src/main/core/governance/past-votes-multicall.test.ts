import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { encodeFunctionData, encodeFunctionResult, parseAbi, type Hex } from 'viem'
import { decodePastVotesAggregate, encodePastVotes, encodePastVotesAggregate } from './past-votes-multicall'

// The independent side: viem's ABI coder with Multicall3's published signature.
const abi = parseAbi([
  'struct Call3 { address target; bool allowFailure; bytes callData; }',
  'struct Result { bool success; bytes returnData; }',
  'function aggregate3(Call3[] calls) payable returns (Result[] returnData)',
  'function getPastVotes(address account, uint256 blockNumber) view returns (uint256)',
])
const address = fc
  .uint8Array({ minLength: 20, maxLength: 20 })
  .map((b) => ('0x' + Buffer.from(b).toString('hex')) as Hex)
const uint256 = fc.bigInt({ min: 0n, max: 2n ** 256n - 1n })
const word = (v: bigint) => ('0x' + v.toString(16).padStart(64, '0')) as Hex
const answer = (results: Array<{ success: boolean; returnData: Hex }>) =>
  encodeFunctionResult({ abi, functionName: 'aggregate3', result: results })

describe('aggregate3 of getPastVotes, by hand', () => {
  it('encodes what viem encodes', () => {
    fc.assert(
      fc.property(address, fc.array(address, { maxLength: 40 }), fc.nat({ max: 2 ** 40 }), (token, accounts, block) => {
        const viem = encodeFunctionData({
          abi,
          functionName: 'aggregate3',
          args: [
            accounts.map((a) => ({
              target: token,
              allowFailure: true,
              callData: encodeFunctionData({ abi, functionName: 'getPastVotes', args: [a, BigInt(block)] }),
            })),
          ],
        })
        expect(encodePastVotesAggregate(token, accounts, block)).toBe(viem)
        for (const a of accounts.slice(0, 3))
          expect(encodePastVotes(a, block)).toBe(
            encodeFunctionData({ abi, functionName: 'getPastVotes', args: [a, BigInt(block)] }),
          )
      }),
    )
  })

  it('decodes what viem encodes', () => {
    fc.assert(
      fc.property(fc.array(uint256, { maxLength: 60 }), (votes) => {
        const data = answer(votes.map((v) => ({ success: true, returnData: word(v) })))
        expect(decodePastVotesAggregate(data, votes.length, String)).toEqual(votes)
      }),
    )
  })

  it('refuses a failed call, a short answer, a wrong count and malformed offsets', () => {
    const good = answer([
      { success: true, returnData: word(5n) },
      { success: true, returnData: word(7n) },
    ])
    expect(decodePastVotesAggregate(good, 2, String)).toEqual([5n, 7n])
    expect(() => decodePastVotesAggregate(good, 3, String)).toThrow(/2 results for 3 calls/)
    const reverted = answer([
      { success: true, returnData: word(5n) },
      { success: false, returnData: '0x' },
    ])
    expect(() => decodePastVotesAggregate(reverted, 2, (i) => `call ${i}`)).toThrow('call 1 reverted')
    const short = answer([{ success: true, returnData: '0x1234' }])
    expect(() => decodePastVotesAggregate(short, 1, (i) => `call ${i}`)).toThrow('call 0 answered 2 bytes')
    expect(() => decodePastVotesAggregate('0x', 0, String)).toThrow(/offset past its end/)
    expect(() => decodePastVotesAggregate(good.slice(0, -64), 2, String)).toThrow(/past its end|not one word/)
    expect(() => decodePastVotesAggregate(good.slice(0, -1), 2, String)).toThrow(/not ABI words/)
    // The first element's offset pointing far outside the answer.
    const far = good.slice(0, 2 + 64 * 2) + word(2n ** 200n).slice(2) + good.slice(2 + 64 * 3)
    expect(() => decodePastVotesAggregate(far, 2, String)).toThrow(/past its end/)
    expect(() => encodePastVotesAggregate(good.slice(0, 42), ['0x12'], 1)).toThrow(/not an address/)
  })
})
