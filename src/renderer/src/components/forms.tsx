import { useId, useState, type ReactNode } from 'react'
import { useApp } from '../store'
import { errorMessage } from '../api/client'
import { ApiError, type ApiErrorCode } from '../../../shared/errors'
import type { BudgetLineSummary } from '../../../shared/contract'

/** Runs one async action at a time with its own busy flag and error; the error keeps the API's details. */
export function useAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ShownError | null>(null)
  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    setBusy(true)
    setError(null)
    try {
      return await work()
    } catch (e) {
      setError(errorInfo(e))
      return undefined
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, run, clear: () => setError(null) }
}

/** An error as the UI shows it: the API's own message, its code (for the next-step hint) and details. */
export interface ShownError {
  message: string
  code?: ApiErrorCode
  details?: unknown
}

/** Keeps what a thrown error says and, for an API error, its code and details. */
export function errorInfo(e: unknown): ShownError {
  return e instanceof ApiError ? { message: e.message, code: e.code, details: e.details } : { message: errorMessage(e) }
}

/** What to do next, per API error code: the message says what happened, the hint what the user can do about it. */
export const ERROR_HINTS: Record<ApiErrorCode, string> = {
  BAD_INPUT: 'Correct the field named above and try again; nothing was saved.',
  UNKNOWN_CALL: 'This app and its host are different versions: restart the app.',
  NOT_FOUND: 'It may have been removed or belong to another workspace: refresh the page and pick it again.',
  CONFLICT: 'Someone or something changed it first: refresh to see the current state, then try again.',
  LOCKED: 'Unlock a signer key on the Signers page, then try again.',
  UNAUTHORIZED: 'The session has ended: reopen the app from the link the host printed.',
  CHAIN_ERROR:
    'The chain did not answer as expected: check the network connection and the RPC URL, then retry. Nothing was sent.',
  NOT_CONFIGURED: 'Connect a chain and a Safe first (Dashboard), or start the sandbox.',
  INTERNAL: 'Retry once; if it happens again, note the time and report it with the audit trail export.',
}

/** An error that says what happened (the API's message, unchanged) and, below it, what to do next. */
export function ErrorNote({
  error,
  testId,
  className = 'error',
}: {
  error: ShownError | string | null | undefined
  testId?: string
  className?: string
}) {
  if (!error) return null
  const shown = typeof error === 'string' ? { message: error } : error
  const hint = shown.code ? ERROR_HINTS[shown.code] : undefined
  return (
    <div role="alert" className={className} data-testid={testId}>
      <p className="error-message">{shown.message}</p>
      {hint && <p className="error-hint">What to do: {hint}</p>}
    </div>
  )
}

/**
 * Shows that an action is under way: an indeterminate progress bar with a label, announced politely. Use for any
 * call that can take over a second (chain reads, simulations, execution, imports, exports, key unlock).
 */
export function Busy({ label, testId }: { label: string; testId?: string }) {
  const id = useId()
  return (
    <div className="busy" aria-live="polite" data-testid={testId}>
      <progress aria-labelledby={id} />
      <span id={id}>{label}</span>
    </div>
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
