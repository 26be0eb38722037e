import { useGovSettings, useParticipation } from './queries'
import { humanAmount } from '../../lib/format'
import { pct } from './format'
import { DelegatesTable, TurnoutTable } from './ParticipationTables'

export function ParticipationPanel() {
  const report = useParticipation()
  const token = useGovSettings()?.token
  if (!report || !token) return <p className="muted">Loading participation…</p>
  const c = report.concentration
  return (
    <section aria-labelledby="participation-h">
      <h2 id="participation-h">Participation</h2>
      <div className="grid">
        <article className="card">
          <h3>Proposal success rate</h3>
          <p className="big" data-testid="success-rate">
            {pct(report.success.rateBps)}
          </p>
          <p className="muted small">
            {report.success.passed} passed of {report.success.decided} decided (canceled ones excluded)
          </p>
        </article>
        <article className="card">
          <h3>Delegation concentration</h3>
          <dl className="facts">
            <dt>Delegated voting power</dt>
            <dd className="mono">
              {humanAmount(c.totalDelegated, token.decimals, 0)} {token.symbol}
            </dd>
            <dt>Largest delegate</dt>
            <dd>{pct(c.top1Bps)}</dd>
            <dt>Top 5 delegates</dt>
            <dd>{pct(c.top5Bps)}</dd>
            <dt>Fewest delegates holding a majority</dt>
            <dd data-testid="nakamoto">{c.nakamoto ?? '—'}</dd>
          </dl>
          {report.delegatesError && <p className="error small">{report.delegatesError}</p>}
        </article>
      </div>
      <h3>Turnout over time</h3>
      <p className="muted small">Votes cast over the past total supply at each proposal's snapshot, oldest first.</p>
      <TurnoutTable report={report} token={token} />
      <h3>Delegates ranking</h3>
      <DelegatesTable report={report} token={token} />
    </section>
  )
}
