import type { SafeOverview } from '../../../../../shared/contract'
import type { OwnerDraft } from './body'

interface OwnerChangeFieldsProps {
  owner: OwnerDraft
  overview: SafeOverview | null
  labels: Record<string, string>
  set(owner: OwnerDraft): void
}

/** An owner added, removed or replaced, or the threshold changed, against the Safe's owners now. */
export function OwnerChangeFields({ owner, overview, labels, set }: OwnerChangeFieldsProps) {
  return (
    <fieldset>
      <legend>Owners and threshold</legend>
      <p className="muted small">
        Now: {overview?.threshold} of {overview?.owners.length} owners.
      </p>
      <div className="row">
        <label>
          Change
          <select
            value={owner.change}
            onChange={(e) => set({ ...owner, change: e.target.value as OwnerDraft['change'] })}
          >
            <option value="add_owner">Add an owner</option>
            <option value="remove_owner">Remove an owner</option>
            <option value="swap_owner">Replace an owner</option>
            <option value="change_threshold">Change the threshold</option>
          </select>
        </label>
        {(owner.change === 'remove_owner' || owner.change === 'swap_owner') && (
          <label>
            Owner
            <select value={owner.owner} onChange={(e) => set({ ...owner, owner: e.target.value })}>
              <option value="">Choose…</option>
              {overview?.owners.map((o) => (
                <option key={o} value={o}>
                  {labels[o] ?? o}
                </option>
              ))}
            </select>
          </label>
        )}
        {(owner.change === 'add_owner' || owner.change === 'swap_owner') && (
          <label className="grow">
            New owner
            <input
              className="mono"
              value={owner.newOwner}
              onChange={(e) => set({ ...owner, newOwner: e.target.value })}
            />
          </label>
        )}
        {owner.change !== 'swap_owner' && (
          <label>
            New threshold
            <input
              value={owner.threshold}
              onChange={(e) => set({ ...owner, threshold: e.target.value })}
              inputMode="numeric"
            />
          </label>
        )}
      </div>
    </fieldset>
  )
}
