import { useState } from 'react'
import type { BatchDetail } from '../../../../shared/contract'
import { Busy, ErrorNote, StatusChip, TextInput } from '../../ui'
import { useCancelBatch, useConfirmExecution, useProposeBatch } from './mutations'
import { ItemsTable, PlanView } from './PlanTables'

/** One batch: its Safe transaction, its plan, and the steps from draft to chain-confirmed execution. */
export function BatchView({ batch }: { batch: BatchDetail }) {
  const [txHash, setTxHash] = useState('')
  const [reason, setReason] = useState('')
  const propose = useProposeBatch()
  const cancel = useCancelBatch()
  const confirm = useConfirmExecution()
  const busy = propose.busy || cancel.busy || confirm.busy
  const error = propose.error ?? cancel.error ?? confirm.error
  // Carried by a live Governor proposal: the Governor executes it, and withdrawing it is the Governor's cancel (or
  // the Safe's veto), which releases the batch.
  const onGovernor = batch.status === 'proposed' && batch.governorProposal !== null
  return (
    <article className="card" aria-labelledby="batch-h" data-testid="batch-detail">
      <h2 id="batch-h">
        Batch #{batch.id}: {batch.title} <StatusChip status={batch.status} />
      </h2>
      <p className="muted small">
        From Safe <span className="mono">{batch.safeAddress}</span> · source {batch.source}
        {batch.scheduleDueOn && <> · scheduled for {batch.scheduleDueOn}</>}
      </p>
      {batch.override && (
        <p className="banner warn" data-testid="batch-override">
          Budget override by <span className="mono">{batch.override.by}</span>: {batch.override.reason}
        </p>
      )}
      {batch.safeTx && (
        <dl className="facts" data-testid="safe-tx">
          <dt>safeTxHash</dt>
          <dd className="mono" data-testid="safe-tx-hash">
            {batch.safeTxHash}
          </dd>
          {batch.proposal && (
            <>
              <dt>Safe proposal</dt>
              <dd data-testid="batch-proposal">
                #{batch.proposal.id} in Proposals ({batch.proposal.status.replace('_', ' ')}): sign and execute it there
              </dd>
            </>
          )}
          <dt>Calls</dt>
          <dd>
            MultiSendCallOnly <span className="mono">{batch.safeTx.to}</span> (delegatecall), {batch.items} transfers,{' '}
            {(batch.safeTx.data.length - 2) / 2} bytes
          </dd>
          <dt>Nonce</dt>
          <dd data-testid="safe-tx-nonce">{batch.nonce}</dd>
        </dl>
      )}
      {onGovernor && batch.governorProposal && (
        <p className="banner" data-testid="batch-governor-proposal">
          Executes through the on-chain Governor: proposal “{batch.governorProposal.title}” (
          <span className="mono">{batch.governorProposal.proposalId.slice(0, 12)}…</span>) pays it from the Safe once
          voted, queued and executed; its milestones are then marked paid. To withdraw the batch, cancel that proposal
          (its proposer, while pending) or veto it as the Safe. <a href="#/governance">Open it in Governance</a>
        </p>
      )}
      {batch.execution && (
        <p className="banner ok" data-testid="batch-execution">
          Executed on chain in block {batch.execution.block} ({batch.execution.at.slice(0, 19).replace('T', ' ')} UTC),
          transaction <span className="mono">{batch.execution.txHash}</span>
        </p>
      )}
      <ItemsTable plan={batch.plan} />
      <PlanView plan={batch.plan} />
      <div className="row">
        {batch.status === 'draft' && (
          <button className="primary" disabled={busy} onClick={() => void propose.run({ batchId: batch.id })}>
            Propose for signing
          </button>
        )}
        {(batch.status === 'draft' || (batch.status === 'proposed' && !onGovernor)) && (
          <>
            <label className="inline">
              Cancel reason
              <TextInput value={reason} onText={setReason} />
            </label>
            <button disabled={busy} onClick={() => void cancel.run({ batchId: batch.id, reason })}>
              Cancel batch
            </button>
          </>
        )}
      </div>
      {batch.status === 'proposed' && !onGovernor && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault()
            void confirm.run({ txHash })
          }}
        >
          <label>
            Execution transaction hash
            <input
              className="mono"
              value={txHash}
              onChange={(e) => setTxHash(e.target.value.trim())}
              placeholder="0x…"
            />
          </label>
          <button type="submit" disabled={busy}>
            Confirm execution from the chain
          </button>
        </form>
      )}
      {busy && <Busy label="Working with the chain…" />}
      <ErrorNote error={error} testId="batch-action-error" />
    </article>
  )
}
