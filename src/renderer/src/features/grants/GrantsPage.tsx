import { useEffect, useState, type FormEvent } from 'react'
import { useApp } from '../../store'
import { call } from '../../data/client'
import { humanAmount } from '../../lib/format'
import { toBaseUnits } from '../../lib/amounts'
import { BudgetLineSelect } from '../budgets'
import { CouncilSelect } from '../safes'
import { ErrorNote, StatusChip } from '../../ui'
import { useAction } from '../../data'
import { CATEGORIES } from '../budgets'
import type { GrantDetail, Milestone } from '../../../../shared/contract'

function ProgramForm({ onDone }: { onDone(): void }) {
  const lines = useApp((s) => s.allLines)
  const loadBudgets = useApp((s) => s.loadBudgets)
  const [name, setName] = useState('')
  const [category, setCategory] = useState('')
  const [lineId, setLineId] = useState('')
  const [description, setDescription] = useState('')
  const [criteria, setCriteria] = useState([{ label: '', weight: '1' }])
  const action = useAction()
  useEffect(() => {
    void loadBudgets()
  }, [loadBudgets])
  async function submit(e: FormEvent) {
    e.preventDefault()
    const done = await action.run(() =>
      call('grants.createProgram', {
        name,
        category,
        description,
        budgetLineId: Number(lineId),
        criteria: criteria.map((c) => ({ label: c.label, weight: Number(c.weight) })),
      }),
    )
    if (done) {
      setName('')
      setDescription('')
      setCriteria([{ label: '', weight: '1' }])
      onDone()
    }
  }
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="new-program-h">
      <h2 id="new-program-h">New grant program</h2>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <label>
        Category
        <input list="program-categories" value={category} onChange={(e) => setCategory(e.target.value)} required />
        <datalist id="program-categories">
          {CATEGORIES.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </label>
      <BudgetLineSelect lines={lines} value={lineId} onChange={setLineId} />
      <label>
        Description
        <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={2} />
      </label>
      <fieldset>
        <legend>Funding criteria (weights)</legend>
        {criteria.map((c, i) => (
          <div className="row" key={i}>
            <label>
              Criterion {i + 1}
              <input
                value={c.label}
                onChange={(e) => setCriteria(criteria.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))}
                required
              />
            </label>
            <label>
              Weight {i + 1}
              <input
                type="number"
                min={1}
                max={100}
                value={c.weight}
                onChange={(e) => setCriteria(criteria.map((x, j) => (j === i ? { ...x, weight: e.target.value } : x)))}
                required
              />
            </label>
            {criteria.length > 1 && (
              <button
                type="button"
                aria-label={`Remove criterion ${i + 1}`}
                onClick={() => setCriteria(criteria.filter((_, j) => j !== i))}
              >
                Remove
              </button>
            )}
          </div>
        ))}
        <button type="button" onClick={() => setCriteria([...criteria, { label: '', weight: '1' }])}>
          Add criterion
        </button>
      </fieldset>
      <button type="submit" className="primary" disabled={action.busy}>
        Create program
      </button>
      <ErrorNote error={action.error} />
    </form>
  )
}

interface MilestoneDraft {
  title: string
  amount: string
  dueOn: string
  deliverableUrl: string
}

function ApplicationForm({ onDone }: { onDone(grant: GrantDetail): void }) {
  const programs = useApp((s) => s.programs)
  const [programId, setProgramId] = useState('')
  const [title, setTitle] = useState('')
  const [applicant, setApplicant] = useState('')
  const [recipient, setRecipient] = useState('')
  const empty: MilestoneDraft = { title: '', amount: '', dueOn: '', deliverableUrl: '' }
  const [milestones, setMilestones] = useState<MilestoneDraft[]>([empty])
  const action = useAction()
  const program = programs.find((p) => String(p.id) === programId)
  const edit = (i: number, patch: Partial<MilestoneDraft>) =>
    setMilestones(milestones.map((m, j) => (j === i ? { ...m, ...patch } : m)))
  async function submit(e: FormEvent) {
    e.preventDefault()
    const grant = await action.run(async () => {
      if (!program) throw new Error('Choose a program.')
      return call('grants.apply', {
        programId: program.id,
        title,
        applicant,
        recipient,
        milestones: milestones.map((m, i) => ({
          title: m.title,
          amount: toBaseUnits(m.amount, program.decimals, `milestone ${i + 1}'s amount`),
          dueOn: m.dueOn,
          ...(m.deliverableUrl ? { deliverableUrl: m.deliverableUrl } : {}),
        })),
      })
    })
    if (grant) {
      setTitle('')
      setApplicant('')
      setRecipient('')
      setMilestones([empty])
      onDone(grant)
    }
  }
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="apply-h">
      <h2 id="apply-h">New application</h2>
      <label>
        Program
        <select value={programId} onChange={(e) => setProgramId(e.target.value)} required>
          <option value="">Choose…</option>
          {programs.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.symbol})
            </option>
          ))}
        </select>
      </label>
      <label>
        Title
        <input value={title} onChange={(e) => setTitle(e.target.value)} required />
      </label>
      <label>
        Applicant
        <input value={applicant} onChange={(e) => setApplicant(e.target.value)} required />
      </label>
      <label>
        Recipient address
        <input
          className="mono"
          value={recipient}
          onChange={(e) => setRecipient(e.target.value.trim())}
          placeholder="0x…"
          required
        />
      </label>
      <fieldset>
        <legend>Milestones{program ? ` (${program.symbol})` : ''}</legend>
        {milestones.map((m, i) => (
          <div className="row" key={i}>
            <label>
              Milestone {i + 1} title
              <input value={m.title} onChange={(e) => edit(i, { title: e.target.value })} required />
            </label>
            <label>
              Milestone {i + 1} amount
              <input
                inputMode="decimal"
                value={m.amount}
                onChange={(e) => edit(i, { amount: e.target.value })}
                required
              />
            </label>
            <label>
              Milestone {i + 1} due
              <input type="date" value={m.dueOn} onChange={(e) => edit(i, { dueOn: e.target.value })} required />
            </label>
            {milestones.length > 1 && (
              <button
                type="button"
                aria-label={`Remove milestone ${i + 1}`}
                onClick={() => setMilestones(milestones.filter((_, j) => j !== i))}
              >
                Remove
              </button>
            )}
          </div>
        ))}
        <button type="button" onClick={() => setMilestones([...milestones, empty])}>
          Add milestone
        </button>
      </fieldset>
      <button type="submit" className="primary" disabled={action.busy}>
        Submit application
      </button>
      <ErrorNote error={action.error} testId="apply-error" />
    </form>
  )
}

function EvaluationForm({ grant }: { grant: GrantDetail }) {
  const showGrant = useApp((s) => s.showGrant)
  const [evaluator, setEvaluator] = useState('')
  const [scores, setScores] = useState<Record<number, string>>({})
  const [comment, setComment] = useState('')
  const action = useAction()
  async function submit(e: FormEvent) {
    e.preventDefault()
    const done = await action.run(() =>
      call('grants.evaluate', {
        grantId: grant.id,
        evaluator,
        comment,
        scores: grant.criteria.map((c) => ({ criterionId: c.id, score: Number(scores[c.id] ?? '') })),
      }),
    )
    if (done) {
      setScores({})
      setComment('')
      await showGrant(done)
    }
  }
  return (
    <form className="form" onSubmit={submit} aria-labelledby="evaluate-h">
      <h3 id="evaluate-h">Evaluate</h3>
      <CouncilSelect id="evaluator" label="Evaluator" value={evaluator} onChange={setEvaluator} />
      {grant.criteria.map((c) => (
        <label key={c.id}>
          {c.label} (weight {c.weight}), score 0–10
          <input
            type="number"
            min={0}
            max={10}
            value={scores[c.id] ?? ''}
            onChange={(e) => setScores({ ...scores, [c.id]: e.target.value })}
            required
          />
        </label>
      ))}
      <label>
        Comment
        <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} />
      </label>
      <button type="submit" disabled={action.busy}>
        Record evaluation
      </button>
      <ErrorNote error={action.error} />
    </form>
  )
}

function DecisionForm({ grant }: { grant: GrantDetail }) {
  const showGrant = useApp((s) => s.showGrant)
  const [by, setBy] = useState('')
  const [reason, setReason] = useState('')
  const action = useAction()
  const decide = (decision: 'approve' | 'reject') =>
    action.run(async () =>
      showGrant(await call('grants.decide', { grantId: grant.id, decision, reason, decidedBy: by })),
    )
  return (
    <form className="form" onSubmit={(e) => e.preventDefault()} aria-labelledby="decide-h">
      <h3 id="decide-h">Decision</h3>
      <CouncilSelect id="decided-by" label="Decided by" value={by} onChange={setBy} />
      <label>
        Reason
        <input value={reason} onChange={(e) => setReason(e.target.value)} required />
      </label>
      <div className="row">
        <button type="button" className="primary" disabled={action.busy} onClick={() => void decide('approve')}>
          Approve grant
        </button>
        <button type="button" disabled={action.busy} onClick={() => void decide('reject')}>
          Reject grant
        </button>
      </div>
      <ErrorNote error={action.error} />
    </form>
  )
}

function MilestoneRow({ grant, m }: { grant: GrantDetail; m: Milestone }) {
  const showGrant = useApp((s) => s.showGrant)
  const [link, setLink] = useState(m.deliverableUrl ?? '')
  const [by, setBy] = useState('')
  const [reason, setReason] = useState('')
  const action = useAction()
  const act = (input: Parameters<typeof call<'grants.milestone'>>[1]) =>
    action.run(async () => showGrant(await call('grants.milestone', input)))
  const open = grant.status === 'approved' && (m.status === 'pending' || m.status === 'submitted')
  return (
    <tr data-testid={`milestone-${m.position}`}>
      <td>{m.position}</td>
      <td>{m.title}</td>
      <td className="num mono">{humanAmount(m.amount, grant.decimals)}</td>
      <td className="mono small">{m.dueOn}</td>
      <td>
        <StatusChip status={m.status} />
        {m.batchId !== null && m.status !== 'paid' && <span className="small muted"> in batch #{m.batchId}</span>}
        {m.statusNote && <div className="small muted">{m.statusNote}</div>}
      </td>
      <td>
        {m.deliverableUrl ? (
          <span className="mono small">{m.deliverableUrl}</span>
        ) : (
          <span className="muted small">none yet</span>
        )}
        {open && (
          <div className="stack">
            <label>
              Deliverable link for milestone {m.position}
              <input value={link} onChange={(e) => setLink(e.target.value.trim())} placeholder="https://…" />
            </label>
            <button
              type="button"
              disabled={action.busy}
              onClick={() => void act({ action: 'submit', milestoneId: m.id, deliverableUrl: link })}
            >
              Submit milestone {m.position}
            </button>
            {m.status === 'submitted' && (
              <>
                <CouncilSelect
                  id={`m-${m.id}-by`}
                  label={`Reviewer for milestone ${m.position}`}
                  value={by}
                  onChange={setBy}
                />
                <button
                  type="button"
                  className="primary"
                  disabled={action.busy}
                  onClick={() => void act({ action: 'approve', milestoneId: m.id, decidedBy: by })}
                >
                  Approve milestone {m.position}
                </button>
                <label>
                  Rejection reason for milestone {m.position}
                  <input value={reason} onChange={(e) => setReason(e.target.value)} />
                </label>
                <button
                  type="button"
                  disabled={action.busy}
                  onClick={() => void act({ action: 'reject', milestoneId: m.id, decidedBy: by, reason })}
                >
                  Reject milestone {m.position}
                </button>
              </>
            )}
          </div>
        )}
        <ErrorNote error={action.error} />
      </td>
    </tr>
  )
}

function OutcomeForm({ grant }: { grant: GrantDetail }) {
  const showGrant = useApp((s) => s.showGrant)
  const [notes, setNotes] = useState(grant.outcomeNotes)
  const action = useAction()
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault()
        void action.run(async () => showGrant(await call('grants.recordOutcome', { grantId: grant.id, notes })))
      }}
      aria-labelledby="outcome-h"
    >
      <h3 id="outcome-h">Success tracking</h3>
      <label>
        Outcome notes
        <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={3} />
      </label>
      <button type="submit" disabled={action.busy}>
        Save outcome
      </button>
      <ErrorNote error={action.error} />
    </form>
  )
}

function ScheduleMilestones({ grant }: { grant: GrantDetail }) {
  const action = useAction()
  const [done, setDone] = useState<string | null>(null)
  return (
    <div className="stack">
      <h3>Automated disbursement</h3>
      <p className="small muted">
        Drafts a batch for each approved milestone when its due date arrives; signers still review and sign it.
      </p>
      <button
        type="button"
        disabled={action.busy || done !== null}
        onClick={() =>
          void action.run(async () => {
            const s = await call('disbursements.createSchedule', {
              kind: 'milestones',
              name: `${grant.title} milestones`,
              grantId: grant.id,
            })
            setDone(`Scheduled: next due ${s.nextDueOn ?? 'none'}`)
          })
        }
      >
        Schedule milestone payouts
      </button>
      {done && <p role="status">{done}</p>}
      <ErrorNote error={action.error} />
    </div>
  )
}

function GrantView({ grant }: { grant: GrantDetail }) {
  return (
    <article className="card" aria-labelledby="grant-h" data-testid="grant-detail">
      <h2 id="grant-h">
        {grant.title} <StatusChip status={grant.status} />
      </h2>
      <p className="muted">
        {grant.programName} · {grant.applicant} · pays <span className="mono">{grant.recipient}</span> ·{' '}
        {humanAmount(grant.amount, grant.decimals)} {grant.symbol} ({humanAmount(grant.paid, grant.decimals)} paid)
        {grant.score !== null && <> · score {grant.score} / 10</>}
      </p>
      {grant.decidedBy && (
        <p data-testid="grant-decision">
          {grant.status} by <span className="mono">{grant.decidedBy}</span>: {grant.decisionReason}
        </p>
      )}
      <table data-testid="milestones">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Milestone</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
            <th scope="col">Deliverable</th>
          </tr>
        </thead>
        <tbody>
          {grant.milestones.map((m) => (
            <MilestoneRow key={`${m.id}-${m.status}`} grant={grant} m={m} />
          ))}
        </tbody>
      </table>
      {grant.evaluations.length > 0 && (
        <>
          <h3>Evaluations</h3>
          <table data-testid="evaluations">
            <thead>
              <tr>
                <th scope="col">Evaluator</th>
                {grant.criteria.map((c) => (
                  <th scope="col" key={c.id} className="num">
                    {c.label} (×{c.weight})
                  </th>
                ))}
                <th scope="col" className="num">
                  Weighted
                </th>
                <th scope="col">Comment</th>
              </tr>
            </thead>
            <tbody>
              {grant.evaluations.map((e) => (
                <tr key={e.id}>
                  <td className="mono small">{e.evaluator}</td>
                  {grant.criteria.map((c) => (
                    <td key={c.id} className="num">
                      {e.scores.find((s) => s.criterionId === c.id)?.score}
                    </td>
                  ))}
                  <td className="num">{e.weightedScore}</td>
                  <td>{e.comment}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <div className="grid">
        {grant.status === 'applied' && <EvaluationForm key={`eval-${grant.evaluations.length}`} grant={grant} />}
        {grant.status === 'applied' && <DecisionForm grant={grant} />}
        {grant.status === 'approved' && <OutcomeForm grant={grant} />}
        {grant.status === 'approved' && <ScheduleMilestones grant={grant} />}
      </div>
    </article>
  )
}

export function GrantsPage() {
  const { programs, grants, grant, grantsError, loadGrants, openGrant, showGrant } = useApp()
  const loadOverview = useApp((s) => s.loadOverview)
  const overview = useApp((s) => s.overview)
  useEffect(() => {
    void loadGrants()
    if (!overview) void loadOverview()
  }, [loadGrants, loadOverview, overview])
  return (
    <section>
      <header className="page-head">
        <div>
          <h1>Grants</h1>
          <p className="muted">
            Programs with weighted funding criteria; applications evaluated and decided by the council.
          </p>
        </div>
      </header>
      <ErrorNote error={grantsError ? { message: grantsError } : null} />
      <article className="card" aria-labelledby="programs-h">
        <h2 id="programs-h">Programs</h2>
        {programs.length === 0 ? (
          <p className="empty">
            No programs yet. A program draws on one budget line: create a budget period and line on the Budgets page
            first, then create the program with New grant program below.
          </p>
        ) : (
          <table data-testid="programs">
            <thead>
              <tr>
                <th scope="col">Program</th>
                <th scope="col">Category</th>
                <th scope="col">Budget line</th>
                <th scope="col">Criteria</th>
                <th scope="col" className="num">
                  Grants
                </th>
              </tr>
            </thead>
            <tbody>
              {programs.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.name}</th>
                  <td>{p.category}</td>
                  <td>{p.budgetLineLabel}</td>
                  <td className="small">{p.criteria.map((c) => `${c.label} ×${c.weight}`).join(', ')}</td>
                  <td className="num">{p.grants}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </article>
      <article className="card" aria-labelledby="grants-h">
        <h2 id="grants-h">Applications and grants</h2>
        {grants.length === 0 ? (
          <p className="empty">
            No applications yet. Submit one with New application below (a program, a recipient and its milestones);
            council members then evaluate and decide it here.
          </p>
        ) : (
          <table data-testid="grants">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Program</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col" className="num">
                  Paid
                </th>
                <th scope="col" className="num">
                  Milestones
                </th>
                <th scope="col" className="num">
                  Score
                </th>
              </tr>
            </thead>
            <tbody>
              {grants.map((g) => (
                <tr key={g.id} aria-selected={grant?.id === g.id}>
                  <th scope="row">
                    <button className="link" onClick={() => void openGrant(g.id)}>
                      {g.title}
                    </button>
                  </th>
                  <td>{g.programName}</td>
                  <td>
                    <StatusChip status={g.status} />
                  </td>
                  <td className="num mono">
                    {humanAmount(g.amount, g.decimals)} {g.symbol}
                  </td>
                  <td className="num mono">{humanAmount(g.paid, g.decimals)}</td>
                  <td className="num">
                    {g.milestonesPaid}/{g.milestoneCount} paid
                  </td>
                  <td className="num">{g.score ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </article>
      {grant && <GrantView key={grant.id} grant={grant} />}
      <div className="grid">
        <ProgramForm onDone={() => void loadGrants()} />
        {programs.length > 0 && <ApplicationForm onDone={(g) => void showGrant(g)} />}
      </div>
    </section>
  )
}
