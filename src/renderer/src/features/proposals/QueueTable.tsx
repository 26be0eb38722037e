import type { ProposalSummary } from '../../../../shared/contract'
import { DataTable, type Column } from '../../ui'
import { KIND_LABEL, Outflows, StatusChip } from './common'
import { SafeOnChain } from '../safes'
import { PulledTag } from '../txservice'

const COLUMNS: Column<ProposalSummary>[] = [
  {
    id: 'nonce',
    header: 'Nonce',
    numeric: true,
    cell: (r) => (
      <>
        {r.nonce}
        {r.conflicts > 0 && (
          <span
            className="conflict-mark"
            title={`${r.conflicts + 1} proposals on nonce ${r.nonce}: only one can execute`}
          >
            {' '}
            ⚠ {r.conflicts + 1}
          </span>
        )}
      </>
    ),
  },
  {
    id: 'proposal',
    header: 'Proposal',
    className: 'ellipsis',
    cell: (r) => (
      <>
        <a href={`#/proposals/${r.id}`}>{r.title}</a>
        <span className="muted small">
          {' '}
          #{r.id} · {KIND_LABEL[r.kind]}
          {r.parts > 1 ? ` (${r.parts})` : ''}
          {r.category ? ` · ${r.category}` : ''}
          <PulledTag proposalId={r.id} />
        </span>
      </>
    ),
  },
  { id: 'status', header: 'Status', cell: (r) => <StatusChip status={r.status} /> },
  { id: 'signatures', header: 'Signatures', numeric: true, cell: (r) => `${r.signatureCount} / ${r.threshold}` },
  { id: 'outflow', header: 'Outflow', className: 'ellipsis', cell: (r) => <Outflows outflows={r.outflows} /> },
  {
    id: 'safe',
    header: 'Safe',
    className: 'ellipsis',
    cell: (r) => <SafeOnChain chainId={r.chainId} address={r.safe} />,
  },
]

/** The queue or history as the app's one table: virtualised, so 10,000 rows scroll smoothly; the next page loads near the end. */
export function QueueTable(props: {
  rows: ProposalSummary[]
  total: number
  loading: boolean
  empty: string
  onEndReached(): void
}) {
  return (
    <DataTable
      rows={props.rows}
      columns={COLUMNS}
      rowKey={(r) => r.id}
      rowTestId={(r) => `proposal-row-${r.id}`}
      rowClassName={(r) => (r.conflicts > 0 ? 'conflict' : undefined)}
      testId="proposal-table"
      label="Proposals"
      className="proposal-table"
      totalRows={props.total}
      virtualiseAbove={60}
      onEndReached={props.onEndReached}
      loading={props.loading}
      empty={<p className="empty">{props.empty}</p>}
    />
  )
}
