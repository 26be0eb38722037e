import { useEffect, useState, type FormEvent } from 'react'
import { useApp } from '../../store'
import { call } from '../../data/client'
import { humanAmount } from '../../lib/format'
import { downloadText, toBaseUnits } from '../../lib/amounts'
import { Busy, ErrorNote, StatusChip } from '../../ui'
import { CouncilSelect } from '../safes'
import { useAction } from '../../data'
import { CATEGORIES, useTokenChoices } from './tokens'
import { AllocationChart, BurnChart } from './BudgetCharts'

function PeriodForm({ onDone }: { onDone(id: number): void }) {
  const [name, setName] = useState('')
  const [startsOn, setStartsOn] = useState('')
  const [endsOn, setEndsOn] = useState('')
  const action = useAction()
  async function submit(e: FormEvent) {
    e.preventDefault()
    const period = await action.run(() => call('budgets.createPeriod', { name, startsOn, endsOn }))
    if (period) {
      setName('')
      onDone(period.id)
    }
  }
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="new-period-h">
      <h2 id="new-period-h">New period</h2>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="2026-Q3" required />
      </label>
      <label>
        Starts on
        <input type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} required />
      </label>
      <label>
        Ends on
        <input type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} required />
      </label>
      <button type="submit" disabled={action.busy}>
        Create period
      </button>
      <ErrorNote error={action.error} />
    </form>
  )
}

function LineForm({ periodId, onDone }: { periodId: number; onDone(): void }) {
  const tokens = useTokenChoices()
  const [category, setCategory] = useState('')
  const [token, setToken] = useState('')
  const [allocation, setAllocation] = useState('')
  const action = useAction()
  async function submit(e: FormEvent) {
    e.preventDefault()
    const choice = tokens.find((t) => t.token === token)
    const done = await action.run(async () => {
      if (!choice) throw new Error('Choose a token.')
      return call('budgets.createLine', {
        periodId,
        category,
        token: choice.token,
        allocation: toBaseUnits(allocation, choice.decimals, 'the allocation'),
      })
    })
    if (done) {
      setCategory('')
      setAllocation('')
      onDone()
    }
  }
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="new-line-h">
      <h2 id="new-line-h">New budget line</h2>
      <label>
        Category
        <input list="categories" value={category} onChange={(e) => setCategory(e.target.value)} required />
        <datalist id="categories">
          {CATEGORIES.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </label>
      <label>
        Token
        <select value={token} onChange={(e) => setToken(e.target.value)} required>
          <option value="">Choose…</option>
          {tokens.map((t) => (
            <option key={t.token} value={t.token}>
              {t.symbol}
            </option>
          ))}
        </select>
      </label>
      <label>
        Allocated
        <input inputMode="decimal" value={allocation} onChange={(e) => setAllocation(e.target.value)} required />
      </label>
      <button type="submit" disabled={action.busy}>
        Add line
      </button>
      <ErrorNote error={action.error} />
    </form>
  )
}

function ReallocateForm({ onDone }: { onDone(): void }) {
  const lines = useApp((s) => s.budget?.lines ?? [])
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState('')
  const [by, setBy] = useState('')
  const action = useAction()
  async function submit(e: FormEvent) {
    e.preventDefault()
    const source = lines.find((l) => String(l.id) === from)
    const done = await action.run(async () => {
      if (!source) throw new Error('Choose the line to move from.')
      return call('budgets.reallocate', {
        fromLineId: source.id,
        toLineId: Number(to),
        amount: toBaseUnits(amount, source.decimals),
        reason,
        decidedBy: by,
      })
    })
    if (done) {
      setAmount('')
      setReason('')
      onDone()
    }
  }
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="realloc-h">
      <h2 id="realloc-h">Reallocate</h2>
      <p className="muted small">
        A recorded council decision: it moves remaining allocation between lines of one token.
      </p>
      <label>
        From line
        <select value={from} onChange={(e) => setFrom(e.target.value)} required>
          <option value="">Choose…</option>
          {lines.map((l) => (
            <option key={l.id} value={l.id}>
              {l.category} · {l.symbol}
            </option>
          ))}
        </select>
      </label>
      <label>
        To line
        <select value={to} onChange={(e) => setTo(e.target.value)} required>
          <option value="">Choose…</option>
          {lines.map((l) => (
            <option key={l.id} value={l.id}>
              {l.category} · {l.symbol}
            </option>
          ))}
        </select>
      </label>
      <label>
        Amount
        <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />
      </label>
      <label>
        Reason
        <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} />
      </label>
      <CouncilSelect id="realloc-by" label="Decided by" value={by} onChange={setBy} />
      <button type="submit" disabled={action.busy}>
        Record reallocation
      </button>
      <ErrorNote error={action.error} />
    </form>
  )
}

export function BudgetsPage() {
  const { periods, periodId, budget, review, budgetsError, loadBudgets, selectPeriod } = useApp()
  const [drill, setDrill] = useState<number | null>(null)
  const exporting = useAction()
  useEffect(() => {
    void loadBudgets()
  }, [loadBudgets])

  const drilled = review?.lines.find((l) => l.id === drill) ?? null
  return (
    <section>
      <header className="page-head">
        <div>
          <h1>Budgets</h1>
          <p className="muted">
            Committed and spent come from disbursement batches and their chain-confirmed execution; nobody types them
            in.
          </p>
        </div>
        <div className="head-actions">
          <label className="inline">
            Period
            <select
              value={periodId ?? ''}
              onChange={(e) => void selectPeriod(Number(e.target.value))}
              aria-label="Budget period"
            >
              {periods.length === 0 && <option value="">No periods yet</option>}
              {periods.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.startsOn} – {p.endsOn})
                </option>
              ))}
            </select>
          </label>
          {periodId !== null && (
            <button
              onClick={() =>
                void exporting.run(async () => {
                  const { fileName, csv } = await call('budgets.exportCsv', { periodId })
                  downloadText(fileName, csv)
                })
              }
              disabled={exporting.busy}
            >
              Export CSV
            </button>
          )}
        </div>
      </header>
      <ErrorNote error={budgetsError ? { message: budgetsError } : exporting.error} />
      {exporting.busy && <Busy label="Writing the budget CSV…" />}
      {periods.length === 0 && (
        <p className="empty" data-testid="budgets-empty">
          No budget periods yet. Create the first period below (a name and its dates), then add a budget line per
          category and token to start tracking spending.
        </p>
      )}

      {budget && (
        <article className="card" aria-labelledby="lines-h">
          <h2 id="lines-h">Budget vs actual · {budget.period.name}</h2>
          {budget.lines.length === 0 ? (
            <p className="empty">
              No lines in this period yet. Add one with New budget line below: a category, a token and the amount
              allocated.
            </p>
          ) : (
            <table data-testid="budget-lines">
              <thead>
                <tr>
                  <th scope="col">Category</th>
                  <th scope="col">Token</th>
                  <th scope="col" className="num">
                    Allocated
                  </th>
                  <th scope="col" className="num">
                    Committed
                  </th>
                  <th scope="col" className="num">
                    Spent
                  </th>
                  <th scope="col" className="num">
                    Remaining
                  </th>
                  <th scope="col">Batches</th>
                </tr>
              </thead>
              <tbody>
                {budget.lines.map((l) => (
                  <tr key={l.id} data-testid={`line-${l.category}-${l.symbol}`}>
                    <th scope="row">{l.category}</th>
                    <td>{l.symbol}</td>
                    <td className="num mono" data-testid="allocated">
                      {humanAmount(l.allocated, l.decimals)}
                    </td>
                    <td className="num mono" data-testid="committed">
                      {humanAmount(l.committed, l.decimals)}
                    </td>
                    <td className="num mono" data-testid="spent">
                      {humanAmount(l.spent, l.decimals)}
                    </td>
                    <td className={BigInt(l.remaining) < 0n ? 'num mono error' : 'num mono'} data-testid="remaining">
                      {humanAmount(l.remaining, l.decimals)}
                    </td>
                    <td>
                      <button
                        className="link"
                        aria-expanded={drill === l.id}
                        onClick={() => setDrill(drill === l.id ? null : l.id)}
                      >
                        {drill === l.id ? 'Hide' : 'Show'} batches
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </article>
      )}

      {drilled && (
        <article className="card" aria-labelledby="drill-h" data-testid="line-batches">
          <h2 id="drill-h">
            Batches charged to {drilled.category} · {drilled.symbol}
          </h2>
          {drilled.batches.length === 0 ? (
            <p className="empty">
              No batch has been charged to this line yet. Disbursement batches (Disbursements page) and grant programs
              that draw on it will appear here.
            </p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Batch</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col">safeTxHash</th>
                  <th scope="col">Executed</th>
                  <th scope="col">Override</th>
                </tr>
              </thead>
              <tbody>
                {drilled.batches.map((b) => (
                  <tr key={b.batchId}>
                    <td>
                      <a href={`#/disbursements/${b.batchId}`}>
                        #{b.batchId} {b.title}
                      </a>
                    </td>
                    <td>
                      <StatusChip status={b.status} />
                    </td>
                    <td className="num mono">{humanAmount(b.amount, drilled.decimals)}</td>
                    <td className="mono small">{b.safeTxHash ? `${b.safeTxHash.slice(0, 14)}…` : '—'}</td>
                    <td className="mono small" title={b.executedTxHash ?? undefined}>
                      {b.executedAt ? b.executedAt.slice(0, 10) : '—'}
                    </td>
                    <td className="small">{b.overrideReason ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </article>
      )}

      {review && review.lines.length > 0 && (
        <div className="grid">
          <article className="card" aria-labelledby="alloc-h">
            <h2 id="alloc-h">Allocation</h2>
            <AllocationChart lines={review.lines} />
            <p className="small muted legend">
              <span className="swatch spent" /> spent <span className="swatch committed" /> committed{' '}
              <span className="swatch track" /> remaining
            </p>
          </article>
          <article className="card" aria-labelledby="burn-h">
            <h2 id="burn-h">Burn over time</h2>
            {review.lines.map((l) => (
              <BurnChart key={l.id} line={l} startsOn={review.period.startsOn} endsOn={review.period.endsOn} />
            ))}
          </article>
        </div>
      )}

      {budget && budget.reallocations.length > 0 && (
        <article className="card" aria-labelledby="reallocs-h">
          <h2 id="reallocs-h">Reallocations</h2>
          <table data-testid="reallocations">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col">Reason</th>
                <th scope="col">Decided by</th>
              </tr>
            </thead>
            <tbody>
              {budget.reallocations.map((r) => (
                <tr key={r.id}>
                  <td className="mono small">{r.decidedAt.slice(0, 10)}</td>
                  <td>{r.fromLabel}</td>
                  <td>{r.toLabel}</td>
                  <td className="num mono">{humanAmount(r.amount, r.decimals)}</td>
                  <td>{r.reason}</td>
                  <td className="mono small">{r.decidedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
      )}

      <div className="grid">
        <PeriodForm onDone={(id) => void loadBudgets(id)} />
        {periodId !== null && <LineForm periodId={periodId} onDone={() => void loadBudgets()} />}
        {budget && budget.lines.length > 1 && <ReallocateForm onDone={() => void loadBudgets()} />}
      </div>
    </section>
  )
}
