import type { ProposalDetail } from '../../../../../shared/contract'
import { AddressLabel } from '../../addressbook'
import { ActionLine, Outflows } from '../common'

/** The decoded actions and the SafeTx fields a signer signs. */
export function WhatItDoesCard({ p }: { p: ProposalDetail }) {
  return (
    <article className="card" aria-labelledby="what-h">
      <h2 id="what-h">What it does</h2>
      <ol className="actions" data-testid="actions">
        {p.actions.map((a, i) => (
          <li key={i}>
            <ActionLine action={a} />
          </li>
        ))}
      </ol>
      <p className="muted small">
        From Safe <AddressLabel address={p.safe} /> · outflow <Outflows outflows={p.outflows} />
        {p.multiSend && (
          <>
            {' '}
            · batched through MultiSend <AddressLabel address={p.multiSend} />
          </>
        )}
      </p>
      {p.description && <p className="prewrap">{p.description}</p>}
      {p.governanceProposalId && (
        <p className="muted small">
          Carries out governance proposal <span className="mono">{p.governanceProposalId}</span> (see Governance).
        </p>
      )}
      {(p.budgetLineId || p.grantLink) && (
        <p className="muted small">
          {p.budgetLineId && <>Budget line {p.budgetLineId}. </>}
          {p.grantLink && <>Grant {p.grantLink}.</>}
        </p>
      )}
      <details>
        <summary>Safe transaction fields (what signers sign)</summary>
        <dl className="fields mono small">
          {Object.entries(p.safeTx).map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{String(v)}</dd>
            </div>
          ))}
          <div>
            <dt>safeTxHash</dt>
            <dd data-testid="safe-tx-hash">{p.safeTxHash}</dd>
          </div>
        </dl>
      </details>
    </article>
  )
}
