import { useGovDetail } from './queries'
import { DisputeList, RaiseDispute } from './DisputesPanel'
import { StateChip } from './format'
import { Tally, Timeline } from './GovernanceTally'
import { Spending, Actions } from './GovernanceActions'
import { VoteImport, Votes } from './GovernanceVotes'
import { HardwareVote } from './HardwareVote'
import { VoteLinesImport } from './VoteLinesImport'

export function GovernanceProposalView({ onBack }: { onBack(): void }) {
  const detail = useGovDetail()
  const p = detail.data
  const error = detail.error
  if (!p)
    return (
      <section>
        <button onClick={onBack}>← All proposals</button>
        <p className="muted">{error ? '' : 'Loading the proposal…'}</p>
      </section>
    )
  return (
    <section aria-labelledby="proposal-h" data-testid="proposal-detail">
      <button onClick={onBack}>← All proposals</button>
      <header className="page-head detail-head">
        <div>
          <h2 id="proposal-h">{p.title}</h2>
          <p className="muted small">
            {p.kindLabel} · by <span className="mono">{p.proposer}</span> ·{' '}
            <span className="mono" title="keccak256 of the proposal's canonical JSON">
              {p.id}
            </span>
          </p>
        </div>
        <StateChip state={p.state} />
      </header>
      {p.warnings.map((w) => (
        <p key={w} role="status" className="banner warn">
          {w}
        </p>
      ))}
      {p.body && <p className="body-text">{p.body}</p>}
      <div className="grid">
        <Tally p={p} />
        <Timeline p={p} />
      </div>
      {p.spending && <Spending p={p} />}
      <Actions p={p} />
      <VoteImport p={p} />
      <VoteLinesImport p={p} />
      <HardwareVote p={p} />
      <Votes p={p} />
      <article className="card" aria-labelledby="p-disputes-h">
        <h3 id="p-disputes-h">Disputes</h3>
        <DisputeList disputes={p.disputes} />
        <RaiseDispute subjectKind="governance_proposal" subjectRef={p.id} />
      </article>
    </section>
  )
}
