import type { BudgetLineSummary } from '../../../../shared/contract'
import { humanAmount } from '../../lib/format'
import { DataTable, type Column } from '../../ui'
import { ChainName } from '../safes'

type Line = BudgetLineSummary

const over = (l: Line) => l.remaining.startsWith('-')
const money = (pick: (l: Line) => string, fraction?: number) => (l: Line) => humanAmount(pick(l), l.decimals, fraction)

/** The Budgets page's full table: a column per figure, the token apart, a drill-down per line. */
function fullColumns(drill: number | null, onDrill: (id: number | null) => void): Column<Line>[] {
  return [
    { id: 'category', header: 'Category', rowHeader: true, cell: (l) => l.category, sortValue: (l) => l.category },
    { id: 'token', header: 'Token', cell: (l) => l.symbol, sortValue: (l) => l.symbol },
    { id: 'chain', header: 'Chain', cell: (l) => <ChainName chainId={l.chainId} />, sortValue: (l) => l.chainId },
    { id: 'allocated', header: 'Allocated', numeric: true, testId: 'allocated', cell: money((l) => l.allocated) },
    { id: 'committed', header: 'Committed', numeric: true, testId: 'committed', cell: money((l) => l.committed) },
    { id: 'spent', header: 'Spent', numeric: true, testId: 'spent', cell: money((l) => l.spent) },
    {
      id: 'remaining',
      header: 'Remaining',
      numeric: true,
      testId: 'remaining',
      className: (l) => (over(l) ? 'error' : ''),
      cell: money((l) => l.remaining),
    },
    {
      id: 'batches',
      header: 'Batches',
      cell: (l) => (
        <button className="link" aria-expanded={drill === l.id} onClick={() => onDrill(drill === l.id ? null : l.id)}>
          {drill === l.id ? 'Hide' : 'Show'} batches
        </button>
      ),
    },
  ]
}

/** The council home's glance: one column per figure, two decimals, the token beside the category. */
const COMPACT: Column<Line>[] = [
  {
    id: 'line',
    header: 'Line',
    rowHeader: true,
    cell: (l) => (
      <>
        {l.category} <span className="muted small">{l.symbol}</span>
      </>
    ),
  },
  { id: 'allocated', header: 'Allocated', numeric: true, cell: money((l) => l.allocated, 2) },
  { id: 'committed', header: 'Committed', numeric: true, cell: money((l) => l.committed, 2) },
  { id: 'spent', header: 'Spent', numeric: true, cell: money((l) => l.spent, 2) },
  {
    id: 'remaining',
    header: 'Remaining',
    numeric: true,
    className: (l) => (over(l) ? 'error' : ''),
    cell: (l) =>
      over(l)
        ? `−${humanAmount(l.remaining.slice(1), l.decimals, 2)} (over, by override)`
        : humanAmount(l.remaining, l.decimals, 2),
  },
]

/** Budget vs actual per line: the Budgets page shows it in full, the council home at a glance (`compact`). */
export function BudgetLinesTable(
  props:
    | { compact: true; lines: Line[]; caption: string; testId: string }
    | { compact?: false; lines: Line[]; drill: number | null; onDrill(id: number | null): void },
) {
  if (props.compact)
    return (
      <DataTable
        rows={props.lines}
        columns={COMPACT}
        rowKey={(l) => l.id}
        testId={props.testId}
        caption={<caption className="visually-hidden">{props.caption}</caption>}
      />
    )
  return (
    <DataTable
      rows={props.lines}
      columns={fullColumns(props.drill, props.onDrill)}
      rowKey={(l) => l.id}
      testId="budget-lines"
      rowTestId={(l) => `line-${l.category}-${l.symbol}`}
    />
  )
}
