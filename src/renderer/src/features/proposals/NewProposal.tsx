import { useFieldArray } from 'react-hook-form'
import { useNonceInfo } from './queries'
import { ErrorNote, TextField, formMessage, useCallForm } from '../../ui'
import { useAction } from '../../data'
import { go } from '../../lib/route'
import { proposalsCreate } from './mutations'
import { useNative } from '../tokens'
import { useSafeOverview, useSafes } from '../safes'
import { SafeSelect } from './SafeSelect'
import { useLabels } from '../addressbook'
import { createInput, emptyPart, emptyProposal } from './new/body'
import { PartFields } from './new/PartFields'
import { OwnerChangeFields } from './new/OwnerChangeFields'

const PROPOSAL_TYPES = [
  { value: 'transactions', label: 'Payments and calls' },
  { value: 'owner_change', label: 'Owners and threshold' },
] as const

export function NewProposal() {
  const nonceInfo = useNonceInfo()
  const overview = useSafeOverview().data ?? null
  const safes = useSafes()
  const labels = useLabels()
  const native = useNative()
  const create = useAction()
  const tokens = (overview?.balances ?? []).filter((b) => b.address !== null)
  const form = useCallForm('proposals.create', {
    defaultValues: emptyProposal(),
    toInput: (v) => createInput(v, v.safe || overview?.address || '', tokens, native),
  })
  const parts = useFieldArray({ control: form.control, name: 'parts' })
  const [safe, mode, draft] = form.watch(['safe', 'mode', 'draft'])
  const target = safe || overview?.address || ''
  const submit = form.handleSubmit((input) =>
    create.run(async () => {
      const created = await proposalsCreate(input)
      go(`proposals/${created.id}`)
    }),
  )

  return (
    <section>
      <p>
        <a href="#/proposals">← Queue</a>
      </p>
      <h1>New proposal</h1>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>Purpose</legend>
          <TextField form={form} name="title" label="Title" required maxLength={140} />
          <label>
            Description
            <textarea {...form.register('description')} rows={3} maxLength={5000} />
          </label>
          <div className="row">
            <TextField form={form} name="category" label="Category" maxLength={60} />
            <TextField form={form} name="budgetLineId" label="Budget line" maxLength={120} />
            <TextField form={form} name="grantLink" label="Grant link" maxLength={500} />
          </div>
        </fieldset>
        <fieldset>
          <legend>Safe and nonce</legend>
          <div className="row">
            <SafeSelect value={target} safes={safes} onChange={(s) => form.setValue('safe', s)} withAddress />
            <TextField
              form={form}
              name="nonce"
              label="Nonce"
              inputMode="numeric"
              placeholder={nonceInfo ? `${nonceInfo.suggested} (suggested)` : 'next'}
            />
            <label className="check">
              <input type="checkbox" {...form.register('draft')} /> Save as draft
            </label>
          </div>
          <p className="muted small">
            Leave the nonce empty to queue after the last open proposal. Reusing a nonce creates a conflict on purpose
            (a replacement): only one of the proposals on it can execute.
          </p>
        </fieldset>
        {/* Two toggle buttons (not tabs: there is one form below, not two panels); the pressed one is the type. */}
        <div role="group" aria-label="Proposal type" className="row">
          {PROPOSAL_TYPES.map((t) => (
            <button
              key={t.value}
              type="button"
              aria-pressed={mode === t.value}
              onClick={() => form.setValue('mode', t.value)}
            >
              {t.label}
            </button>
          ))}
        </div>
        {mode === 'transactions' ? (
          <>
            {parts.fields.map((field, i) => (
              <PartFields
                key={field.id}
                form={form}
                index={i}
                batched={parts.fields.length > 1}
                tokens={tokens}
                native={native}
                remove={() => parts.remove(i)}
              />
            ))}
            <button type="button" onClick={() => parts.append(emptyPart())}>
              Add a transaction
            </button>
          </>
        ) : (
          <OwnerChangeFields form={form} overview={overview} labels={labels} />
        )}
        <ErrorNote error={formMessage(form.formState.errors) ?? create.error} testId="form-error" />
        <div className="row">
          <button className="primary" type="submit" disabled={create.busy || !target}>
            {create.busy ? 'Saving…' : draft ? 'Save draft' : 'Propose'}
          </button>
        </div>
      </form>
    </section>
  )
}
