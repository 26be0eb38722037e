import { useState } from 'react'
import type { CallInput, GrantDetail, Milestone } from '../../../../shared/contract'
import { ErrorNote, TextInput } from '../../ui'
import { CouncilActControls } from '../council'
import { useMilestoneAction, useRecordOutcome, useScheduleMilestonePayouts } from './mutations'

/** A milestone's deliverable and, while the grant is open, the steps that move it on. */
export function MilestoneSteps({ grant, m }: { grant: GrantDetail; m: Milestone }) {
  const [link, setLink] = useState(m.deliverableUrl ?? '')
  const [reason, setReason] = useState('')
  const action = useMilestoneAction()
  const act = (input: CallInput<'grants.milestone'>) => action.run(input)
  const open = grant.status === 'approved' && (m.status === 'pending' || m.status === 'submitted')
  return (
    <>
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
              <label>
                Rejection reason for milestone {m.position}
                <TextInput value={reason} onText={setReason} />
              </label>
              <CouncilActControls
                kind="milestone-decision"
                idPrefix={`m-${m.id}`}
                actions={[
                  {
                    label: `Approve milestone ${m.position}`,
                    content: () => ({ milestoneId: m.id, decision: 'approve' }),
                    primary: true,
                  },
                  {
                    label: `Reject milestone ${m.position}`,
                    content: () => ({ milestoneId: m.id, decision: 'reject', note: reason }),
                  },
                ]}
              />
            </>
          )}
        </div>
      )}
      <ErrorNote error={action.error} />
    </>
  )
}

export function OutcomeForm({ grant }: { grant: GrantDetail }) {
  const [notes, setNotes] = useState(grant.outcomeNotes)
  const action = useRecordOutcome()
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault()
        void action.run({ grantId: grant.id, notes })
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

export function ScheduleMilestones({ grant }: { grant: GrantDetail }) {
  const action = useScheduleMilestonePayouts()
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
          void action
            .run({ kind: 'milestones', name: `${grant.title} milestones`, grantId: grant.id })
            .then((s) => s && setDone(`Scheduled: next due ${s.nextDueOn ?? 'none'}`))
        }
      >
        Schedule milestone payouts
      </button>
      {done && <p role="status">{done}</p>}
      <ErrorNote error={action.error} />
    </div>
  )
}
