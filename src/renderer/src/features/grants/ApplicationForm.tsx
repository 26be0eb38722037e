import { useState, type FormEvent } from 'react'
import type { GrantDetail } from '../../../../shared/contract'
import { toBaseUnits } from '../../lib/amounts'
import { ErrorNote, RemoveButton, TextInput } from '../../ui'
import { useApplyForGrant } from './mutations'
import { useGrantPrograms } from './queries'

interface MilestoneDraft {
  title: string
  amount: string
  dueOn: string
  deliverableUrl: string
}

export function ApplicationForm({ onDone }: { onDone(grant: GrantDetail): void }) {
  const programs = useGrantPrograms().data ?? []
  const [programId, setProgramId] = useState('')
  const [title, setTitle] = useState('')
  const [applicant, setApplicant] = useState('')
  const [recipient, setRecipient] = useState('')
  const empty: MilestoneDraft = { title: '', amount: '', dueOn: '', deliverableUrl: '' }
  const [milestones, setMilestones] = useState<MilestoneDraft[]>([empty])
  const action = useApplyForGrant()
  const program = programs.find((p) => String(p.id) === programId)
  const edit = (i: number, patch: Partial<MilestoneDraft>) =>
    setMilestones(milestones.map((m, j) => (j === i ? { ...m, ...patch } : m)))
  async function submit(e: FormEvent) {
    e.preventDefault()
    const grant = await action.run(async () => {
      if (!program) throw new Error('Choose a program.')
      return {
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
      }
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
      <TextInput label="Title" value={title} onText={setTitle} required />
      <TextInput label="Applicant" value={applicant} onText={setApplicant} required />
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
              <TextInput value={m.title} onText={(title) => edit(i, { title })} required />
            </label>
            <label>
              Milestone {i + 1} amount
              <TextInput inputMode="decimal" value={m.amount} onText={(amount) => edit(i, { amount })} required />
            </label>
            <label>
              Milestone {i + 1} due
              <TextInput type="date" value={m.dueOn} onText={(dueOn) => edit(i, { dueOn })} required />
            </label>
            {milestones.length > 1 && (
              <RemoveButton
                label={`Remove milestone ${i + 1}`}
                onRemove={() => setMilestones(milestones.filter((_, j) => j !== i))}
              />
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
