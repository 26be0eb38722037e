import { AmountCell, DataTable, ErrorNote, StatusChip, type Column } from '../../ui'
import { errorInfo } from '../../data'
import type { GovernorProposalView, GovernorView } from '../../../../shared/contract/governor'
import { useGovernorProposals } from './queries'
import { ProposalSteps } from './ProposalSteps'
import { VoteList } from './VoteList'
import { nextStepText, timeLeftText } from './format'

const columns: Column<GovernorProposalView>[] = [
  { id: 'kind', header: 'Kind', cell: () => 'On-chain · binding' },
  { id: 'title', header: 'Proposal', rowHeader: true, cell: (p) => p.title, sortValue: (p) => p.title },
  {
    id: 'does',
    header: 'What the chain will do',
    cell: (p) => (
      <>
        {p.actions.map((a, i) => (
          <div key={i}>{a.text}</div>
        ))}
        <div className="muted">{nextStepText(p)}</div>
        <VoteList governor={p.governor} proposalId={p.proposalId} />
      </>
    ),
  },
  { id: 'state', header: 'State', cell: (p) => <StatusChip status={p.state} />, testId: 'governor-state' },
  {
    id: 'votes',
    header: 'For / against / abstain (quorum)',
    cell: (p) => (
      <>
        <AmountCell amount={p.votes.for} decimals={18} /> / <AmountCell amount={p.votes.against} decimals={18} /> /{' '}
        <AmountCell amount={p.votes.abstain} decimals={18} /> (<AmountCell amount={p.quorum} decimals={18} />)
      </>
    ),
  },
  { id: 'left', header: 'Time left', cell: (p) => timeLeftText(p.timeLeft), testId: 'governor-time-left' },
]

export function GovernorProposals({ governor, actor }: { governor: GovernorView; actor: string }) {
  const proposals = useGovernorProposals(governor.address)
  return (
    <>
      <ErrorNote error={proposals.error ? errorInfo(proposals.error) : null} />
      <DataTable
        rows={proposals.data}
        columns={columns}
        rowKey={(p) => p.proposalId}
        rowTestId={() => 'governor-proposal'}
        loading={proposals.isLoading}
        label="On-chain proposals"
        empty="No on-chain proposal yet: propose one below."
        rowActions={(p) => <ProposalSteps proposal={p} governor={governor} actor={actor} />}
        actionsLabel="Steps"
      />
    </>
  )
}
