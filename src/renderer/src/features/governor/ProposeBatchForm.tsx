import { ErrorNote, SelectField, TextField, formMessage, useCallForm } from '../../ui'
import type { GovernorView } from '../../../../shared/contract/governor'
import { useDraftBatches } from './queries'
import { usePropose } from './mutations'

/**
 * A grant's draft disbursement batch as an on-chain proposal: the Safe pays each item through the module, and the
 * batch's milestones are marked paid when it executes.
 */
export function ProposeBatchForm({ governor: g, proposer }: { governor: GovernorView; proposer: string }) {
  const drafts = useDraftBatches(g.chainId, g.safe)
  const propose = usePropose()
  const form = useCallForm('governor.propose', {
    defaultValues: { batchId: '', description: '' },
    toInput: (v) => {
      const batch = drafts.find((b) => String(b.id) === v.batchId)
      if (!batch) throw new Error('Choose a draft disbursement batch of this Safe.')
      return {
        governor: g.address,
        proposer,
        description: v.description.trim() || `Pay disbursement batch #${batch.id}: ${batch.title}`,
        disbursementBatchId: batch.id,
      }
    },
  })
  const submit = form.handleSubmit(async (input) => {
    if (await propose.run(input)) form.reset()
  })
  const totals = (b: (typeof drafts)[number]) => b.totals.map((t) => t.symbol).join(', ')
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-label="New on-chain disbursement proposal">
      <h3>New on-chain proposal: pay a grant’s disbursement batch</h3>
      <SelectField
        form={form}
        name="batchId"
        label="Draft batch"
        placeholder={drafts.length ? 'Choose a batch…' : 'No draft batch of this Safe'}
        options={drafts.map((b) => ({
          value: b.id,
          label: `#${b.id} ${b.title} (${b.items} transfers in ${totals(b)})`,
        }))}
      />
      <TextField
        form={form}
        name="description"
        label="Description (empty: the batch's title)"
        maxLength={20_000}
        placeholder="Pay disbursement batch #…"
      />
      <ErrorNote error={formMessage(form.formState.errors) ?? propose.error} />
      {propose.data && (
        <p role="status" className="banner ok" data-testid="governor-batch-proposed">
          Proposed on chain: proposal {propose.data.proposalId.slice(0, 12)}… is {propose.data.state}; the batch is now
          carried by it.
        </p>
      )}
      <button type="submit" disabled={propose.busy}>
        Propose the batch on chain
      </button>
    </form>
  )
}
