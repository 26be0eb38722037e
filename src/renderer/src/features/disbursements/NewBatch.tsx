import { useState, type FormEvent } from 'react'
import type { BatchPlan, CallInput } from '../../../../shared/contract'
import { humanAmount } from '../../lib/format'
import { Busy, ErrorNote, TextInput } from '../../ui'
import { budgetLineName, useBudgetLines } from '../budgets'
import { CouncilActControls } from '../council'
import { useCreateBatch, usePreviewBatch } from './mutations'
import { ItemsTable, PlanView, Problems } from './PlanTables'
import { useApprovedMilestones } from './queries'
import { useDisbursementsView } from './state'

type Source = CallInput<'disbursements.create'>['source']

/** A batch from approved milestones or a Safe CSV Airdrop file: checked first, created as a draft. */
export function NewBatch() {
  const openBatch = useDisbursementsView((s) => s.openBatch)
  const lines = useBudgetLines().data ?? []
  const milestones = useApprovedMilestones()
  const [mode, setMode] = useState<'milestones' | 'csv'>('milestones')
  const [picked, setPicked] = useState<number[]>([])
  const [csv, setCsv] = useState<{ name: string; text: string } | null>(null)
  const [lineIds, setLineIds] = useState<number[]>([])
  const [title, setTitle] = useState('')
  const [plan, setPlan] = useState<BatchPlan | null>(null)
  const [overrideReason, setOverrideReason] = useState('')
  const preview = usePreviewBatch()
  const creating = useCreateBatch()
  const busy = preview.busy || creating.busy
  const error = creating.error ?? preview.error

  const source = (): Source =>
    mode === 'milestones'
      ? { kind: 'milestones', milestoneIds: picked }
      : { kind: 'csv', csv: csv?.text ?? '', budgetLineIds: lineIds }
  const reset = () => {
    setPlan(null)
    preview.clear()
    creating.clear()
  }
  const check = async () => {
    creating.clear()
    setPlan((await preview.run({ source: source() })) ?? null)
  }
  async function create(e: FormEvent) {
    e.preventDefault()
    preview.clear()
    const batch = await creating.run({ title, source: source() })
    if (batch) created(batch.id)
  }
  const created = (batchId: number) => {
    setPlan(null)
    setPicked([])
    setCsv(null)
    setTitle('')
    setOverrideReason('')
    openBatch(batchId)
  }
  const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v])

  return (
    <form className="card form" onSubmit={create} aria-labelledby="new-batch-h">
      <h2 id="new-batch-h">New batch</h2>
      <fieldset className="row" onChange={reset}>
        <legend>Source</legend>
        <label className="inline">
          <input type="radio" name="source" checked={mode === 'milestones'} onChange={() => setMode('milestones')} />{' '}
          Approved milestones
        </label>
        <label className="inline">
          <input type="radio" name="source" checked={mode === 'csv'} onChange={() => setMode('csv')} /> Safe CSV Airdrop
          file
        </label>
      </fieldset>
      {mode === 'milestones' ? (
        <fieldset onChange={reset}>
          <legend>Milestones approved and not yet in a batch</legend>
          {milestones.length === 0 && (
            <p className="empty">
              None right now. Milestones appear here once a council member approves them on the Grants page; or switch
              the source to a Safe CSV Airdrop file.
            </p>
          )}
          {milestones.map((m) => (
            <label key={m.id} className="inline">
              <input type="checkbox" checked={picked.includes(m.id)} onChange={() => setPicked(toggle(picked, m.id))} />{' '}
              {m.grantTitle}: {m.title} · {humanAmount(m.amount, m.decimals)} {m.symbol}
            </label>
          ))}
        </fieldset>
      ) : (
        <>
          <label>
            CSV file (token_type,token_address,receiver,amount,id)
            <input
              type="file"
              accept=".csv,text/csv"
              onChange={async (e) => {
                reset()
                const file = e.target.files?.[0]
                setCsv(file ? { name: file.name, text: await file.text() } : null)
                if (file && !title) setTitle(file.name.replace(/\.csv$/i, ''))
              }}
            />
          </label>
          <fieldset onChange={reset}>
            <legend>Budget lines to charge (one per token)</legend>
            {lines.map((l) => (
              <label key={l.id} className="inline">
                <input
                  type="checkbox"
                  checked={lineIds.includes(l.id)}
                  onChange={() => setLineIds(toggle(lineIds, l.id))}
                />{' '}
                {budgetLineName(l)}
              </label>
            ))}
          </fieldset>
        </>
      )}
      <TextInput label="Batch title" value={title} onText={setTitle} required />
      <div className="row">
        <button type="button" onClick={() => void check()} disabled={busy}>
          Check batch
        </button>
        <button type="submit" className="primary" disabled={busy || !plan}>
          Create draft batch
        </button>
      </div>
      {busy && <Busy label="Checking the batch against the budget and the Safe's balances…" />}
      <ErrorNote error={error} testId="batch-error" />
      {error && <Problems details={error.details} />}
      {plan && (
        <>
          <ItemsTable plan={plan} />
          <PlanView plan={plan} />
          {plan.overBudget && (
            <fieldset className="override" data-testid="override">
              <legend>Over budget: refused unless the council signs an override</legend>
              <TextInput label="Override reason" value={overrideReason} onText={setOverrideReason} />
              <CouncilActControls
                kind="budget-override"
                idPrefix="override"
                actions={[
                  {
                    label: 'Sign the override',
                    content: () => ({ batch: { title, source: source() }, reason: overrideReason }),
                    primary: true,
                  },
                ]}
                onDone={(act) => created((act.result as { batchId: number }).batchId)}
              />
            </fieldset>
          )}
        </>
      )}
    </form>
  )
}
