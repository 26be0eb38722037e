// The one Multicall3 request the weights make, encoded and decoded by hand: aggregate3 of getPastVotes(account, block)
// on one token, answered by (success, returnData) pairs of one word each. Its layout is fixed (ABI encoding of
// (address,bool,bytes)[] and (bool,bytes)[]), so it is written out word by word instead of through a generic ABI
// coder; the unit test checks both directions against ethers' and viem's coders. The decoder follows the answer's
// own offsets and checks every one against the answer's length, so a malformed answer is refused, not misread.

/** aggregate3((address,bool,bytes)[]) */
const AGGREGATE3 = '82ad56cb'
/** getPastVotes(address,uint256) */
const GET_PAST_VOTES = '3a46b1a8'
const WORD = 64

/** A non-negative number as one ABI word, hex without 0x. */
export const hexWord = (n: number | bigint) => n.toString(16).padStart(WORD, '0')

/** An address as one ABI word, hex without 0x; anything but 0x and 40 hex digits is refused. */
export function accountWord(account: string): string {
  if (!/^0x[0-9a-fA-F]{40}$/.test(account)) throw new Error(`not an address: ${account}`)
  return account.slice(2).toLowerCase().padStart(WORD, '0')
}

/** Calldata of getPastVotes(account, block), for one eth_call. */
export function encodePastVotes(account: string, block: number): string {
  return '0x' + GET_PAST_VOTES + accountWord(account) + hexWord(block)
}

/** Calldata of aggregate3 with one getPastVotes(account, block) on `token` per account, failures allowed. */
export function encodePastVotesAggregate(token: string, accounts: string[], block: number): string {
  const target = accountWord(token)
  const blockWord = hexWord(block)
  const n = accounts.length
  // Each element: target, allowFailure, offset of its bytes (3 words), their length (68), 68 bytes padded to 96.
  const elementWords = 7
  const parts: string[] = ['0x', AGGREGATE3, hexWord(0x20), hexWord(n)]
  for (let i = 0; i < n; i++) parts.push(hexWord(n * 32 + i * elementWords * 32))
  const tail = hexWord(1) + hexWord(0x60) + hexWord(68) + GET_PAST_VOTES
  const pad = blockWord + '0'.repeat(56)
  for (const account of accounts) parts.push(target, tail, accountWord(account), pad)
  return parts.join('')
}

/**
 * The votes in aggregate3's answer, one per call in order. Throws if the answer is not a well-formed
 * (bool,bytes)[] of `expected` entries, if a call failed, or if a call's answer is not one word.
 */
export function decodePastVotesAggregate(result: string, expected: number, describe: (i: number) => string): bigint[] {
  if (!/^0x[0-9a-fA-F]*$/.test(result) || (result.length - 2) % WORD !== 0)
    throw new Error(`aggregate3 answered ${result.slice(0, 20)}…, not ABI words`)
  const hex = result.slice(2)
  const words = hex.length / WORD
  // A word read as a small number (an offset, a length or a flag); anything past 2^32 cannot point into the answer.
  const small = (at: number): number => {
    if (at < 0 || at >= words) throw new Error('aggregate3 answered an offset past its end')
    const text = hex.slice(at * WORD, (at + 1) * WORD)
    if (!/^0{56}/.test(text)) throw new Error('aggregate3 answered an offset past its end')
    return parseInt(text.slice(56), 16)
  }
  const byteOffsetToWord = (bytes: number) => {
    if (bytes % 32 !== 0) throw new Error('aggregate3 answered an unaligned offset')
    return bytes / 32
  }
  const arrayAt = byteOffsetToWord(small(0))
  const n = small(arrayAt)
  if (n !== expected) throw new Error(`aggregate3 answered ${n} results for ${expected} calls`)
  const heads = arrayAt + 1
  const votes: bigint[] = new Array(n)
  for (let i = 0; i < n; i++) {
    const element = heads + byteOffsetToWord(small(heads + i))
    const success = small(element)
    if (success > 1) throw new Error('aggregate3 answered a flag that is not a bool')
    const bytesAt = element + byteOffsetToWord(small(element + 1))
    const length = small(bytesAt)
    if (!success) throw new Error(`${describe(i)} reverted`)
    if (length !== 32 || bytesAt + 1 >= words) throw new Error(`${describe(i)} answered ${length} bytes, not one word`)
    votes[i] = BigInt('0x' + hex.slice((bytesAt + 1) * WORD, (bytesAt + 2) * WORD))
  }
  return votes
}
