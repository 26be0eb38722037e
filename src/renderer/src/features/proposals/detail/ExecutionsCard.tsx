import type { ProposalExecution } from '../../../../../shared/contract'
import { AddressLabel } from '../../addressbook'
import { DataTable, type Column } from '../../../ui'

const OUTCOME = { success: 'ExecutionSuccess', execution_failure: 'ExecutionFailure', reverted: 'Reverted' } as const

const COLUMNS: Column<ProposalExecution>[] = [
  {
    id: 'outcome',
    header: 'Outcome',
    cell: (e) => (
      <>
        {OUTCOME[e.outcome]}
        {e.origin === 'chain' && <span className="muted small"> (executed elsewhere)</span>}
      </>
    ),
  },
  { id: 'tx', header: 'Transaction', cell: (e) => e.txHash, className: 'mono small' },
  { id: 'block', header: 'Block', numeric: true, cell: (e) => e.blockNumber ?? '—' },
  { id: 'gas', header: 'Gas used', numeric: true, cell: (e) => (e.gasUsed ? Number(e.gasUsed).toLocaleString() : '—') },
  { id: 'executor', header: 'Executor', cell: (e) => (e.executor ? <AddressLabel address={e.executor} /> : '—') },
]

/** The transactions that used this proposal's nonce on chain. */
export function ExecutionsCard({ executions }: { executions: ProposalExecution[] }) {
  if (executions.length === 0) return null
  return (
    <article className="card" aria-labelledby="exec-h">
      <h2 id="exec-h">On chain</h2>
      <DataTable rows={executions} columns={COLUMNS} rowKey={(e) => e.txHash} testId="executions" />
    </article>
  )
}
