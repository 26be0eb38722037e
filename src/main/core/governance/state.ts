import type { ProposalState } from './types'

export interface Tally {
  for: bigint
  against: bigint
  abstain: bigint
}

export const EMPTY_TALLY: Tally = { for: 0n, against: 0n, abstain: 0n }

/** Where the chain is: the latest mined block and its timestamp (seconds). */
export interface ChainClock {
  block: number
  timestamp: number
}

export interface StateInput {
  snapshotBlock: number
  /** Last block in which a vote still counts (OpenZeppelin's `proposalDeadline`). */
  endBlock: number
  quorumBps: number
  passThresholdBps: number
  gracePeriodSeconds: number
  canceled: boolean
  executed: boolean
  /** Earliest execution time (seconds), set when the proposal is queued; null until then. */
  eta: number | null
  /** Past total supply at the snapshot; null while the snapshot block is not yet in the past. */
  totalSupply: bigint | null
  tally: Tally
}

const BPS = 10_000n

/** Votes needed: floor(supply × quorum / 10,000), as GovernorVotesQuorumFraction computes it. */
export function quorumVotes(totalSupply: bigint, quorumBps: number): bigint {
  return (totalSupply * BigInt(quorumBps)) / BPS
}

/** Abstentions count toward quorum (GovernorCountingSimple). */
export function quorumReached(tally: Tally, totalSupply: bigint, quorumBps: number): boolean {
  return quorumVotes(totalSupply, quorumBps) <= tally.for + tally.abstain
}

/** For must be strictly more than `threshold` of For + Against: 5,000 bps is OpenZeppelin's `for > against`. */
export function voteSucceeded(tally: Tally, passThresholdBps: number): boolean {
  return tally.for * BPS > BigInt(passThresholdBps) * (tally.for + tally.against)
}

/**
 * A proposal's state, derived the way OpenZeppelin Governor (with GovernorTimelockCompound's grace period) derives
 * it: nothing stores "Active" or "Defeated"; they follow from the chain's clock, the stored facts (canceled, queued
 * ETA, executed) and the tally. Pure, so every branch is unit-tested.
 *
 * Pending while the latest block is at or before the snapshot (weights there are not final yet); Active through the
 * end block; then Defeated unless quorum is met and the vote passed; Succeeded until queued; Queued until executed
 * or until the grace period after the ETA runs out (Expired). Executed and Canceled win over everything.
 */
export function deriveState(p: StateInput, now: ChainClock): ProposalState {
  if (p.executed) return 'Executed'
  if (p.canceled) return 'Canceled'
  if (now.block <= p.snapshotBlock) return 'Pending'
  if (now.block <= p.endBlock) return 'Active'
  if (p.totalSupply === null) throw new Error('the past total supply at the snapshot is needed once voting has ended')
  if (!quorumReached(p.tally, p.totalSupply, p.quorumBps) || !voteSucceeded(p.tally, p.passThresholdBps))
    return 'Defeated'
  if (p.eta === null) return 'Succeeded'
  if (now.timestamp >= p.eta + p.gracePeriodSeconds) return 'Expired'
  return 'Queued'
}

/** Queued and past its ETA: what the timelock was waiting for may now be carried out. */
export function timelockElapsed(state: ProposalState, eta: number | null, now: ChainClock): boolean {
  return state === 'Queued' && eta !== null && now.timestamp >= eta
}

/** States in which the vote is over and its outcome no longer changes. */
export function isFinal(state: ProposalState): boolean {
  return state !== 'Pending' && state !== 'Active'
}
