import { FormEnd, TextField, useCallForm } from '../../ui'
import { useCreatePeriod } from './mutations'

export function PeriodForm({ onDone }: { onDone(id: number): void }) {
  const create = useCreatePeriod()
  const form = useCallForm('budgets.createPeriod', { defaultValues: { name: '', startsOn: '', endsOn: '' } })
  const submit = form.handleSubmit(async (input) => {
    const period = await create.run(input)
    if (period) {
      form.resetField('name')
      onDone(period.id)
    }
  })
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-labelledby="new-period-h">
      <h2 id="new-period-h">New period</h2>
      <TextField form={form} name="name" label="Name" placeholder="2026-Q3" required />
      <TextField form={form} name="startsOn" label="Starts on" type="date" required />
      <TextField form={form} name="endsOn" label="Ends on" type="date" required />
      <FormEnd form={form} busy={create.busy} error={create.error}>
        Create period
      </FormEnd>
    </form>
  )
}
