import { useRouteParts } from '../hooks'
import { ProposalQueue } from './proposals/ProposalQueue'
import { ProposalDetailView } from './proposals/ProposalDetailView'
import { NewProposal } from './proposals/NewProposal'
import { ImportBatch } from './proposals/ImportBatch'

/** #/proposals (queue) · #/proposals/history · #/proposals/new · #/proposals/import · #/proposals/<id> */
export function ProposalsPage() {
  const [sub] = useRouteParts()
  if (sub === 'new') return <NewProposal />
  if (sub === 'import') return <ImportBatch />
  if (sub && /^\d+$/.test(sub)) return <ProposalDetailView id={Number(sub)} />
  return <ProposalQueue view={sub === 'history' ? 'history' : 'queue'} />
}

export function HistoryPage() {
  return <ProposalQueue view="history" />
}
