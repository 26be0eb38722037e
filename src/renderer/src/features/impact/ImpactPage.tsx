import { useState } from 'react'
import type { DecisionImpact, ImpactAmount, ImpactBudgetLine, ImpactMilestone } from '../../../../shared/contract'
import { humanAmount } from '../../lib/format'
import { Busy, Card, DataTable, ErrorNote, PageHead, PeriodPicker, StatusChip, type Column } from '../../ui'
import { useDecisionImpacts, type ImpactPeriod } from './queries'

const percent = (bps: number | null) => (bps === null ? 'n/a' : `${(bps / 100).toFixed(2)} %`)
const money = (a: ImpactAmount) => `${humanAmount(a.amount, a.decimals)} ${a.symbol}`
const signed = (amount: string, decimals: number) =>
  amount.startsWith('-')
    ? `−${humanAmount(amount.slice(1), decimals)}`
    : amount === '0'
      ? '0'
      : `+${humanAmount(amount, decimals)}`

/**
 * Decision impact: each governance decision traced to the money it moved, the grants and milestones its Safe
 * transaction paid, and the budget lines it charged or reallocated. Everything comes from one call,
 * `impact.decisions`; the page only lays it out.
 */
export function ImpactPage() {
  const [period, setPeriod] = useState<ImpactPeriod>({})
  const impacts = useDecisionImpacts(period)

  return (
    <section>
      <PageHead
        title="Decision impact"
        intro={<>What each governance decision did: money moved, grants and milestones funded, budget lines changed.</>}
      />
      <PeriodPicker onShow={setPeriod} />
      <ErrorNote error={impacts.error ? { message: impacts.error.message } : null} />
      {impacts.isLoading && <Busy label="Tracing decisions…" />}
      {impacts.data?.decisions.length === 0 && (
        <p className="empty">No governance decisions were proposed or executed in this period.</p>
      )}
      {impacts.data?.decisions.map((d) => (
        <DecisionCard key={d.id} decision={d} />
      ))}
    </section>
  )
}

function DecisionCard({ decision: d }: { decision: DecisionImpact }) {
  return (
    <Card title={d.title} testId={`impact-${d.id}`}>
      <dl className="facts">
        <dt>Type</dt>
        <dd>{d.kind}</dd>
        <dt>Outcome</dt>
        <dd>
          <StatusChip status={d.outcome} />
        </dd>
        <dt>Turnout</dt>
        <dd>
          {percent(d.turnoutBps)}
          {d.quorumReached === null ? '' : d.quorumReached ? ', quorum reached' : ', quorum not reached'}
        </dd>
        <dt>Safe transaction</dt>
        <dd className="mono">{d.safeTxHash ? `${d.safeTxHash} (${d.safeStatus ?? 'not in the queue'})` : '—'}</dd>
        <dt>Executed</dt>
        <dd className="mono" data-testid="impact-executed">
          {d.executedTxHash ? `${d.executedAt?.slice(0, 10)} in ${d.executedTxHash}` : 'not yet'}
        </dd>
      </dl>
      <DataTable
        rows={d.approved.map((a, i) => ({ approved: a, moved: d.moved[i] }))}
        columns={MONEY_COLUMNS}
        rowKey={(r) => r.approved.token ?? 'native'}
        label="Money per token"
        testId="impact-money"
        empty={<p className="empty">This decision moves no money.</p>}
      />
      <h3>Grants and milestones funded</h3>
      {d.grants.length === 0 && <p className="empty">Its Safe transaction paid no grant milestone.</p>}
      {d.grants.map((g) => (
        <div key={g.grantId} data-testid={`impact-grant-${g.grantId}`}>
          <p>
            <strong>
              #{g.grantId} {g.title}
            </strong>{' '}
            ({g.program}): {humanAmount(g.granted, g.decimals)} {g.symbol} granted
            {g.outcome ? `; outcome: ${g.outcome}` : ''}
          </p>
          <DataTable
            rows={g.milestones}
            columns={milestoneColumns(g.decimals, g.symbol)}
            rowKey={(m) => m.id}
            label={`Milestones of ${g.title}`}
            testId="impact-milestones"
          />
        </div>
      ))}
      <h3>Budget lines changed</h3>
      <DataTable
        rows={d.budgetLines}
        columns={LINE_COLUMNS}
        rowKey={(l) => l.lineId}
        label="Budget lines changed"
        testId="impact-lines"
        empty={<p className="empty">No budget line was charged or reallocated by this decision.</p>}
      />
    </Card>
  )
}

const MONEY_COLUMNS: Column<{ approved: ImpactAmount; moved: ImpactAmount }>[] = [
  { id: 'token', header: 'Token', rowHeader: true, cell: (r) => r.approved.symbol },
  { id: 'approved', header: 'Approved', numeric: true, cell: (r) => money(r.approved) },
  { id: 'moved', header: 'Moved on chain', numeric: true, cell: (r) => money(r.moved) },
  {
    id: 'value',
    header: 'Value when moved',
    numeric: true,
    cell: (r) =>
      !r.moved.value ? '—' : r.moved.value.priced ? `${r.moved.value.value} ${r.moved.value.currency}` : 'no price',
  },
]

function milestoneColumns(decimals: number, symbol: string): Column<ImpactMilestone>[] {
  return [
    { id: 'title', header: 'Milestone', rowHeader: true, cell: (m) => m.title },
    { id: 'amount', header: 'Amount', numeric: true, cell: (m) => `${humanAmount(m.amount, decimals)} ${symbol}` },
    { id: 'due', header: 'Due', cell: (m) => m.dueOn },
    { id: 'status', header: 'Status', cell: (m) => <StatusChip status={m.status} /> },
    { id: 'paid', header: 'Paid in', className: 'mono small', cell: (m) => m.paidTxHash ?? '—' },
  ]
}

const LINE_COLUMNS: Column<ImpactBudgetLine>[] = [
  { id: 'line', header: 'Line', rowHeader: true, cell: (l) => `${l.period} ${l.category}` },
  { id: 'charged', header: 'Charged', numeric: true, cell: (l) => `${humanAmount(l.charged, l.decimals)} ${l.symbol}` },
  { id: 'reallocated', header: 'Reallocated', numeric: true, cell: (l) => signed(l.reallocated, l.decimals) },
  { id: 'allocated', header: 'Allocated now', numeric: true, cell: (l) => humanAmount(l.allocatedNow, l.decimals) },
  { id: 'spent', header: 'Spent now', numeric: true, cell: (l) => humanAmount(l.spentNow, l.decimals) },
]
