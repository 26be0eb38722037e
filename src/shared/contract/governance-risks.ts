import { z } from 'zod'
import { call } from './define'

export interface ConcentrationView {
  holders: number
  /** Base units. */
  total: string
  /** Decimal ratios ("0.734512"); null when nothing is held. */
  top10Share: string | null
  gini: string | null
  nakamoto: number | null
  /** The largest ten, with their amounts (base units) and shares. */
  top: Array<{ account: string; amount: string; share: string }>
}

export interface ParticipationPoint {
  id: string
  title: string
  kind: string
  state: string
  createdAt: string
  snapshotBlock: number
  voters: number
  /** Votes cast (for + against + abstain) over the supply at the snapshot, in basis points; null when unknown. */
  turnoutBps: number | null
  quorumBps: number
  quorumReached: boolean | null
}

export interface GovernanceRisks {
  chainId: number
  token: { address: string; symbol: string; decimals: number }
  block: number
  blockTime: string
  /** How the logs were read: bounded ranges from `fromBlock`, `splits` ranges refused and split. */
  scan: { fromBlock: number; toBlock: number; logs: number; splits: number }
  votingPower: ConcentrationView
  holdings: ConcentrationView
  /** Oldest first: turnout over time. */
  participation: ParticipationPoint[]
  /** Proposals whose vote closed without quorum. */
  failedQuorum: ParticipationPoint[]
  apathy: {
    /** Proposals whose turnout is known. */
    measured: number
    averageTurnoutBps: number | null
    /** The last five measured against those before them: a falling turnout is voter apathy. */
    recentTurnoutBps: number | null
    earlierTurnoutBps: number | null
  }
}

export const governanceRisksContract = {
  /**
   * Voting-power and holder concentration of the governance token at a block (the chain head when absent), from
   * its logs read in bounded ranges; turnout over time and proposals that failed quorum, from the records.
   */
  'governance.risks': call<GovernanceRisks>()(
    z
      .object({
        block: z
          .number()
          .int()
          .min(0)
          .max(2 ** 53 - 1)
          .optional(),
        rangeBlocks: z.number().int().min(1).max(1_000_000).optional(),
      })
      .strict(),
  ),
}
