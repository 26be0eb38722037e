import { useState, type ReactNode } from 'react'
import { useApp } from '../store'
import { errorMessage } from '../api/client'
import { ApiError } from '../../../shared/errors'
import type { BudgetLineSummary } from '../../../shared/contract'

/** Runs one async action at a time with its own busy flag and error; the error keeps the API's details. */
export function useAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ message: string; details?: unknown } | null>(null)
  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    setBusy(true)
    setError(null)
    try {
      return await work()
    } catch (e) {
      setError({ message: errorMessage(e), details: e instanceof ApiError ? e.details : undefined })
      return undefined
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, run, clear: () => setError(null) }
}

export function ErrorNote({ error, testId }: { error: { message: string } | null; testId?: string }) {
  if (!error) return null
  return (
    <p role="alert" className="error" data-testid={testId}>
      {error.message}
    </p>
  )
}

/** Council members are the Safe's owners as last read from the chain. */
export function CouncilSelect({
  id,
  label,
  value,
  onChange,
  required = true,
}: {
  id: string
  label: string
  value: string
  onChange(v: string): void
  required?: boolean
}) {
  const owners = useApp((s) => s.overview?.owners ?? [])
  return (
    <label htmlFor={id}>
      {label}
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} required={required}>
        <option value="">Choose a council member…</option>
        {owners.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  )
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label>
      {label}
      {children}
    </label>
  )
}

export function StatusChip({ status }: { status: string }) {
  return <span className={`chip status-${status}`}>{status}</span>
}

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
        {lines.map((l) => (
          <option key={l.id} value={l.id}>
            {budgetLineName(l)}
          </option>
        ))}
      </select>
    </label>
  )
}
