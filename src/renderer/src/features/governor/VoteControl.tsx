import { ErrorNote, TextField, formMessage, useCallForm } from '../../ui'
import type { GovernorSupport } from '../../../../shared/contract/governor'
import { useVote } from './mutations'

const SUPPORTS: readonly GovernorSupport[] = ['for', 'against', 'abstain']

/** The acting key's vote, with an optional reason the Governor records in its VoteCast event (castVoteWithReason). */
export function VoteControl({
  governor,
  proposalId,
  voter,
  disabled,
}: {
  governor: string
  proposalId: string
  voter: string
  disabled: boolean
}) {
  const vote = useVote()
  const form = useCallForm('governor.vote', {
    defaultValues: { support: 'for' as GovernorSupport, reason: '' },
    toInput: (v) => ({ governor, proposalId, voter, support: v.support, reason: v.reason.trim() }),
  })
  const cast = (support: GovernorSupport) => {
    form.setValue('support', support)
    void form.handleSubmit(async (input) => {
      if (await vote.run(input)) form.reset()
    })()
  }
  return (
    <>
      <TextField form={form} name="reason" label="Reason (optional, on chain)" maxLength={2_000} />
      {SUPPORTS.map((support) => (
        <button key={support} type="button" disabled={disabled || vote.busy} onClick={() => cast(support)}>
          Vote {support}
        </button>
      ))}
      <ErrorNote error={formMessage(form.formState.errors) ?? vote.error} testId="governor-vote-error" />
    </>
  )
}
