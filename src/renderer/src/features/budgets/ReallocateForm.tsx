import { TextInput } from '../../ui'
import { useState, type ReactNode } from 'react'
import type { BudgetLineSummary } from '../../../../shared/contract'
import { toBaseUnits } from '../../lib/amounts'
import { CouncilActControls } from '../council'

/** A council act (signed by members) that moves remaining allocation between two lines of one token. */
export function ReallocateForm({ lines }: { lines: BudgetLineSummary[] }) {
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState('')
  const content = () => {
    const source = lines.find((l) => String(l.id) === from)
    if (!source) throw new Error('Choose the line to move from.')
    return { fromLineId: source.id, toLineId: Number(to), amount: toBaseUnits(amount, source.decimals), reason }
  }
  const options = lines.map((l) => (
    <option key={l.id} value={l.id}>
      {l.category} · {l.symbol}
    </option>
  ))
  return (
    <form className="card form" onSubmit={(e) => e.preventDefault()} aria-labelledby="realloc-h">
      <h2 id="realloc-h">Reallocate</h2>
      <p className="muted small">
        A council act: members sign it; it moves remaining allocation between lines of one token.
      </p>
      <LineChoice label="From line" value={from} onChange={setFrom} options={options} />
      <LineChoice label="To line" value={to} onChange={setTo} options={options} />
      <TextInput label="Amount" value={amount} inputMode="decimal" onText={setAmount} required />
      <TextInput label="Reason" value={reason} onText={setReason} required minLength={3} />
      <CouncilActControls
        kind="budget-reallocation"
        idPrefix="realloc"
        actions={[{ label: 'Record reallocation', content, primary: true }]}
        onDone={() => {
          setAmount('')
          setReason('')
        }}
      />
    </form>
  )
}

function LineChoice(props: { label: string; value: string; onChange(value: string): void; options: ReactNode }) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)} required>
        <option value="">Choose…</option>
        {props.options}
      </select>
    </label>
  )
}
