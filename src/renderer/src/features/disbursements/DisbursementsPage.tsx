import { useEffect, useState, type FormEvent } from 'react'
import { useApp } from '../../store'
import { call } from '../../data/client'
import { humanAmount, shortAddress } from '../../lib/format'
import { toBaseUnits, todayIso } from '../../lib/amounts'
import { Busy, ErrorNote, StatusChip } from '../../ui'
import { BudgetLineSelect, budgetLineName } from '../budgets'
import { CouncilSelect } from '../safes'
import { useAction } from '../../data'
import type { BatchDetail, BatchPlan, CallInput, Milestone } from '../../../../shared/contract'

type Source = CallInput<'disbursements.create'>['source']

function PlanView({ plan }: { plan: BatchPlan }) {
  return (
    <div className="stack" data-testid="batch-plan">
      <table data-testid="plan-tokens">
        <caption>
          Totals per token against the Safe’s balance
          {plan.balanceAsOf ? ` (as of ${plan.balanceAsOf.slice(0, 16).replace('T', ' ')})` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Token</th>
            <th scope="col" className="num">
              This batch
            </th>
            <th scope="col" className="num">
              Other proposals
            </th>
            <th scope="col" className="num">
              Safe balance
            </th>
            <th scope="col">Check</th>
          </tr>
        </thead>
        <tbody>
          {plan.tokens.map((t) => (
            <tr key={t.token} data-testid={`plan-token-${t.symbol}`}>
              <th scope="row">{t.symbol}</th>
              <td className="num mono">{humanAmount(t.total, t.decimals)}</td>
              <td className="num mono">{humanAmount(t.pendingOutflow, t.decimals)}</td>
              <td className="num mono">{t.balance === null ? 'unknown' : humanAmount(t.balance, t.decimals)}</td>
              <td className={t.exceedsBalance ? 'error' : 'ok'}>
                {t.exceedsBalance ? 'Safe balance too low' : 'covered'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table data-testid="plan-lines">
        <caption>Totals per budget line against what remains</caption>
        <thead>
          <tr>
            <th scope="col">Budget line</th>
            <th scope="col" className="num">
              This batch
            </th>
            <th scope="col" className="num">
              Remaining before
            </th>
            <th scope="col">Check</th>
          </tr>
        </thead>
        <tbody>
          {plan.lines.map((l) => (
            <tr key={l.budgetLineId}>
              <th scope="row">{l.label}</th>
              <td className="num mono">{humanAmount(l.total, l.decimals)}</td>
              <td className="num mono">{humanAmount(l.remaining, l.decimals)}</td>
              <td className={l.overBy !== '0' ? 'error' : 'ok'} data-testid="line-check">
                {l.overBy !== '0' ? `over budget by ${humanAmount(l.overBy, l.decimals)} ${l.symbol}` : 'within budget'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function ItemsTable({ plan }: { plan: BatchPlan }) {
  const shown = plan.items.slice(0, 50)
  return (
    <table data-testid="batch-items">
      <caption>
        {plan.items.length} payment{plan.items.length === 1 ? '' : 's'}
        {plan.items.length > shown.length ? ` (first ${shown.length} shown)` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Receiver</th>
          <th scope="col" className="num">
            Amount
          </th>
          <th scope="col">For</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((i) => (
          <tr key={i.position}>
            <td>{i.position}</td>
            <td className="mono small">{i.receiver}</td>
            <td className="num mono">
              {humanAmount(i.amount, i.decimals)} {i.symbol}
            </td>
            <td className="small">{i.label ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function Problems({ details }: { details: unknown }) {
  const problems = (details as { problems?: Array<{ row: number; reason: string }> } | undefined)?.problems
  if (!problems?.length) return null
  return (
    <table data-testid="csv-problems">
      <caption>Rows refused (nothing was stored)</caption>
      <thead>
        <tr>
          <th scope="col">Row</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {problems.map((p, i) => (
          <tr key={i}>
            <td className="num">{p.row || '—'}</td>
            <td>{p.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function useApprovedMilestones(): Array<Milestone & { grantTitle: string; symbol: string; decimals: number }> {
  const grants = useApp((s) => s.grants)
  const loadGrants = useApp((s) => s.loadGrants)
  const batches = useApp((s) => s.batches)
  const [list, setList] = useState<Array<Milestone & { grantTitle: string; symbol: string; decimals: number }>>([])
  useEffect(() => {
    void loadGrants()
  }, [loadGrants, batches])
  useEffect(() => {
    let live = true
    void Promise.all(
      grants.filter((g) => g.status === 'approved').map((g) => call('grants.get', { grantId: g.id })),
    ).then((details) => {
      if (!live) return
      setList(
        details.flatMap((g) =>
          g.milestones
            .filter((m) => m.status === 'approved' && m.batchId === null)
            .map((m) => ({ ...m, grantTitle: g.title, symbol: g.symbol, decimals: g.decimals })),
        ),
      )
    })
    return () => {
      live = false
    }
  }, [grants])
  return list
}

function NewBatch() {
  const showBatch = useApp((s) => s.showBatch)
  const lines = useApp((s) => s.allLines)
  const loadBudgets = useApp((s) => s.loadBudgets)
  const milestones = useApprovedMilestones()
  const [mode, setMode] = useState<'milestones' | 'csv'>('milestones')
  const [picked, setPicked] = useState<number[]>([])
  const [csv, setCsv] = useState<{ name: string; text: string } | null>(null)
  const [lineIds, setLineIds] = useState<number[]>([])
  const [title, setTitle] = useState('')
  const [plan, setPlan] = useState<BatchPlan | null>(null)
  const [overrideBy, setOverrideBy] = useState('')
  const [overrideReason, setOverrideReason] = useState('')
  const action = useAction()
  useEffect(() => {
    void loadBudgets()
  }, [loadBudgets])

  const source = (): Source =>
    mode === 'milestones'
      ? { kind: 'milestones', milestoneIds: picked }
      : { kind: 'csv', csv: csv?.text ?? '', budgetLineIds: lineIds }
  const reset = () => {
    setPlan(null)
    action.clear()
  }
  const check = () => action.run(async () => setPlan(await call('disbursements.preview', { source: source() })))
  async function create(e: FormEvent) {
    e.preventDefault()
    const override = plan?.overBudget && overrideBy ? { by: overrideBy, reason: overrideReason } : undefined
    const batch = await action.run(() => call('disbursements.create', { title, source: source(), override }))
    if (batch) {
      setPlan(null)
      setPicked([])
      setCsv(null)
      setTitle('')
      setOverrideBy('')
      setOverrideReason('')
      await showBatch(batch)
    }
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
      <label>
        Batch title
        <input value={title} onChange={(e) => setTitle(e.target.value)} required />
      </label>
      <div className="row">
        <button type="button" onClick={() => void check()} disabled={action.busy}>
          Check batch
        </button>
        <button type="submit" className="primary" disabled={action.busy || !plan}>
          {plan?.overBudget ? 'Create with override' : 'Create draft batch'}
        </button>
      </div>
      {action.busy && <Busy label="Checking the batch against the budget and the Safe's balances…" />}
      <ErrorNote error={action.error} testId="batch-error" />
      {action.error && <Problems details={action.error.details} />}
      {plan && (
        <>
          <ItemsTable plan={plan} />
          <PlanView plan={plan} />
          {plan.overBudget && (
            <fieldset className="override" data-testid="override">
              <legend>Over budget: refused unless a council member records an override</legend>
              <CouncilSelect
                id="override-by"
                label="Override by"
                value={overrideBy}
                onChange={setOverrideBy}
                required={false}
              />
              <label>
                Override reason
                <input value={overrideReason} onChange={(e) => setOverrideReason(e.target.value)} />
              </label>
            </fieldset>
          )}
        </>
      )}
    </form>
  )
}

function BatchView({ batch }: { batch: BatchDetail }) {
  const showBatch = useApp((s) => s.showBatch)
  const [txHash, setTxHash] = useState('')
  const [reason, setReason] = useState('')
  const action = useAction()
  return (
    <article className="card" aria-labelledby="batch-h" data-testid="batch-detail">
      <h2 id="batch-h">
        Batch #{batch.id}: {batch.title} <StatusChip status={batch.status} />
      </h2>
      <p className="muted small">
        From Safe <span className="mono">{batch.safeAddress}</span> · source {batch.source}
        {batch.scheduleDueOn && <> · scheduled for {batch.scheduleDueOn}</>}
      </p>
      {batch.override && (
        <p className="banner warn" data-testid="batch-override">
          Budget override by <span className="mono">{batch.override.by}</span>: {batch.override.reason}
        </p>
      )}
      {batch.safeTx && (
        <dl className="facts" data-testid="safe-tx">
          <dt>safeTxHash</dt>
          <dd className="mono" data-testid="safe-tx-hash">
            {batch.safeTxHash}
          </dd>
          {batch.proposal && (
            <>
              <dt>Safe proposal</dt>
              <dd data-testid="batch-proposal">
                #{batch.proposal.id} in Proposals ({batch.proposal.status.replace('_', ' ')}): sign and execute it there
              </dd>
            </>
          )}
          <dt>Calls</dt>
          <dd>
            MultiSendCallOnly <span className="mono">{batch.safeTx.to}</span> (delegatecall), {batch.items} transfers,{' '}
            {(batch.safeTx.data.length - 2) / 2} bytes
          </dd>
          <dt>Nonce</dt>
          <dd data-testid="safe-tx-nonce">{batch.nonce}</dd>
        </dl>
      )}
      {batch.execution && (
        <p className="banner ok" data-testid="batch-execution">
          Executed on chain in block {batch.execution.block} ({batch.execution.at.slice(0, 19).replace('T', ' ')} UTC),
          transaction <span className="mono">{batch.execution.txHash}</span>
        </p>
      )}
      <ItemsTable plan={batch.plan} />
      <PlanView plan={batch.plan} />
      <div className="row">
        {batch.status === 'draft' && (
          <button
            className="primary"
            disabled={action.busy}
            onClick={() =>
              void action.run(async () => showBatch(await call('disbursements.propose', { batchId: batch.id })))
            }
          >
            Propose for signing
          </button>
        )}
        {(batch.status === 'draft' || batch.status === 'proposed') && (
          <>
            <label className="inline">
              Cancel reason
              <input value={reason} onChange={(e) => setReason(e.target.value)} />
            </label>
            <button
              disabled={action.busy}
              onClick={() =>
                void action.run(async () =>
                  showBatch(await call('disbursements.cancel', { batchId: batch.id, reason })),
                )
              }
            >
              Cancel batch
            </button>
          </>
        )}
      </div>
      {batch.status === 'proposed' && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault()
            void action.run(async () => showBatch(await call('disbursements.confirmExecution', { txHash })))
          }}
        >
          <label>
            Execution transaction hash
            <input
              className="mono"
              value={txHash}
              onChange={(e) => setTxHash(e.target.value.trim())}
              placeholder="0x…"
            />
          </label>
          <button type="submit" disabled={action.busy}>
            Confirm execution from the chain
          </button>
        </form>
      )}
      {action.busy && <Busy label="Working with the chain…" />}
      <ErrorNote error={action.error} testId="batch-action-error" />
    </article>
  )
}

function ScheduleForm({ onDone }: { onDone(): void }) {
  const lines = useApp((s) => s.allLines)
  const [name, setName] = useState('')
  const [lineId, setLineId] = useState('')
  const [recipient, setRecipient] = useState('')
  const [amount, setAmount] = useState('')
  const [day, setDay] = useState('1')
  const [startsOn, setStartsOn] = useState(todayIso())
  const [endsOn, setEndsOn] = useState('')
  const action = useAction()
  async function submit(e: FormEvent) {
    e.preventDefault()
    const line = lines.find((l) => String(l.id) === lineId)
    const done = await action.run(async () => {
      if (!line) throw new Error('Choose a budget line.')
      return call('disbursements.createSchedule', {
        kind: 'monthly',
        name,
        budgetLineId: line.id,
        recipient,
        amount: toBaseUnits(amount, line.decimals),
        dayOfMonth: Number(day),
        startsOn,
        ...(endsOn ? { endsOn } : {}),
      })
    })
    if (done) {
      setName('')
      onDone()
    }
  }
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="new-schedule-h">
      <h2 id="new-schedule-h">New monthly stipend</h2>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <BudgetLineSelect lines={lines} value={lineId} onChange={setLineId} />
      <label>
        Recipient
        <input className="mono" value={recipient} onChange={(e) => setRecipient(e.target.value.trim())} required />
      </label>
      <label>
        Amount each month
        <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />
      </label>
      <label>
        Day of month (1–28)
        <input type="number" min={1} max={28} value={day} onChange={(e) => setDay(e.target.value)} required />
      </label>
      <label>
        Starts on
        <input type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} required />
      </label>
      <label>
        Ends on (optional)
        <input type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />
      </label>
      <button type="submit" disabled={action.busy}>
        Create schedule
      </button>
      <ErrorNote error={action.error} />
    </form>
  )
}

function Schedules() {
  const { schedules, loadBatches } = useApp()
  const [reasons, setReasons] = useState<Record<number, string>>({})
  const action = useAction()
  const [drafted, setDrafted] = useState<string | null>(null)
  const due = schedules.filter((s) => s.state === 'due' || s.state === 'missed')
  return (
    <article className="card" aria-labelledby="schedules-h">
      <h2 id="schedules-h">Schedules</h2>
      {due.length > 0 && (
        <p role="status" className="banner warn" data-testid="schedules-due">
          {due.length} schedule{due.length === 1 ? '' : 's'} due or missed: {due.map((s) => s.name).join(', ')}. Drafts
          are never signed or sent without the signers.
        </p>
      )}
      <button
        disabled={action.busy}
        onClick={() =>
          void action.run(async () => {
            const r = await call('disbursements.draftDue', {})
            setDrafted(
              `${r.drafted.length} batch(es) drafted, ${r.refused.length} refused${r.refused.length ? ': ' + r.refused.map((x) => x.reason).join('; ') : ''}`,
            )
            await loadBatches()
          })
        }
      >
        Draft due batches now
      </button>
      {drafted && <p role="status">{drafted}</p>}
      {action.busy && <Busy label="Drafting the due batches…" />}
      <ErrorNote error={action.error} />
      {schedules.length === 0 && (
        <p className="empty">
          No schedules yet. Create a monthly stipend with the form on this page, or schedule a grant&apos;s milestone
          payouts from its page under Grants.
        </p>
      )}
      {schedules.length > 0 && (
        <table data-testid="schedules">
          <thead>
            <tr>
              <th scope="col">Schedule</th>
              <th scope="col">State</th>
              <th scope="col">Next due</th>
              <th scope="col">Missed</th>
              <th scope="col">Pause / resume</th>
            </tr>
          </thead>
          <tbody>
            {schedules.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.name}
                  <div className="small muted">
                    {s.kind === 'monthly' && s.amount && s.decimals !== null
                      ? `${humanAmount(s.amount, s.decimals)} ${s.symbol} to ${shortAddress(s.recipient!)} on day ${s.dayOfMonth}`
                      : s.summary}
                  </div>
                </th>
                <td>
                  <StatusChip status={s.state} />
                </td>
                <td className="mono small">{s.nextDueOn ?? '—'}</td>
                <td className="mono small">{s.missed.join(', ') || '—'}</td>
                <td>
                  <label className="inline">
                    Reason for {s.name}
                    <input
                      value={reasons[s.id] ?? ''}
                      onChange={(e) => setReasons({ ...reasons, [s.id]: e.target.value })}
                    />
                  </label>
                  <button
                    disabled={action.busy}
                    aria-label={`${s.paused ? 'Resume' : 'Pause'} ${s.name}`}
                    onClick={() =>
                      void action.run(async () => {
                        await call('disbursements.pauseSchedule', {
                          scheduleId: s.id,
                          paused: !s.paused,
                          reason: reasons[s.id] ?? '',
                        })
                        await loadBatches()
                      })
                    }
                  >
                    {s.paused ? 'Resume' : 'Pause'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  )
}

export function DisbursementsPage() {
  const { batches, batch, batchesError, loadBatches, openBatch } = useApp()
  const overview = useApp((s) => s.overview)
  const loadOverview = useApp((s) => s.loadOverview)
  useEffect(() => {
    void loadBatches()
    if (!overview) void loadOverview()
    const linked = Number(window.location.hash.split('/')[2])
    if (Number.isInteger(linked) && linked > 0) void openBatch(linked)
  }, [loadBatches, loadOverview, openBatch, overview])
  return (
    <section>
      <header className="page-head">
        <div>
          <h1>Disbursements</h1>
          <p className="muted">
            Batches paid by one MultiSend Safe transaction, checked against budgets and the Safe’s balance before anyone
            signs.
          </p>
        </div>
      </header>
      <ErrorNote error={batchesError ? { message: batchesError } : null} />
      <article className="card" aria-labelledby="batches-h">
        <h2 id="batches-h">Batches</h2>
        {batches.length === 0 ? (
          <p className="empty">
            No batches yet. Make one with New batch: pick approved grant milestones or a Safe CSV Airdrop file, check it
            against the budget, then create the draft and propose it for signing.
          </p>
        ) : (
          <table data-testid="batches">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Payments
                </th>
                <th scope="col">Totals</th>
                <th scope="col">safeTxHash</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.id} aria-selected={batch?.id === b.id}>
                  <td>{b.id}</td>
                  <th scope="row">
                    <button className="link" onClick={() => void openBatch(b.id)}>
                      {b.title}
                    </button>
                    {b.override && <span className="chip warn">override</span>}
                  </th>
                  <td>
                    <StatusChip status={b.status} />
                  </td>
                  <td className="num">{b.items}</td>
                  <td className="mono small">
                    {b.totals.map((t) => `${humanAmount(t.total, t.decimals)} ${t.symbol}`).join(' · ')}
                  </td>
                  <td className="mono small">{b.safeTxHash ? `${b.safeTxHash.slice(0, 12)}…` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </article>
      {batch && <BatchView key={`${batch.id}-${batch.status}`} batch={batch} />}
      <NewBatch />
      <Schedules />
      <ScheduleForm onDone={() => void loadBatches()} />
    </section>
  )
}
