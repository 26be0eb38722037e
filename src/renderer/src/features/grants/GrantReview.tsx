import { useState, type FormEvent } from 'react'
import type { GrantDetail } from '../../../../shared/contract'
import { ErrorNote } from '../../ui'
import { CouncilSelect } from '../safes'
import { useDecideGrant, useEvaluateGrant } from './mutations'

/** The council's part while a grant is applied for: score it per criterion, then approve or reject it. */
export function EvaluationForm({ grant }: { grant: GrantDetail }) {
  const [evaluator, setEvaluator] = useState('')
  const [scores, setScores] = useState<Record<number, string>>({})
  const [comment, setComment] = useState('')
  const action = useEvaluateGrant()
  async function submit(e: FormEvent) {
    e.preventDefault()
    const done = await action.run(() => ({
      grantId: grant.id,
      evaluator,
      comment,
      scores: grant.criteria.map((c) => ({ criterionId: c.id, score: Number(scores[c.id] ?? '') })),
    }))
    if (done) {
      setScores({})
      setComment('')
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

export function DecisionForm({ grant }: { grant: GrantDetail }) {
  const [by, setBy] = useState('')
  const [reason, setReason] = useState('')
  const action = useDecideGrant()
  const decide = (decision: 'approve' | 'reject') => action.run({ grantId: grant.id, decision, reason, decidedBy: by })
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
