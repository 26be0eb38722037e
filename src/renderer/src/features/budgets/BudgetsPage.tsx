import { useState } from 'react'
import { downloadText } from '../../lib/amounts'
import { Busy, Card, ErrorNote, PageHead } from '../../ui'
import { AllocationChart, BurnChart } from './BudgetCharts'
import { BudgetLinesTable } from './BudgetLinesTable'
import { LineBatches } from './LineBatches'
import { LineForm } from './LineForm'
import { PeriodForm } from './PeriodForm'
import { ReallocateForm } from './ReallocateForm'
import { PendingCouncilActs } from '../council'
import { Reallocations } from './Reallocations'
import { useExportBudgetCsv } from './mutations'
import { useBudgetOverview, useBudgetPeriods, useBudgetReview } from './queries'
import { useBudgetsView } from './state'

export function BudgetsPage() {
  const periods = useBudgetPeriods()
  const chosen = useBudgetsView((s) => s.periodId)
  const choose = useBudgetsView((s) => s.choose)
  const list = periods.data ?? []
  const periodId = list.some((p) => p.id === chosen) ? chosen : (list[0]?.id ?? null)
  const budget = useBudgetOverview(periodId).data ?? null
  const review = useBudgetReview(periodId).data ?? null
  const [drill, setDrill] = useState<number | null>(null)
  const exporting = useExportBudgetCsv()
  const drilled = review?.lines.find((l) => l.id === drill) ?? null
  const exportCsv = async (id: number) => {
    const file = await exporting.run({ periodId: id })
    if (file) downloadText(file.fileName, file.csv)
  }
  return (
    <section>
      <PageHead
        title="Budgets"
        intro={
          <>
            Committed and spent come from disbursement batches and their chain-confirmed execution; nobody types them
            in.
          </>
        }
        actions={
          <>
            <label className="inline">
              Period
              <select
                value={periodId ?? ''}
                onChange={(e) => choose(Number(e.target.value))}
                aria-label="Budget period"
              >
                {list.length === 0 && <option value="">No periods yet</option>}
                {list.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({p.startsOn} – {p.endsOn})
                  </option>
                ))}
              </select>
            </label>
            {periodId !== null && (
              <button onClick={() => void exportCsv(periodId)} disabled={exporting.busy}>
                Export CSV
              </button>
            )}
          </>
        }
      />
      <ErrorNote error={periods.error ? periods.error.message : exporting.error} />
      {exporting.busy && <Busy label="Writing the budget CSV…" />}
      {periods.data && list.length === 0 && (
        <p className="empty" data-testid="budgets-empty">
          No budget periods yet. Create the first period below (a name and its dates), then add a budget line per
          category and token to start tracking spending.
        </p>
      )}

      {budget && (
        <Card title={`Budget vs actual · ${budget.period.name}`} headingId="lines-h">
          {budget.lines.length === 0 ? (
            <p className="empty">
              No lines in this period yet. Add one with New budget line below: a category, a token and the amount
              allocated.
            </p>
          ) : (
            <BudgetLinesTable lines={budget.lines} drill={drill} onDrill={setDrill} />
          )}
        </Card>
      )}

      {drilled && <LineBatches line={drilled} />}

      {review && review.lines.length > 0 && (
        <div className="grid">
          <Card title="Allocation" headingId="alloc-h">
            <AllocationChart lines={review.lines} />
            <p className="small muted legend">
              <span className="swatch spent" /> spent <span className="swatch committed" /> committed{' '}
              <span className="swatch track" /> remaining
            </p>
          </Card>
          <Card title="Burn over time" headingId="burn-h">
            {review.lines.map((l) => (
              <BurnChart key={l.id} line={l} startsOn={review.period.startsOn} endsOn={review.period.endsOn} />
            ))}
          </Card>
        </div>
      )}

      {budget && budget.reallocations.length > 0 && <Reallocations reallocations={budget.reallocations} />}

      <PendingCouncilActs />
      <div className="grid">
        <PeriodForm onDone={choose} />
        {periodId !== null && <LineForm periodId={periodId} />}
        {budget && budget.lines.length > 1 && <ReallocateForm lines={budget.lines} />}
      </div>
    </section>
  )
}
