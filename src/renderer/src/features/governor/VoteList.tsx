import { AddressCell, AmountCell, DataTable, ErrorNote, type Column } from '../../ui'
import { errorInfo } from '../../data'
import type { GovernorVoteView } from '../../../../shared/contract/governor'
import { useGovernorVotes } from './queries'

const columns: Column<GovernorVoteView>[] = [
  { id: 'voter', header: 'Voter', rowHeader: true, cell: (v) => <AddressCell address={v.voter} /> },
  { id: 'support', header: 'Vote', cell: (v) => v.support, sortValue: (v) => v.support },
  { id: 'weight', header: 'Weight', numeric: true, cell: (v) => <AmountCell amount={v.weight} decimals={18} /> },
  {
    id: 'reason',
    header: 'Reason',
    cell: (v) => v.reason || <span className="muted">—</span>,
    testId: 'governor-vote-reason',
  },
]

/** The votes cast on one proposal, read from the Governor's VoteCast events: who, how, with what weight and why. */
export function VoteList({ governor, proposalId }: { governor: string; proposalId: string }) {
  const votes = useGovernorVotes(governor, proposalId)
  return (
    <details data-testid="governor-votes">
      <summary>Votes cast{votes.data ? ` (${votes.data.length})` : ''}</summary>
      <ErrorNote error={votes.error ? errorInfo(votes.error) : null} />
      <DataTable
        rows={votes.data}
        columns={columns}
        rowKey={(v) => `${v.transactionHash}-${v.voter}`}
        rowTestId={() => 'governor-vote'}
        loading={votes.isLoading}
        label="Votes cast"
        empty="No vote yet."
      />
    </details>
  )
}
