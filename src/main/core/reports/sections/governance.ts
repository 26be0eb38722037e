import type { Db } from '../../db/open'
import type { Period } from '../../audit'
import type { ChainClock } from '../../governance'
import { decisionsInPeriod, percentOfBps } from '../decisions'
import type { SectionTable } from './types'

/** Governance decisions of the period: type, outcome, turnout, quorum, the Safe transaction and its execution. */
export function governanceSection(db: Db, period: Period, clock: ChainClock | null): SectionTable {
  return {
    headers: ['Decision', 'Type', 'Outcome', 'Turnout', 'Quorum', 'Safe transaction', 'Executed'],
    rows: decisionsInPeriod(db, period, clock).map((d) => [
      d.record.title,
      d.kindLabel,
      d.outcome,
      `${percentOfBps(d.turnoutBps)} (${d.voters} voter${d.voters === 1 ? '' : 's'})`,
      d.quorumReached === null
        ? `${percentOfBps(d.record.rules.quorumBps)} needed`
        : `${d.quorumReached ? 'reached' : 'not reached'} (${percentOfBps(d.record.rules.quorumBps)})`,
      d.safeTxHash ? `${d.safeTxHash.slice(0, 10)}… ${d.safeStatus ?? 'not in queue'}` : '—',
      d.executedTxHash ? `yes, ${d.executedAt!.slice(0, 10)} in ${d.executedTxHash.slice(0, 10)}…` : 'no',
    ]),
  }
}
