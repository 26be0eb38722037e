import type { BudgetReview } from '../../../../shared/contract'
import { humanAmount } from '../../lib/format'
import { Card, DataTable, StatusChip, type Column } from '../../ui'

type ReviewLine = BudgetReview['lines'][number]
type Batch = ReviewLine['batches'][number]

function columns(line: ReviewLine): Column<Batch>[] {
  return [
    {
      id: 'batch',
      header: 'Batch',
      sortValue: (b) => b.batchId,
      cell: (b) => (
        <a href={`#/disbursements/${b.batchId}`}>
          #{b.batchId} {b.title}
        </a>
      ),
    },
    { id: 'status', header: 'Status', cell: (b) => <StatusChip status={b.status} />, sortValue: (b) => b.status },
    {
      id: 'amount',
      header: 'Amount',
      numeric: true,
      cell: (b) => humanAmount(b.amount, line.decimals),
      sortValue: (b) => BigInt(b.amount),
    },
    {
      id: 'hash',
      header: 'safeTxHash',
      className: 'mono small',
      cell: (b) => (b.safeTxHash ? `${b.safeTxHash.slice(0, 14)}…` : '—'),
    },
    {
      id: 'executed',
      header: 'Executed',
      className: 'mono small',
      cell: (b) => <span title={b.executedTxHash ?? undefined}>{b.executedAt ? b.executedAt.slice(0, 10) : '—'}</span>,
      sortValue: (b) => b.executedAt,
    },
    { id: 'override', header: 'Override', className: 'small', cell: (b) => b.overrideReason ?? '—' },
  ]
}

/** The batches charged to one budget line: where its committed and spent figures come from. */
export function LineBatches({ line }: { line: ReviewLine }) {
  return (
    <Card title={`Batches charged to ${line.category} · ${line.symbol}`} headingId="drill-h" testId="line-batches">
      <DataTable
        rows={line.batches}
        columns={columns(line)}
        rowKey={(b) => b.batchId}
        empty={
          <p className="empty">
            No batch has been charged to this line yet. Disbursement batches (Disbursements page) and grant programs
            that draw on it will appear here.
          </p>
        }
      />
    </Card>
  )
}
