import type { BudgetLineSummary } from '../../../../shared/contract'
import { toBaseUnits } from '../../lib/amounts'
import { ErrorNote, SelectField, TextField, formMessage, useCallForm } from '../../ui'
import { CouncilSelect } from '../safes'
import { useReallocate } from './mutations'

/** A recorded council decision that moves remaining allocation between two lines of one token. */
export function ReallocateForm({ lines }: { lines: BudgetLineSummary[] }) {
  const reallocate = useReallocate()
  const form = useCallForm('budgets.reallocate', {
    defaultValues: { from: '', to: '', amount: '', reason: '', decidedBy: '' },
    toInput: (v) => {
      const source = lines.find((l) => String(l.id) === v.from)
      if (!source) throw new Error('Choose the line to move from.')
      return {
        fromLineId: source.id,
        toLineId: Number(v.to),
        amount: toBaseUnits(v.amount, source.decimals),
        reason: v.reason,
        decidedBy: v.decidedBy,
      }
    },
  })
  const submit = form.handleSubmit(async (input) => {
    if (await reallocate.run(input)) form.reset({ ...form.getValues(), amount: '', reason: '' })
  })
  const options = lines.map((l) => ({ value: l.id, label: `${l.category} · ${l.symbol}` }))
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-labelledby="realloc-h">
      <h2 id="realloc-h">Reallocate</h2>
      <p className="muted small">
        A recorded council decision: it moves remaining allocation between lines of one token.
      </p>
      <SelectField form={form} name="from" label="From line" options={options} required />
      <SelectField form={form} name="to" label="To line" options={options} required />
      <TextField form={form} name="amount" label="Amount" inputMode="decimal" required />
      <TextField form={form} name="reason" label="Reason" required minLength={3} />
      <CouncilSelect
        id="realloc-by"
        label="Decided by"
        value={form.watch('decidedBy')}
        onChange={(v) => form.setValue('decidedBy', v)}
      />
      <button type="submit" disabled={reallocate.busy}>
        Record reallocation
      </button>
      <ErrorNote error={formMessage(form.formState.errors) ?? reallocate.error} />
    </form>
  )
}
