import type { BudgetOverview } from '../../../../shared/contract'
import { humanAmount } from '../../lib/format'
import { Card, DataTable, type Column } from '../../ui'

type Reallocation = BudgetOverview['reallocations'][number]

const COLUMNS: Column<Reallocation>[] = [
  {
    id: 'when',
    header: 'When',
    className: 'mono small',
    cell: (r) => r.decidedAt.slice(0, 10),
    sortValue: (r) => r.decidedAt,
  },
  { id: 'from', header: 'From', cell: (r) => r.fromLabel },
  { id: 'to', header: 'To', cell: (r) => r.toLabel },
  { id: 'amount', header: 'Amount', numeric: true, cell: (r) => humanAmount(r.amount, r.decimals) },
  { id: 'reason', header: 'Reason', cell: (r) => r.reason },
  { id: 'by', header: 'Decided by', className: 'mono small', cell: (r) => r.decidedBy },
]

/** The council's recorded decisions that moved allocation between lines. */
export function Reallocations({ reallocations }: { reallocations: Reallocation[] }) {
  return (
    <Card title="Reallocations" headingId="reallocs-h">
      <DataTable rows={reallocations} columns={COLUMNS} rowKey={(r) => r.id} testId="reallocations" />
    </Card>
  )
}
