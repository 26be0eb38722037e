import type { Db } from '../db/open'
import type { Period } from '../audit'
import { rpcProvider, type ChainRecord } from '../chain'
import {
  KIND_LABELS,
  deriveState,
  getProposal,
  quorumReached,
  quorumVotes,
  tallyOf,
  voteSucceeded,
  type ChainClock,
  type ProposalRecord,
} from '../governance'

/**
 * One governance decision as the report and the impact page print it: its vote (turnout over the past total supply
 * at the snapshot, quorum) and what it led to on the Safe. Read from stored records only; `clock` (the chain's
 * latest block) lets the outcome follow the Governor's state machine, without it the recorded facts decide.
 */
export interface DecisionFacts {
  record: ProposalRecord
  kindLabel: string
  outcome: string
  voters: number
  cast: bigint
  turnoutBps: number | null
  quorumVotes: bigint | null
  quorumReached: boolean | null
  safeTxHash: string | null
  /** Status of the Safe proposal carrying it (proposals queue), when the workspace holds one. */
  safeStatus: string | null
  executedTxHash: string | null
  executedAt: string | null
}

export function decisionFacts(db: Db, p: ProposalRecord, clock: ChainClock | null): DecisionFacts {
  const { tally, voters } = tallyOf(db, p.id)
  const cast = tally.for + tally.against + tally.abstain
  const supply = p.totalSupply
  const safeTxHash = p.safeLink?.safeTxHash ?? null
  const safeStatus = safeTxHash
    ? ((db.prepare('SELECT status FROM proposals WHERE safe_tx_hash = ? ORDER BY id DESC LIMIT 1').pluck().get(
        safeTxHash,
      ) as string | undefined) ?? null)
    : null
  return {
    record: p,
    kindLabel: KIND_LABELS[p.kind],
    outcome: outcomeOf(p, tally, clock),
    voters,
    cast,
    turnoutBps: supply && supply > 0n ? Number((cast * 10_000n) / supply) : null,
    quorumVotes: supply === null ? null : quorumVotes(supply, p.rules.quorumBps),
    quorumReached: supply === null ? null : quorumReached(tally, supply, p.rules.quorumBps),
    safeTxHash,
    safeStatus,
    executedTxHash: p.execution?.txHash ?? null,
    executedAt: p.execution ? new Date(p.execution.at * 1000).toISOString() : null,
  }
}

function outcomeOf(p: ProposalRecord, tally: ReturnType<typeof tallyOf>['tally'], clock: ChainClock | null): string {
  const stateInput = {
    snapshotBlock: p.snapshotBlock,
    endBlock: p.endBlock,
    quorumBps: p.rules.quorumBps,
    passThresholdBps: p.rules.passThresholdBps,
    gracePeriodSeconds: p.rules.gracePeriodSeconds,
    canceled: p.canceled !== null,
    executed: p.execution !== null,
    eta: p.eta,
    totalSupply: p.totalSupply,
    tally,
  }
  if (clock && (clock.block <= p.endBlock || p.totalSupply !== null)) {
    const state = deriveState(stateInput, clock)
    return state === 'Queued' && p.implemented ? 'Implemented' : state
  }
  if (p.execution) return 'Executed'
  if (p.canceled) return 'Canceled'
  if (p.implemented) return 'Implemented'
  if (p.eta !== null) return 'Queued'
  if (p.totalSupply === null) return 'Not yet counted'
  return quorumReached(tally, p.totalSupply, p.rules.quorumBps) && voteSucceeded(tally, p.rules.passThresholdBps)
    ? 'Passed (recorded tally)'
    : 'Not passed (recorded tally)'
}

/** Decisions proposed in the period or executed in it, oldest first. */
export function decisionsInPeriod(db: Db, period: Period, clock: ChainClock | null = null): DecisionFacts[] {
  const from = period.fromIso ?? ''
  const to = period.toIso ?? '\uffff'
  const ids = db
    .prepare(
      `SELECT id FROM governance_proposals
        WHERE (created_at >= ? AND created_at < ?)
           OR (executed_at IS NOT NULL AND strftime('%Y-%m-%dT%H:%M:%fZ', executed_at, 'unixepoch') >= ?
               AND strftime('%Y-%m-%dT%H:%M:%fZ', executed_at, 'unixepoch') < ?)
        ORDER BY created_at, id`,
    )
    .pluck()
    .all(from, to, from, to) as string[]
  return ids.map((id) => decisionFacts(db, getProposal(db, id)!, clock))
}

export function percentOfBps(bps: number | null): string {
  if (bps === null) return 'n/a'
  return `${(bps / 100).toFixed(2)} %`
}

/** The chain's latest block and its time, or null when the chain cannot be read (the records then decide). */
export async function chainClockOrNull(chain: ChainRecord | null): Promise<ChainClock | null> {
  if (!chain) return null
  const provider = rpcProvider(chain.rpcUrl, chain.chainId)
  try {
    const block = await provider.getBlock('latest')
    return block ? { block: block.number, timestamp: block.timestamp } : null
  } catch {
    return null
  } finally {
    provider.destroy()
  }
}
