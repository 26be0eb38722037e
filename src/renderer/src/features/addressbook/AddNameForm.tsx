import { ErrorNote, TextField, formMessage, useCallForm } from '../../ui'
import { useSetLabel } from './mutations'

/** A name for an address (checked by the contract's own schema: a checksummed address, a name of at most 80). */
export function AddNameForm() {
  const save = useSetLabel()
  const form = useCallForm('addressbook.set', {
    defaultValues: { address: '', label: '' },
    toInput: (v) => ({ address: v.address.trim(), label: v.label }),
  })
  const submit = form.handleSubmit(async (input) => {
    if (await save.run(input)) form.reset()
  })
  return (
    <>
      <form className="row card" aria-label="Add a name" onSubmit={(e) => void submit(e)}>
        <label className="grow">
          Address
          <input className="mono" {...form.register('address')} required placeholder="0x…" />
        </label>
        <TextField form={form} name="label" label="Name" required maxLength={80} />
        <button className="primary" type="submit" disabled={save.busy}>
          Save
        </button>
      </form>
      <ErrorNote error={formMessage(form.formState.errors) ?? save.error} testId="addressbook-form-error" />
    </>
  )
}
