import type { GovernanceTokenInfo, ParticipationReport } from '../../../../shared/contract'
import { humanAmount } from '../../lib/format'
import { DataTable, type Column } from '../../ui'
import { StateChip, clockPoint, pct, type ClockMode } from './format'
import { useGovSettings } from './queries'

type Turnout = ParticipationReport['proposals'][number]
type Delegate = ParticipationReport['delegates'][number] & { rank: number }

function turnoutColumns(token: GovernanceTokenInfo, mode: ClockMode | undefined): Column<Turnout>[] {
  return [
    { id: 'title', header: 'Proposal', cell: (p) => p.title },
    { id: 'state', header: 'State', cell: (p) => <StateChip state={p.state} /> },
    {
      id: 'snapshot',
      header: 'Snapshot',
      numeric: true,
      cell: (p) => clockPoint(p.snapshotBlock, mode),
      sortValue: (p) => p.snapshotBlock,
    },
    { id: 'voters', header: 'Voters', numeric: 'plain', cell: (p) => p.voters, sortValue: (p) => p.voters },
    {
      id: 'cast',
      header: `Cast (${token.symbol})`,
      numeric: true,
      cell: (p) => humanAmount(p.cast, token.decimals, 0),
      sortValue: (p) => BigInt(p.cast),
    },
    {
      id: 'turnout',
      header: 'Turnout',
      sortValue: (p) => p.turnoutBps,
      cell: (p) => (
        <>
          <progress
            className="bar for"
            max={10_000}
            value={p.turnoutBps ?? 0}
            aria-label={`Turnout ${pct(p.turnoutBps)}`}
          />{' '}
          {pct(p.turnoutBps)}
        </>
      ),
    },
  ]
}

function delegateColumns(token: GovernanceTokenInfo): Column<Delegate>[] {
  return [
    { id: 'rank', header: '#', numeric: 'plain', cell: (d) => d.rank },
    { id: 'delegate', header: 'Delegate', className: 'mono', cell: (d) => d.delegate },
    {
      id: 'votes',
      header: 'Voting power',
      numeric: true,
      cell: (d) => humanAmount(d.votes, token.decimals, 0),
      sortValue: (d) => BigInt(d.votes),
    },
    {
      id: 'delegators',
      header: 'Delegators',
      numeric: 'plain',
      cell: (d) => d.delegators,
      sortValue: (d) => d.delegators,
    },
    { id: 'share', header: 'Share', numeric: 'plain', cell: (d) => pct(d.shareBps) },
  ]
}

export function TurnoutTable({ report, token }: { report: ParticipationReport; token: GovernanceTokenInfo }) {
  // A timestamp-clock token's snapshot is a time, not a block (ERC-6372).
  const clockMode = useGovSettings()?.clockMode
  return (
    <DataTable
      rows={report.proposals}
      columns={turnoutColumns(token, clockMode)}
      rowKey={(p) => p.id}
      testId="turnout-table"
      keepEmptyTable
      empty={
        <p className="empty">
          No proposal has reached its snapshot yet, so there is no turnout to show. Create a proposal on the Proposals
          tab; its turnout appears here once voting opens.
        </p>
      }
    />
  )
}

export function DelegatesTable({ report, token }: { report: ParticipationReport; token: GovernanceTokenInfo }) {
  return (
    <DataTable
      rows={report.delegates.map((d, i) => ({ ...d, rank: i + 1 }))}
      columns={delegateColumns(token)}
      rowKey={(d) => d.delegate}
      testId="delegates-table"
      keepEmptyTable
    />
  )
}
