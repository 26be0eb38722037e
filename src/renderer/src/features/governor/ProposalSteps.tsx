import { useState } from 'react'
import { ErrorNote, TextInput } from '../../ui'
import { downloadText } from '../../lib/files'
import type { GovernorProposalView, GovernorView } from '../../../../shared/contract/governor'
import { useGovernorStep, useSignBallot, useVeto } from './mutations'
import { VoteControl } from './VoteControl'
import { BallotQr } from './BallotQr'

/** The steps open to this proposal now, each sent from the acting key. */
export function ProposalSteps({
  proposal: p,
  governor: g,
  actor,
}: {
  proposal: GovernorProposalView
  governor: GovernorView
  actor: string
}) {
  const ballot = useSignBallot()
  // 5.x only: a contract voter (ERC-1271, e.g. a smart account) that accepts what the acting key signs.
  const [onBehalfOf, setOnBehalfOf] = useState('')
  const queue = useGovernorStep('governor.queue')
  const execute = useGovernorStep('governor.execute')
  const cancel = useGovernorStep('governor.cancel')
  const veto = useVeto()
  const target = { governor: g.address, proposalId: p.proposalId }
  const busy = ballot.busy || queue.busy || execute.busy || cancel.busy || veto.busy
  const error = ballot.error ?? queue.error ?? execute.error ?? cancel.error ?? veto.error
  if (!actor) return null
  return (
    <div className="row-actions">
      {p.next === 'vote' && (
        <>
          <VoteControl governor={g.address} proposalId={p.proposalId} voter={actor} disabled={busy} />
          {g.settings?.ballotKind !== null && (
            <button
              disabled={busy}
              onClick={async () => {
                const contract = onBehalfOf.trim()
                const file = await ballot.run({
                  ...target,
                  voter: actor,
                  support: 'for',
                  ...(contract ? { onBehalfOf: contract } : {}),
                })
                if (file)
                  downloadText(`ballot-${p.proposalId.slice(0, 10)}-${actor.slice(2, 8)}.json`, JSON.stringify(file))
              }}
            >
              Sign a ballot file and QR (for)
            </button>
          )}
          {g.settings?.ballotKind === 'oz5' && (
            <TextInput
              label="Ballot for a contract voter (ERC-1271, optional)"
              value={onBehalfOf}
              onText={setOnBehalfOf}
              placeholder="0x…"
            />
          )}
        </>
      )}
      {p.next === 'vote' && ballot.data && (
        <>
          <p role="status" className="muted" data-testid="ballot-signed">
            {ballot.data.version === 2 && ballot.data.ballotKind === 'oz5'
              ? `OpenZeppelin 5.x ballot by ${ballot.data.voter}, nonce ${ballot.data.nonce}: it is void once that nonce is used.`
              : `OpenZeppelin 4.x ballot by ${ballot.data.voter}.`}
          </p>
          <BallotQr ballot={ballot.data} />
        </>
      )}
      {p.next === 'queue' && (
        <button disabled={busy} onClick={() => void queue.run({ ...target, sender: actor })}>
          Queue in the timelock
        </button>
      )}
      {p.next === 'execute' && (
        <button disabled={busy} onClick={() => void execute.run({ ...target, sender: actor })}>
          Execute
        </button>
      )}
      {p.state === 'Pending' && (
        <button disabled={busy} onClick={() => void cancel.run({ ...target, sender: actor })}>
          Cancel (proposer)
        </button>
      )}
      {p.state === 'Queued' && g.safe && (
        <button disabled={busy} onClick={() => void veto.run(target)}>
          Veto as the Safe (draft a Safe proposal)
        </button>
      )}
      {veto.data && (
        <a href={`#/proposals/${veto.data.proposalId}`} role="status">
          Safe proposal #{veto.data.proposalId} drafted: the signers sign it like any other.
        </a>
      )}
      <ErrorNote error={error} testId="governor-step-error" />
    </div>
  )
}
