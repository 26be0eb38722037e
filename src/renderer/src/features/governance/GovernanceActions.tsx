import { refreshGovernance, useGovSettings, useSpendingDraft } from './queries'
import { useGovernanceUi } from './state'
import { humanAmount, shortAddress } from '../../lib/format'
import type { GovernanceProposalDetail } from '../../../../shared/contract'
import { SignedAction } from './SignedAction'
import { when } from './format'
import { governanceCancel, governanceDraftSafeProposal, governanceMarkImplemented, governanceQueue } from './mutations'

export function Spending({ p }: { p: GovernanceProposalDetail }) {
  const safe = p.safe!
  const draft = useSpendingDraft(p.id, safe.draft.ready)
  const run = useGovernanceUi((s) => s.run)
  const busy = useGovernanceUi((s) => s.busy)
  return (
    <article className="card" aria-labelledby="spending-h" data-testid="spending">
      <h3 id="spending-h">Treasury spending from {shortAddress(p.spending!.safe)}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">Recipient</th>
            <th scope="col" className="num">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {p.spending!.transfers.map((t, i) => (
            <tr key={i}>
              <td className="mono">{t.recipient}</td>
              <td className="num mono">
                {humanAmount(t.amount, t.decimals)} {t.symbol}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Safe proposal</h4>
      {safe.execution ? (
        <p className="banner ok" data-testid="safe-executed">
          Executed by the Safe in transaction <span className="mono">{safe.execution.txHash}</span> at{' '}
          {when(safe.execution.at)}.
        </p>
      ) : safe.link ? (
        <p data-testid="safe-link">
          Drafted: Safe transaction <span className="mono">{safe.link.safeTxHash}</span> (nonce {safe.link.nonce})
          {safe.link.safeProposalId ? `, Safe proposal #${safe.link.safeProposalId} in Proposals` : ''}. Awaiting
          signatures and execution in the Safe.
        </p>
      ) : safe.draft.ready && draft?.ready ? (
        <div data-testid="safe-draft">
          <p className="banner ok">
            Passed and past its timelock: ready to draft its Safe proposal (nonce {draft.safeTx?.nonce}).
          </p>
          <p className="small">
            Safe transaction hash <span className="mono">{draft.safeTxHash}</span>
          </p>
          <pre className="typed-data mono small" tabIndex={0} aria-label="Safe transaction to draft">
            {JSON.stringify(draft.safeTx, null, 2)}
          </pre>
          <button
            className="primary"
            disabled={busy}
            onClick={() =>
              void run(
                () => governanceDraftSafeProposal({ id: p.id }),
                undefined,
                'Safe proposal drafted: it is in the Proposals queue for signatures.',
              )
            }
          >
            Draft Safe proposal
          </button>
        </div>
      ) : (
        <p className="muted" data-testid="safe-not-ready">
          Not drafted: {safe.draft.reason}.
        </p>
      )}
    </article>
  )
}

export function Actions({ p }: { p: GovernanceProposalDetail }) {
  const settings = useGovSettings()
  const run = useGovernanceUi((s) => s.run)
  const busy = useGovernanceUi((s) => s.busy)
  const council = settings?.council ?? []
  const refresh = refreshGovernance
  const cancelers = [
    { address: p.proposer, label: 'Author' },
    ...council.filter((c) => c !== p.proposer).map((c) => ({ address: c, label: 'Council' })),
  ]
  return (
    <article className="card" aria-labelledby="actions-h">
      <h3 id="actions-h">Actions</h3>
      <div className="row">
        <button onClick={() => void refresh()} disabled={busy}>
          Refresh from the chain
        </button>
        {p.actions.queue && (
          <button
            className="primary"
            disabled={busy}
            onClick={() => void run(() => governanceQueue({ id: p.id }), refresh, 'Queued: the timelock is running.')}
          >
            Queue (start the timelock)
          </button>
        )}
      </div>
      {p.actions.cancel && (
        <details>
          <summary>Cancel this proposal (its author or the council, before voting ends)</summary>
          <SignedAction
            idPrefix="cancel"
            request={{ action: 'cancel', id: p.id }}
            candidates={cancelers}
            noteLabel="Why"
            submitLabel="Cancel the proposal"
            busy={busy}
            onSubmit={(by, note, signature) =>
              run(() => governanceCancel({ id: p.id, by, note, signature }), refresh, 'Proposal canceled.')
            }
          />
        </details>
      )}
      {p.actions.markImplemented && (
        <details>
          <summary>Record as implemented (council)</summary>
          <SignedAction
            idPrefix="implemented"
            request={{ action: 'implemented', id: p.id }}
            candidates={council.map((c) => ({ address: c, label: 'Council' }))}
            noteLabel="What was done"
            submitLabel="Record as implemented"
            busy={busy}
            onSubmit={(by, note, signature) =>
              run(
                () => governanceMarkImplemented({ id: p.id, by, note, signature }),
                refresh,
                'Recorded as implemented.',
              )
            }
          />
        </details>
      )}
    </article>
  )
}
