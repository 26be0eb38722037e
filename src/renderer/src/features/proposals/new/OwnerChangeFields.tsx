import type { SafeOverview } from '../../../../../shared/contract'
import { Options, SelectField, TextField } from '../../../ui'
import type { ProposalForm } from './body'

interface OwnerChangeFieldsProps {
  form: ProposalForm
  overview: SafeOverview | null
  labels: Record<string, string>
}

const CHANGES = [
  { value: 'add_owner', label: 'Add an owner' },
  { value: 'remove_owner', label: 'Remove an owner' },
  { value: 'swap_owner', label: 'Replace an owner' },
  { value: 'change_threshold', label: 'Change the threshold' },
]

/** An owner added, removed or replaced, or the threshold changed, against the Safe's owners now. */
export function OwnerChangeFields({ form, overview, labels }: OwnerChangeFieldsProps) {
  const change = form.watch('owner.change')
  return (
    <fieldset>
      <legend>Owners and threshold</legend>
      <p className="muted small">
        Now: {overview?.threshold} of {overview?.owners.length} owners.
      </p>
      <div className="row">
        <label>
          Change
          <select {...form.register('owner.change')}>
            <Options options={CHANGES} />
          </select>
        </label>
        {(change === 'remove_owner' || change === 'swap_owner') && (
          <SelectField
            form={form}
            name="owner.owner"
            label="Owner"
            options={(overview?.owners ?? []).map((o) => ({ value: o, label: labels[o] ?? o }))}
          />
        )}
        {(change === 'add_owner' || change === 'swap_owner') && (
          <label className="grow">
            New owner
            <input className="mono" {...form.register('owner.newOwner')} />
          </label>
        )}
        {change !== 'swap_owner' && (
          <TextField form={form} name="owner.threshold" label="New threshold" inputMode="numeric" />
        )}
      </div>
    </fieldset>
  )
}
