import { useRouteParts } from '../../lib/route'
import { ProposalQueue } from './ProposalQueue'
import { ProposalDetailView } from './ProposalDetailView'
import { NewProposal } from './NewProposal'
import { ImportBatch } from './ImportBatch'
import { GovernorExecutions } from '../governor'

/** #/proposals (queue) · #/proposals/history · #/proposals/new · #/proposals/import · #/proposals/<id> */
export function ProposalsPage() {
  const [sub] = useRouteParts()
  if (sub === 'new') return <NewProposal />
  if (sub === 'import') return <ImportBatch />
  if (sub && /^\d+$/.test(sub)) return <ProposalDetailView id={Number(sub)} />
  return <ProposalQueue view={sub === 'history' ? 'history' : 'queue'} />
}

export function HistoryPage() {
  return (
    <>
      <ProposalQueue view="history" />
      <GovernorExecutions />
    </>
  )
}
