import { humanAmount } from '../../lib/format'
import type { GovernanceProposalDetail } from '../../../../shared/contract'
import { clockPoint, clockSpan, duration, pct, shareBps, when } from './format'

export function Bar({
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

export function Tally({ p }: { p: GovernanceProposalDetail }) {
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
        <p className="muted small">
          Known once the snapshot ({clockPoint(p.snapshotBlock, p.clock.mode)}) is in the past.
        </p>
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

export function Timeline({ p }: { p: GovernanceProposalDetail }) {
  // The token's ERC-6372 clock: with a timestamp clock, these points and periods are times and seconds.
  const mode = p.clock.mode
  const t = p.timeline
  const r = p.rules
  return (
    <article className="card" aria-labelledby="timeline-h">
      <h3 id="timeline-h">Timeline</h3>
      <ol className="timeline" data-testid="timeline">
        <li>
          Created at <span className="mono">{clockPoint(t.createdBlock, mode)}</span>
        </li>
        <li>
          Snapshot (voting power) at <span className="mono">{clockPoint(t.snapshotBlock, mode)}</span>; voting opens
          after it <span className="muted small">(delay {clockSpan(r.votingDelayBlocks, mode)})</span>
        </li>
        <li>
          Voting ends at <span className="mono">{clockPoint(t.endBlock, mode)}</span>{' '}
          <span className="muted small">(period {clockSpan(r.votingPeriodBlocks, mode)})</span>
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
        {mode === 'timestamp'
          ? `Chain at ${when(p.clock.timestamp)}`
          : `Chain at block #${p.clock.block}, ${when(p.clock.timestamp)}`}
        {p.clock.stale ? ' (offline: last known)' : ''}
      </p>
    </article>
  )
}
