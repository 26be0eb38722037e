import { TextInput, draftFields } from '../../ui'
import { useState } from 'react'
import type { ProposalDetail } from '../../../../shared/contract'

export type Editable = {
  title: string
  description: string
  category: string | null
  budgetLineId: string | null
  grantLink: string | null
}

/** The descriptive fields only: what the Safe transaction does (and its hash) cannot change. */
export function EditDetails({ detail, onDone }: { detail: ProposalDetail; onDone(fields: Editable | null): void }) {
  const [f, setF] = useState({
    title: detail.title,
    description: detail.description,
    category: detail.category ?? '',
    budgetLineId: detail.budgetLineId ?? '',
    grantLink: detail.grantLink ?? '',
  })
  const field = draftFields(f, setF)
  return (
    <form
      className="card form"
      aria-label="Edit details"
      onSubmit={(e) => {
        e.preventDefault()
        onDone({
          title: f.title,
          description: f.description,
          category: f.category || null,
          budgetLineId: f.budgetLineId || null,
          grantLink: f.grantLink || null,
        })
      }}
    >
      <TextInput label="Title" {...field('title')} required maxLength={140} />
      <label>
        Description
        <textarea value={f.description} onChange={(e) => setF({ ...f, description: e.target.value })} rows={3} />
      </label>
      <div className="row">
        <TextInput label="Category" {...field('category')} maxLength={60} />
        <TextInput label="Budget line" {...field('budgetLineId')} maxLength={120} />
        <TextInput label="Grant link" {...field('grantLink')} maxLength={500} />
      </div>
      <div className="row">
        <button className="primary" type="submit">
          Save details
        </button>
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  )
}
