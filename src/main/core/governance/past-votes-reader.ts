// The weights' cheapest request shape where the RPC takes state overrides (eth_call's third parameter, as geth,
// erigon, reth, Hardhat and the large hosted RPCs do): one eth_call to PAST_VOTES_READER_ADDRESS, whose code is set
// for that call only (past-votes-reader.yul, compiled by its test), calling getPastVotes(account, timepoint) on the
// token for each account and answering the timepoint then one word a vote. Nothing is deployed. It answers fewer
// votes than asked when the node's eth_call gas runs low; the caller asks again for the rest.

import { accountWord, hexWord } from './past-votes-multicall'

/** past-votes-reader.yul compiled by solc 0.8.24 (optimizer on, evmVersion paris: no PUSH0, so older chains run it). */
export const PAST_VOTES_READER_CODE =
  '0x633a46b1a860005260208035604052600035906040915b3683106026575b601f1983016040f35b9091620186a05a1060565780358352828082016044601c855afa15605257823d03605257820191906016565b605b565b91601d565b603f190160051c60005260206000fd'

/** Where the code is placed for the call: an arbitrary address that no key or deployment can be expected to own. */
export const PAST_VOTES_READER_ADDRESS = '0x7e1f0000000000000000000000000000000a17bc'

const WORD = 64

/** The eth_call that reads getPastVotes(account, timepoint) of every account at `tag` (params of eth_call). */
export function pastVotesReaderCall(token: string, accounts: string[], timepoint: number, tag = 'latest') {
  const data = '0x' + accountWord(token) + hexWord(timepoint) + accounts.map(accountWord).join('')
  return [
    { to: PAST_VOTES_READER_ADDRESS, data },
    tag,
    { [PAST_VOTES_READER_ADDRESS]: { code: PAST_VOTES_READER_CODE } },
  ] as const
}

/**
 * The votes in the reader's answer, one per account in order, for the first accounts asked (all of them unless the
 * call's gas ran low). Throws unless it is the timepoint asked followed by at most `asked` words: a node that ignored
 * the override answers "0x" (no code at that address), refused here.
 */
export function decodePastVotesReader(result: string, asked: number, timepoint: number): bigint[] {
  if (typeof result !== 'string' || !/^0x[0-9a-fA-F]*$/.test(result) || (result.length - 2) % WORD !== 0)
    throw new Error(`the votes reader answered ${String(result).slice(0, 20)}, not words`)
  const answered = (result.length - 2) / WORD - 1
  if (answered < 0 || answered > asked)
    throw new Error(`the votes reader answered ${Math.max(0, answered)} votes for ${asked} accounts`)
  if (BigInt('0x' + result.slice(2, 2 + WORD)) !== BigInt(timepoint))
    throw new Error(`the votes reader answered for another timepoint than ${timepoint}`)
  const votes: bigint[] = new Array(answered)
  for (let i = 0; i < answered; i++) {
    const at = 2 + WORD * (i + 1)
    votes[i] = BigInt('0x' + result.slice(at, at + WORD))
  }
  return votes
}

/** The index of the account whose getPastVotes failed, from the reader's revert data (one word), or null. */
export function failedAccountIndex(revertData: unknown): number | null {
  if (typeof revertData !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(revertData)) return null
  const index = BigInt(revertData)
  return index < 1_000_000n ? Number(index) : null
}
