import type { BudgetLineSummary } from '../../../../shared/contract'
import { Options } from '../../ui'

/** How a budget line is named in every picker: period, category and token. */
export function budgetLineName(line: Pick<BudgetLineSummary, 'periodName' | 'category' | 'symbol'>): string {
  return `${line.periodName} · ${line.category} · ${line.symbol}`
}

/** The required "Budget line" picker of the program and stipend forms. */
export function BudgetLineSelect({
  lines,
  value,
  onChange,
}: {
  lines: BudgetLineSummary[]
  value: string
  onChange(v: string): void
}) {
  return (
    <label>
      Budget line
      <select value={value} onChange={(e) => onChange(e.target.value)} required>
        <option value="">Choose…</option>
        <Options options={lines.map((l) => ({ value: l.id, label: budgetLineName(l) }))} />
      </select>
    </label>
  )
}
