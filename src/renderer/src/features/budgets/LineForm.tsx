import { toBaseUnits } from '../../lib/amounts'
import { FormEnd, SelectField, TextField, useCallForm } from '../../ui'
import { useCreateLine } from './mutations'
import { CATEGORIES, useTokenChoices } from './tokens'

export function LineForm({ periodId }: { periodId: number }) {
  const tokens = useTokenChoices()
  const create = useCreateLine()
  const form = useCallForm('budgets.createLine', {
    defaultValues: { category: '', token: '', allocation: '' },
    toInput: (v) => {
      const choice = tokens.find((t) => t.token === v.token)
      if (!choice) throw new Error('Choose a token.')
      return {
        periodId,
        category: v.category,
        token: choice.token,
        allocation: toBaseUnits(v.allocation, choice.decimals, 'the allocation'),
      }
    },
  })
  const submit = form.handleSubmit(async (input) => {
    if (await create.run(input)) form.reset({ ...form.getValues(), category: '', allocation: '' })
  })
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-labelledby="new-line-h">
      <h2 id="new-line-h">New budget line</h2>
      <TextField form={form} name="category" label="Category" list="categories" required>
        <datalist id="categories">
          {CATEGORIES.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </TextField>
      <SelectField
        form={form}
        name="token"
        label="Token"
        required
        options={tokens.map((t) => ({ value: t.token, label: t.symbol }))}
      />
      <TextField form={form} name="allocation" label="Allocated" inputMode="decimal" required />
      <FormEnd form={form} busy={create.busy} error={create.error}>
        Add line
      </FormEnd>
    </form>
  )
}
