import { useState, type FormEvent } from 'react'
import { ErrorNote, RemoveButton, TextInput } from '../../ui'
import { BudgetLineSelect, CATEGORIES, useBudgetLines } from '../budgets'
import { useCreateProgram } from './mutations'

/** A grant program: the budget line it draws on and its weighted funding criteria. */
export function ProgramForm() {
  const lines = useBudgetLines().data ?? []
  const [name, setName] = useState('')
  const [category, setCategory] = useState('')
  const [lineId, setLineId] = useState('')
  const [description, setDescription] = useState('')
  const [criteria, setCriteria] = useState([{ label: '', weight: '1' }])
  const action = useCreateProgram()
  async function submit(e: FormEvent) {
    e.preventDefault()
    const done = await action.run(() => ({
      name,
      category,
      description,
      budgetLineId: Number(lineId),
      criteria: criteria.map((c) => ({ label: c.label, weight: Number(c.weight) })),
    }))
    if (done) {
      setName('')
      setDescription('')
      setCriteria([{ label: '', weight: '1' }])
    }
  }
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="new-program-h">
      <h2 id="new-program-h">New grant program</h2>
      <TextInput label="Name" value={name} onText={setName} required />
      <label>
        Category
        <TextInput list="program-categories" value={category} onText={setCategory} required />
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
              <RemoveButton
                label={`Remove criterion ${i + 1}`}
                onRemove={() => setCriteria(criteria.filter((_, j) => j !== i))}
              />
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
