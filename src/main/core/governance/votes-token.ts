import { Interface, ZeroAddress, type JsonRpcProvider } from 'ethers'
import type { ClockMode } from './settings'

const iface = new Interface([
  'function getPastVotes(address account, uint256 timepoint) view returns (uint256)',
  'function getPastTotalSupply(uint256 timepoint) view returns (uint256)',
  'function clock() view returns (uint48)',
  'function CLOCK_MODE() view returns (string)',
])

export class NotAVotesTokenError extends Error {
  constructor(
    readonly address: string,
    readonly reason: string,
  ) {
    super(`${address} cannot be the governance token: ${reason}`)
    this.name = 'NotAVotesTokenError'
  }
}

export interface VotesClock {
  mode: ClockMode
  /** What clock() answers now (a block number or a unix time), null for a token from before ERC-6372. */
  clock: number | null
  /** CLOCK_MODE() as the token wrote it, null when it has none. */
  clockModeText: string | null
}

async function tryCall(provider: JsonRpcProvider, to: string, data: string): Promise<string | null> {
  try {
    const raw = await provider.call({ to, data })
    return raw === '0x' ? null : raw
  } catch {
    return null
  }
}

/**
 * Checks that `token` is an IVotes / ERC-5805 token (getPastVotes and getPastTotalSupply answer) and reads its clock
 * (ERC-6372): CLOCK_MODE() "mode=timestamp" means snapshots are points in time; "mode=blocknumber…", or no
 * clock at all (OpenZeppelin before 4.9, Compound's COMP), means block numbers.
 */
export async function readVotesClock(provider: JsonRpcProvider, token: string): Promise<VotesClock> {
  if ((await provider.getCode(token)) === '0x') throw new NotAVotesTokenError(token, 'no contract code at this address')
  const past = await tryCall(provider, token, iface.encodeFunctionData('getPastVotes', [ZeroAddress, 0]))
  if (past === null || past.length !== 66)
    throw new NotAVotesTokenError(token, 'it has no getPastVotes(address,uint256) (not an ERC-5805 / IVotes token)')
  const supply = await tryCall(provider, token, iface.encodeFunctionData('getPastTotalSupply', [0]))
  if (supply === null || supply.length !== 66)
    throw new NotAVotesTokenError(token, 'it has no getPastTotalSupply(uint256), needed for quorum')
  const modeRaw = await tryCall(provider, token, iface.encodeFunctionData('CLOCK_MODE'))
  const clockRaw = await tryCall(provider, token, iface.encodeFunctionData('clock'))
  let clockModeText: string | null = null
  if (modeRaw) {
    try {
      clockModeText = iface.decodeFunctionResult('CLOCK_MODE', modeRaw)[0] as string
    } catch {
      throw new NotAVotesTokenError(token, 'CLOCK_MODE() answered something that is not a string')
    }
  }
  const clock = clockRaw && clockRaw.length === 66 ? Number(BigInt(clockRaw)) : null
  let mode: ClockMode = 'blocknumber'
  if (clockModeText !== null) {
    if (clockModeText === 'mode=timestamp') mode = 'timestamp'
    else if (!clockModeText.startsWith('mode=blocknumber'))
      throw new NotAVotesTokenError(
        token,
        `its CLOCK_MODE() is "${clockModeText.slice(0, 60)}", which this app cannot follow`,
      )
  }
  return { mode, clock, clockModeText }
}
