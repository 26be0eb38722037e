import { useState, type ChangeEvent } from 'react'
import { useApp } from '../../store'
import { humanAmount, shortAddress } from '../../lib/format'
import type { GovernanceProposalDetail } from '../../../../shared/contract'
import { SignedAction } from './SignedAction'
import { DisputeList, RaiseDispute } from './DisputesPanel'
import { StateChip, blocksAbout, duration, pct, shareBps, when } from './format'
import { governanceCancel, governanceDraftSafeProposal, governanceMarkImplemented, governanceQueue } from './mutations'

export function GovernanceProposalDetail({ onBack }: { onBack(): void }) {
  const p = useApp((s) => s.govDetail)
  const error = useApp((s) => s.govError)
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
      <Votes p={p} />
      <article className="card" aria-labelledby="p-disputes-h">
        <h3 id="p-disputes-h">Disputes</h3>
        <DisputeList disputes={p.disputes} />
        <RaiseDispute subjectKind="governance_proposal" subjectRef={p.id} />
      </article>
    </section>
  )
}

function Bar({
  label,
  value,
  total,
  decimals,
  symbol,
  tone,
}: {
  label: string
  value: string
  total: string
  decimals: number
  symbol: string
  tone: string
}) {
  const bps = shareBps(value, total)
  return (
    <div className="bar-row" data-testid={`bar-${label.toLowerCase()}`}>
      <span>{label}</span>
      <progress className={`bar ${tone}`} max={10_000} value={bps} aria-label={`${label}: ${pct(bps)} of votes cast`} />
      <span className="num mono">
        {humanAmount(value, decimals, 2)} {symbol}
      </span>
    </div>
  )
}

function Tally({ p }: { p: GovernanceProposalDetail }) {
  const cast = (BigInt(p.tally.for) + BigInt(p.tally.against) + BigInt(p.tally.abstain)).toString()
  const counted = (BigInt(p.tally.for) + BigInt(p.tally.abstain)).toString()
  const { decimals, symbol } = p.token
  const quorumBps = p.quorum ? Math.min(10_000, shareBps(counted, p.quorum)) : 0
  return (
    <article className="card" aria-labelledby="tally-h">
      <h3 id="tally-h">Votes</h3>
      <Bar label="For" value={p.tally.for} total={cast} decimals={decimals} symbol={symbol} tone="for" />
      <Bar label="Against" value={p.tally.against} total={cast} decimals={decimals} symbol={symbol} tone="against" />
      <Bar label="Abstain" value={p.tally.abstain} total={cast} decimals={decimals} symbol={symbol} tone="abstain" />
      <p className="muted small">
        {p.voters} voter{p.voters === 1 ? '' : 's'} · For {pct(p.forShareBps)} of For + Against (needs more than{' '}
        {pct(p.rules.passThresholdBps)}) · turnout {pct(p.turnoutBps)} of supply
      </p>
      <h4>Quorum</h4>
      {p.quorum === null ? (
        <p className="muted small">Known once the snapshot block #{p.snapshotBlock} is in the past.</p>
      ) : (
        <div data-testid="quorum">
          <progress
            className={`bar ${p.quorumReached ? 'for' : 'pending'}`}
            max={10_000}
            value={quorumBps}
            aria-label={`Quorum progress: ${pct(quorumBps)}`}
          />
          <p className="small">
            {humanAmount(counted, decimals, 2)} of {humanAmount(p.quorum, decimals, 2)} {symbol} (For + Abstain) ·{' '}
            <strong>{p.quorumReached ? 'quorum met' : 'quorum not met'}</strong> · {pct(p.rules.quorumBps)} of{' '}
            {humanAmount(p.totalSupply ?? '0', decimals, 0)} {symbol} supply at the snapshot
          </p>
        </div>
      )}
    </article>
  )
}

function Timeline({ p }: { p: GovernanceProposalDetail }) {
  const t = p.timeline
  const r = p.rules
  return (
    <article className="card" aria-labelledby="timeline-h">
      <h3 id="timeline-h">Timeline</h3>
      <ol className="timeline" data-testid="timeline">
        <li>
          Created at block <span className="mono">#{t.createdBlock}</span>
        </li>
        <li>
          Snapshot (voting power) at block <span className="mono">#{t.snapshotBlock}</span>; voting opens after it{' '}
          <span className="muted small">
            (delay {r.votingDelayBlocks} blocks, {blocksAbout(r.votingDelayBlocks)})
          </span>
        </li>
        <li>
          Voting ends with block <span className="mono">#{t.endBlock}</span>{' '}
          <span className="muted small">
            (period {r.votingPeriodBlocks} blocks, {blocksAbout(r.votingPeriodBlocks)})
          </span>
        </li>
        <li>
          Queued: {when(t.queuedAt)}; timelock {duration(r.timelockSeconds)} → ETA{' '}
          <span data-testid="eta">{when(t.eta)}</span>
        </li>
        <li>
          Expires: {when(t.expiresAt)} <span className="muted small">(grace {duration(r.gracePeriodSeconds)})</span>
        </li>
        {t.executedAt !== null && <li>Executed: {when(t.executedAt)}</li>}
        {p.implemented && (
          <li>
            Implemented: recorded by <span className="mono">{p.implemented.by}</span> — {p.implemented.note}
          </li>
        )}
        {p.canceled && (
          <li>
            Canceled by <span className="mono">{p.canceled.by}</span> — {p.canceled.note}
          </li>
        )}
      </ol>
      <p className="muted small">
        Chain at block #{p.clock.block}, {when(p.clock.timestamp)}
        {p.clock.stale ? ' (offline: last known)' : ''}
      </p>
    </article>
  )
}

function Spending({ p }: { p: GovernanceProposalDetail }) {
  const draft = useApp((s) => s.govDraft)
  const run = useApp((s) => s.govRun)
  const loadProposal = useApp((s) => s.loadProposal)
  const busy = useApp((s) => s.govBusy)
  const safe = p.safe!
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
                () => loadProposal(p.id),
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

function Actions({ p }: { p: GovernanceProposalDetail }) {
  const settings = useApp((s) => s.govSettings)
  const run = useApp((s) => s.govRun)
  const loadProposal = useApp((s) => s.loadProposal)
  const busy = useApp((s) => s.govBusy)
  const council = settings?.council ?? []
  const refresh = () => loadProposal(p.id)
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

function VoteImport({ p }: { p: GovernanceProposalDetail }) {
  const importVoteFiles = useApp((s) => s.importVoteFiles)
  const result = useApp((s) => s.govImport)
  const busy = useApp((s) => s.govBusy)
  const [skip, setSkip] = useState(false)
  const onFiles = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])]
    e.target.value = ''
    if (!files.length) return
    await importVoteFiles(await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() }))), skip)
  }
  const refused = result?.outcomes.filter((o) => o.status === 'refused') ?? []
  return (
    <article className="card" aria-labelledby="import-h">
      <h3 id="import-h">Import signed votes</h3>
      <p className="muted small">
        Vote files (EIP-712, signed offline in any wallet) or bundles. Each signature is checked, the voter recovered,
        and the weight read from the chain at snapshot block #{p.snapshotBlock}; the latest vote of a voter counts.
      </p>
      <div className="row">
        <label htmlFor="vote-files">Vote files</label>
        <input
          id="vote-files"
          type="file"
          accept=".json,application/json"
          multiple
          disabled={busy}
          onChange={(e) => void onFiles(e)}
        />
        <label className="inline">
          <input type="checkbox" checked={skip} onChange={(e) => setSkip(e.target.checked)} /> import the valid votes of
          a file even when some are refused
        </label>
      </div>
      {result && (
        <div data-testid="import-result">
          <p className="small">
            {result.accepted} accepted · {result.superseded} superseded · {result.duplicates} already known ·{' '}
            {result.refused} refused
          </p>
          {refused.length > 0 && (
            <ul className="small">
              {refused.slice(0, 20).map((o) => (
                <li key={`${o.index}-${o.voter}`}>
                  <span className="mono">{shortAddress(o.voter)}</span>: {o.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </article>
  )
}

function Votes({ p }: { p: GovernanceProposalDetail }) {
  if (p.votes.length === 0)
    return (
      <article className="card" aria-labelledby="votes-h">
        <h3 id="votes-h">Signed votes</h3>
        <p className="empty">
          No votes yet. Once voting is open, each holder signs a vote (here with an unlocked key, or in any wallet) and
          the vote files are imported above; the tally updates as they arrive.
        </p>
      </article>
    )
  return (
    <article className="card" aria-labelledby="votes-h">
      <h3 id="votes-h">Votes ({p.voters} voters)</h3>
      <table data-testid="vote-table">
        <thead>
          <tr>
            <th scope="col">Voter</th>
            <th scope="col">Choice</th>
            <th scope="col" className="num">
              Weight
            </th>
            <th scope="col">Signed</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {p.votes.map((v) => (
            <tr key={`${v.voter}-${v.timestamp}`} className={v.counted ? '' : 'superseded'}>
              <td className="mono">{v.voter}</td>
              <td>
                {v.support}
                {!v.counted && <span className="muted small"> (superseded)</span>}
              </td>
              <td className="num mono">
                {humanAmount(v.weight, p.token.decimals, 2)} {p.token.symbol}
              </td>
              <td className="mono small">{when(v.timestamp)}</td>
              <td>{v.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.votesOmitted > 0 && (
        <p className="muted small">
          and {p.votesOmitted} lighter or superseded votes (the CLI&apos;s export-votes writes them all)
        </p>
      )}
    </article>
  )
}
