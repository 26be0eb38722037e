import { TextInput } from '../../ui'
import { useState, type FormEvent } from 'react'
import { refreshGovernance, useDisputes } from './queries'
import { useGovernanceUi } from './state'
import type { DisputeSubject, DisputeView } from '../../../../shared/contract'
import { CouncilActControls } from '../council'
import { governanceRaiseDispute } from './mutations'

const SUBJECTS: Array<{ value: DisputeSubject; label: string }> = [
  { value: 'governance_proposal', label: 'Governance proposal' },
  { value: 'disbursement', label: 'Disbursement (Safe proposal)' },
  { value: 'milestone', label: 'Grant milestone' },
]

const refreshAll = refreshGovernance

export function DisputeList({ disputes, resolvable = true }: { disputes: DisputeView[]; resolvable?: boolean }) {
  if (disputes.length === 0)
    return (
      <p className="muted small">
        No dispute. If a vote, its count or an execution looks wrong, raise a dispute with the form on the Disputes tab:
        the council resolves it on the record.
      </p>
    )
  return (
    <ul className="disputes" data-testid="dispute-list">
      {disputes.map((d) => (
        <li key={d.id} className="card inner">
          <p>
            <strong>#{d.id}</strong> <span className={`chip ${d.status === 'open' ? 'warn' : ''}`}>{d.status}</span>{' '}
            against {SUBJECTS.find((s) => s.value === d.subjectKind)?.label.toLowerCase()}{' '}
            <span className="mono small">{d.subjectRef}</span>
          </p>
          <p>
            {d.reason}{' '}
            <span className="muted small">
              — {d.raisedBy}, {d.raisedAt.slice(0, 16).replace('T', ' ')}
            </span>
          </p>
          {d.status !== 'open' && (
            <p className="small">
              Decision by <span className="mono">{d.resolvedBy}</span>: {d.decision}
            </p>
          )}
          {d.status === 'open' && resolvable && (
            <details>
              <summary>Resolve (council)</summary>
              <DisputeResolution dispute={d} />
            </details>
          )}
        </li>
      ))}
    </ul>
  )
}

/** The council's decision on a dispute: a signed council act (dispute-resolution), upheld or dismissed. */
function DisputeResolution({ dispute }: { dispute: DisputeView }) {
  const [decision, setDecision] = useState('')
  const content = (outcome: 'upheld' | 'dismissed') => () => ({ disputeId: dispute.id, outcome, decision })
  return (
    <div className="stack">
      <label htmlFor={`resolve-${dispute.id}-decision`}>Decision</label>
      <textarea
        id={`resolve-${dispute.id}-decision`}
        value={decision}
        onChange={(e) => setDecision(e.target.value)}
        rows={2}
      />
      <CouncilActControls
        kind="dispute-resolution"
        idPrefix={`resolve-${dispute.id}`}
        actions={[
          { label: 'Dismiss the dispute', content: content('dismissed') },
          { label: 'Uphold the dispute (stops what it names)', content: content('upheld') },
        ]}
        onDone={() => void refreshAll()}
      />
    </div>
  )
}

export function RaiseDispute({ subjectKind, subjectRef }: { subjectKind?: DisputeSubject; subjectRef?: string }) {
  const run = useGovernanceUi((s) => s.run)
  const busy = useGovernanceUi((s) => s.busy)
  const [kind, setKind] = useState<DisputeSubject>(subjectKind ?? 'disbursement')
  const [ref, setRef] = useState(subjectRef ?? '')
  const [by, setBy] = useState('')
  const [reason, setReason] = useState('')
  const fixed = subjectRef !== undefined
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const ok = await run(
      () => governanceRaiseDispute({ subjectKind: kind, subjectRef: ref, raisedBy: by, reason }),
      refreshAll,
      'Dispute raised: it blocks what it names until the council resolves it.',
    )
    if (ok) setReason('')
  }
  const p = fixed ? 'rd-fixed' : 'rd'
  return (
    <details>
      <summary>Raise a dispute</summary>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        {!fixed && (
          <>
            <label htmlFor={`${p}-kind`}>Against</label>
            <select id={`${p}-kind`} value={kind} onChange={(e) => setKind(e.target.value as DisputeSubject)}>
              {SUBJECTS.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
            <label htmlFor={`${p}-ref`}>Which one (proposal id, Safe transaction hash or milestone id)</label>
            <TextInput id={`${p}-ref`} className="mono" value={ref} onText={setRef} required />
          </>
        )}
        <label htmlFor={`${p}-by`}>Raised by (name or address)</label>
        <TextInput id={`${p}-by`} value={by} onText={setBy} required />
        <label htmlFor={`${p}-reason`}>Reason</label>
        <textarea id={`${p}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} rows={3} required />
        <div>
          <button type="submit" disabled={busy}>
            Raise the dispute
          </button>
        </div>
      </form>
    </details>
  )
}

export function DisputesPanel() {
  const disputes = useDisputes()
  const open = disputes.filter((d) => d.status === 'open')
  return (
    <section aria-labelledby="disputes-h">
      <h2 id="disputes-h">Disputes</h2>
      <p className="muted">
        Anyone may raise a dispute against a disbursement, a milestone or a governance proposal. While it is open, the
        app refuses to draft, sign or execute what it names; a council member resolves it with a signed decision.
      </p>
      <RaiseDispute />
      <h3>Open ({open.length})</h3>
      <DisputeList disputes={open} />
      <h3>Resolved</h3>
      <DisputeList disputes={disputes.filter((d) => d.status !== 'open')} resolvable={false} />
    </section>
  )
}
