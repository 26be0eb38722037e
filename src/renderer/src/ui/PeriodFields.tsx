import { useState, type FormEvent } from 'react'

/** A period of whole UTC days as typed: either end may be empty (the start of the records, or today). */
export interface PeriodDays {
  from: string
  to: string
}

export const NO_PERIOD: PeriodDays = { from: '', to: '' }

/** The period as a call takes it: only the ends that were chosen. */
export function periodInput(period: PeriodDays): { from?: string; to?: string } {
  return { ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}) }
}

/** The two day fields of a period (From, To inclusive), each bounded by the other; for a form of its own or a larger one. */
export function PeriodFields({ period, onChange }: { period: PeriodDays; onChange(period: PeriodDays): void }) {
  const ends = [
    { end: 'from', label: 'From (UTC day)', min: undefined, max: period.to },
    { end: 'to', label: 'To (UTC day, inclusive)', min: period.from, max: undefined },
  ] as const
  return (
    <>
      {ends.map(({ end, label, min, max }) => (
        <label key={end}>
          {label}
          <input
            type="date"
            value={period[end]}
            min={min || undefined}
            max={max || undefined}
            onChange={(e) => onChange({ ...period, [end]: e.target.value })}
          />
        </label>
      ))}
    </>
  )
}

/** A period picker with its Show button: the period shown changes only when Show is pressed. */
export function PeriodPicker({
  onShow,
  busy = false,
}: {
  onShow(period: { from?: string; to?: string }): void
  busy?: boolean
}) {
  const [period, setPeriod] = useState(NO_PERIOD)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onShow(periodInput(period))
  }
  return (
    <form className="row period" onSubmit={submit} aria-label="Period">
      <PeriodFields period={period} onChange={setPeriod} />
      <button type="submit" disabled={busy}>
        {busy ? 'Reading…' : 'Show'}
      </button>
    </form>
  )
}
