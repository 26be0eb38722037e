import type { BatchPlan } from '../../../../shared/contract'
import { humanAmount } from '../../lib/format'
import { DataTable, type Column } from '../../ui'

type TokenTotal = BatchPlan['tokens'][number]
type LineTotal = BatchPlan['lines'][number]
type Item = BatchPlan['items'][number]

const money = (amount: string, decimals: number) => humanAmount(amount, decimals)

/** The plan's verdict on a row: what is wrong with it (shown as an error), or the words for all right. */
function checkColumn<T>(problem: (row: T) => string | null, fine: string, testId?: string): Column<T> {
  return {
    id: 'check',
    header: 'Check',
    ...(testId ? { testId } : {}),
    className: (row) => (problem(row) ? 'error' : 'ok'),
    cell: (row) => problem(row) ?? fine,
  }
}

const TOKEN_COLUMNS: Column<TokenTotal>[] = [
  { id: 'token', header: 'Token', rowHeader: true, cell: (t) => t.symbol },
  { id: 'total', header: 'This batch', numeric: true, cell: (t) => money(t.total, t.decimals) },
  { id: 'pending', header: 'Other proposals', numeric: true, cell: (t) => money(t.pendingOutflow, t.decimals) },
  {
    id: 'balance',
    header: 'Safe balance',
    numeric: true,
    cell: (t) => (t.balance === null ? 'unknown' : money(t.balance, t.decimals)),
  },
  checkColumn((t) => (t.exceedsBalance ? 'Safe balance too low' : null), 'covered'),
]

const LINE_COLUMNS: Column<LineTotal>[] = [
  { id: 'line', header: 'Budget line', rowHeader: true, cell: (l) => l.label },
  { id: 'total', header: 'This batch', numeric: true, cell: (l) => money(l.total, l.decimals) },
  { id: 'remaining', header: 'Remaining before', numeric: true, cell: (l) => money(l.remaining, l.decimals) },
  checkColumn(
    (l) => (l.overBy !== '0' ? `over budget by ${money(l.overBy, l.decimals)} ${l.symbol}` : null),
    'within budget',
    'line-check',
  ),
]

/** The batch's totals per token against the Safe's balance, and per budget line against what remains. */
export function PlanView({ plan }: { plan: BatchPlan }) {
  return (
    <div className="stack" data-testid="batch-plan">
      <DataTable
        rows={plan.tokens}
        columns={TOKEN_COLUMNS}
        rowKey={(t) => t.token}
        rowTestId={(t) => `plan-token-${t.symbol}`}
        testId="plan-tokens"
        caption={
          <caption>
            Totals per token against the Safe’s balance
            {plan.balanceAsOf ? ` (as of ${plan.balanceAsOf.slice(0, 16).replace('T', ' ')})` : ''}
          </caption>
        }
      />
      <DataTable
        rows={plan.lines}
        columns={LINE_COLUMNS}
        rowKey={(l) => l.budgetLineId}
        testId="plan-lines"
        caption={<caption>Totals per budget line against what remains</caption>}
      />
    </div>
  )
}

const ITEM_COLUMNS: Column<Item>[] = [
  { id: 'position', header: '#', cell: (i) => i.position },
  { id: 'receiver', header: 'Receiver', className: 'mono small', cell: (i) => i.receiver },
  { id: 'amount', header: 'Amount', numeric: true, cell: (i) => `${money(i.amount, i.decimals)} ${i.symbol}` },
  { id: 'for', header: 'For', className: 'small', cell: (i) => i.label ?? '—' },
]

/** The batch's payments, the first 50 of them. */
export function ItemsTable({ plan }: { plan: BatchPlan }) {
  const shown = plan.items.slice(0, 50)
  return (
    <DataTable
      rows={shown}
      columns={ITEM_COLUMNS}
      rowKey={(i) => i.position}
      testId="batch-items"
      caption={
        <caption>
          {plan.items.length} payment{plan.items.length === 1 ? '' : 's'}
          {plan.items.length > shown.length ? ` (first ${shown.length} shown)` : ''}
        </caption>
      }
    />
  )
}

type Problem = { row: number; reason: string }
const PROBLEM_COLUMNS: Column<Problem>[] = [
  { id: 'row', header: 'Row', className: 'num', cell: (p) => p.row || '—' },
  { id: 'reason', header: 'Reason', cell: (p) => p.reason },
]

/** The rows of a CSV file the API refused, from the error's details. */
export function Problems({ details }: { details: unknown }) {
  const problems = (details as { problems?: Problem[] } | undefined)?.problems
  if (!problems?.length) return null
  return (
    <DataTable
      rows={problems}
      columns={PROBLEM_COLUMNS}
      testId="csv-problems"
      caption={<caption>Rows refused (nothing was stored)</caption>}
    />
  )
}
