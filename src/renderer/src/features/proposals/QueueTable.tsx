import { useMemo } from 'react'
import type { ProposalSummary } from '../../../../shared/contract'
import { DataTable, type Column } from '../../ui'
import { useLabels } from '../addressbook'
import { SafeOnChainCell, useChainName } from '../safes'
import { PulledTag, useTxServiceStatus } from '../txservice'
import { KIND_LABEL, Outflows, StatusChip } from './common'

/**
 * Every queue row is this tall (one line per cell, see proposals.css; the status chip's box makes the line 1 px
 * taller than its 24 px): the virtualiser places rows without measuring. The queue bench prints the drawn heights.
 */
const ROW_HEIGHT = 42

/** What the rows name but do not carry: read once for the table, not subscribed to by each row as it mounts. */
interface Lookups {
  labels: Record<string, string>
  chainName(chainId: number): string
  pulled: ReadonlySet<number>
}

function queueColumns({ labels, chainName, pulled }: Lookups): Column<ProposalSummary>[] {
  return [
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
            {pulled.has(r.id) && <PulledTag proposalId={r.id} />}
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
      cell: (r) => (
        <SafeOnChainCell chainId={r.chainId} chainName={chainName(r.chainId)} address={r.safe} label={labels[r.safe]} />
      ),
    },
  ]
}

// Row callbacks that never change, so the table's memoised rows stay as they are when the queue re-renders.
const rowKey = (r: ProposalSummary) => r.id
const rowTestId = (r: ProposalSummary) => `proposal-row-${r.id}`
const rowClassName = (r: ProposalSummary) => (r.conflicts > 0 ? 'conflict' : undefined)

/** The queue or history as the app's one table: virtualised, so 10,000 rows scroll smoothly; the next page loads near the end. */
export function QueueTable(props: {
  rows: ProposalSummary[]
  total: number
  loading: boolean
  empty: string
  onEndReached(): void
}) {
  const labels = useLabels()
  const chainName = useChainName()
  const pulledRecords = useTxServiceStatus().data?.pulled
  const pulled = useMemo(() => new Set((pulledRecords ?? []).map((p) => p.proposalId)), [pulledRecords])
  const columns = useMemo(() => queueColumns({ labels, chainName, pulled }), [labels, chainName, pulled])
  return (
    <DataTable
      rows={props.rows}
      columns={columns}
      rowKey={rowKey}
      rowTestId={rowTestId}
      rowClassName={rowClassName}
      testId="proposal-table"
      label="Proposals"
      className="proposal-table"
      totalRows={props.total}
      virtualiseAbove={60}
      rowHeight={ROW_HEIGHT}
      onEndReached={props.onEndReached}
      loading={props.loading}
      empty={<p className="empty">{props.empty}</p>}
    />
  )
}
