/**
 * Governance vocabulary shared by the core files. Durations follow OpenZeppelin Governor with a block-number clock
 * (the AITBC token's ERC20Votes checkpoints are block numbers): voting delay and voting period in blocks, timelock
 * and grace period in seconds of chain time (a timelock's ETA is a timestamp, as in GovernorTimelockCompound).
 */
export const PROPOSAL_KINDS = ['technical', 'treasury_spending', 'partnership', 'policy'] as const
export type ProposalKind = (typeof PROPOSAL_KINDS)[number]

export const KIND_LABELS: Record<ProposalKind, string> = {
  technical: 'Technical improvement',
  treasury_spending: 'Treasury spending',
  partnership: 'Partnership',
  policy: 'Policy change',
}

/** One proposal type's rules. Fractions are basis points (1 bps = 0.01 %), so no float ever decides a vote. */
export interface TypeRules {
  /** Clock units (blocks, or seconds for an ERC-6372 timestamp clock) between creation and the snapshot. */
  votingDelayBlocks: number
  /** Clock units (blocks, or seconds for a timestamp clock) the vote stays open after the snapshot. */
  votingPeriodBlocks: number
  /** For + Abstain must reach this share of the past total supply at the snapshot. */
  quorumBps: number
  /** For must exceed this share of For + Against (5000 = simple majority). */
  passThresholdBps: number
  /** Seconds between queueing a passed proposal and its earliest execution. */
  timelockSeconds: number
  /** Seconds after the ETA during which it may be executed; after that it is Expired. */
  gracePeriodSeconds: number
}

/**
 * Defaults chosen for a 12-second-block chain: one day of delay (7,200 blocks), a week of voting (50,400), a two-day
 * timelock and a 14-day grace period, as in OpenZeppelin's defaults and GovernorTimelockCompound. Quorums are small
 * because only delegated tokens vote: the demo signers' 3 % of supply can reach them.
 */
export const DEFAULT_RULES: Record<ProposalKind, TypeRules> = {
  technical: {
    votingDelayBlocks: 7_200,
    votingPeriodBlocks: 50_400,
    quorumBps: 200,
    passThresholdBps: 5_000,
    timelockSeconds: 2 * 86_400,
    gracePeriodSeconds: 14 * 86_400,
  },
  treasury_spending: {
    votingDelayBlocks: 7_200,
    votingPeriodBlocks: 50_400,
    quorumBps: 200,
    passThresholdBps: 5_000,
    timelockSeconds: 2 * 86_400,
    gracePeriodSeconds: 14 * 86_400,
  },
  partnership: {
    votingDelayBlocks: 7_200,
    votingPeriodBlocks: 50_400,
    quorumBps: 200,
    passThresholdBps: 5_000,
    timelockSeconds: 86_400,
    gracePeriodSeconds: 14 * 86_400,
  },
  policy: {
    votingDelayBlocks: 7_200,
    votingPeriodBlocks: 50_400,
    quorumBps: 250,
    passThresholdBps: 6_667,
    timelockSeconds: 7 * 86_400,
    gracePeriodSeconds: 14 * 86_400,
  },
}

// Proposals here move through OpenZeppelin Governor's states and count votes as GovernorCountingSimple does.
export {
  GOVERNOR_STATES as PROPOSAL_STATES,
  GOVERNOR_SUPPORT as SUPPORT,
  GOVERNOR_SUPPORT_NAMES as SUPPORT_NAMES,
  type GovernorState as ProposalState,
  type GovernorSupport as SupportName,
} from '../../../shared/contract/governor'

/** One transfer a treasury-spending proposal asks the Safe to make; `token` null = the chain's native coin. */
export interface SpendingTransfer {
  recipient: string
  token: string | null
  amount: bigint
}

export interface SpendingPayload {
  safe: string
  transfers: SpendingTransfer[]
}
