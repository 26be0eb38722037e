import { TextInput } from '../../ui'
import { useState } from 'react'
import type { GrantDetail } from '../../../../shared/contract'
import { CouncilActControls } from '../council'

/** The council's part while a grant is applied for: score it per criterion, then approve or reject it, each signed. */
export function EvaluationForm({ grant }: { grant: GrantDetail }) {
  const [scores, setScores] = useState<Record<number, string>>({})
  const [comment, setComment] = useState('')
  const content = () => ({
    grantId: grant.id,
    comment,
    scores: grant.criteria.map((c) => ({ criterionId: c.id, score: Number(scores[c.id] ?? '') })),
  })
  return (
    <form className="form" onSubmit={(e) => e.preventDefault()} aria-labelledby="evaluate-h">
      <h3 id="evaluate-h">Evaluate</h3>
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
      <CouncilActControls
        kind="grant-evaluation"
        idPrefix="evaluate"
        actions={[{ label: 'Record evaluation', content, primary: true }]}
        onDone={() => {
          setScores({})
          setComment('')
        }}
      />
    </form>
  )
}

export function DecisionForm({ grant }: { grant: GrantDetail }) {
  const [reason, setReason] = useState('')
  const decide = (decision: 'approve' | 'reject') => () => ({ grantId: grant.id, decision, reason })
  return (
    <form className="form" onSubmit={(e) => e.preventDefault()} aria-labelledby="decide-h">
      <h3 id="decide-h">Decision</h3>
      <TextInput label="Reason" value={reason} onText={setReason} required />
      <CouncilActControls
        kind="grant-decision"
        idPrefix="decide"
        actions={[
          { label: 'Approve grant', content: decide('approve'), primary: true },
          { label: 'Reject grant', content: decide('reject') },
        ]}
      />
    </form>
  )
}
