import { useState, type FormEvent } from 'react'
import { toBaseUnits, todayIso } from '../../lib/amounts'
import { ErrorNote, TextInput } from '../../ui'
import { BudgetLineSelect, useBudgetLines } from '../budgets'
import { useCreateSchedule } from './mutations'

/** A monthly stipend: a fixed amount to one recipient on a day of each month, charged to a budget line. */
export function ScheduleForm() {
  const lines = useBudgetLines().data ?? []
  const [name, setName] = useState('')
  const [lineId, setLineId] = useState('')
  const [recipient, setRecipient] = useState('')
  const [amount, setAmount] = useState('')
  const [day, setDay] = useState('1')
  const [startsOn, setStartsOn] = useState(todayIso())
  const [endsOn, setEndsOn] = useState('')
  const action = useCreateSchedule()
  async function submit(e: FormEvent) {
    e.preventDefault()
    const line = lines.find((l) => String(l.id) === lineId)
    const done = await action.run(async () => {
      if (!line) throw new Error('Choose a budget line.')
      return {
        kind: 'monthly',
        name,
        budgetLineId: line.id,
        recipient,
        amount: toBaseUnits(amount, line.decimals),
        dayOfMonth: Number(day),
        startsOn,
        ...(endsOn ? { endsOn } : {}),
      } as const
    })
    if (done) setName('')
  }
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="new-schedule-h">
      <h2 id="new-schedule-h">New monthly stipend</h2>
      <TextInput label="Name" value={name} onText={setName} required />
      <BudgetLineSelect lines={lines} value={lineId} onChange={setLineId} />
      <label>
        Recipient
        <input className="mono" value={recipient} onChange={(e) => setRecipient(e.target.value.trim())} required />
      </label>
      <TextInput label="Amount each month" inputMode="decimal" value={amount} onText={setAmount} required />
      <TextInput label="Day of month (1–28)" type="number" min={1} max={28} value={day} onText={setDay} required />
      <TextInput label="Starts on" type="date" value={startsOn} onText={setStartsOn} required />
      <TextInput label="Ends on (optional)" type="date" value={endsOn} onText={setEndsOn} />
      <button type="submit" disabled={action.busy}>
        Create schedule
      </button>
      <ErrorNote error={action.error} />
    </form>
  )
}
