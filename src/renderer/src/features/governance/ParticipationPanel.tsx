import { useEffect } from 'react'
import { useApp } from '../../store'
import { humanAmount } from '../../lib/format'
import { StateChip, pct } from './format'

export function ParticipationPanel() {
  const report = useApp((s) => s.govParticipation)
  const load = useApp((s) => s.loadParticipation)
  const token = useApp((s) => s.govSettings?.token)
  useEffect(() => {
    void load()
  }, [load])
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
      {report.proposals.length === 0 && (
        <p className="empty">
          No proposal has reached its snapshot yet, so there is no turnout to show. Create a proposal on the Proposals
          tab; its turnout appears here once voting opens.
        </p>
      )}
      <table data-testid="turnout-table">
        <thead>
          <tr>
            <th scope="col">Proposal</th>
            <th scope="col">State</th>
            <th scope="col" className="num">
              Snapshot
            </th>
            <th scope="col" className="num">
              Voters
            </th>
            <th scope="col" className="num">
              Cast ({token.symbol})
            </th>
            <th scope="col">Turnout</th>
          </tr>
        </thead>
        <tbody>
          {report.proposals.map((p) => (
            <tr key={p.id}>
              <td>{p.title}</td>
              <td>
                <StateChip state={p.state} />
              </td>
              <td className="num mono">#{p.snapshotBlock}</td>
              <td className="num">{p.voters}</td>
              <td className="num mono">{humanAmount(p.cast, token.decimals, 0)}</td>
              <td>
                <progress
                  className="bar for"
                  max={10_000}
                  value={p.turnoutBps ?? 0}
                  aria-label={`Turnout ${pct(p.turnoutBps)}`}
                />{' '}
                {pct(p.turnoutBps)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Delegates ranking</h3>
      <table data-testid="delegates-table">
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col">Delegate</th>
            <th scope="col" className="num">
              Voting power
            </th>
            <th scope="col" className="num">
              Delegators
            </th>
            <th scope="col" className="num">
              Share
            </th>
          </tr>
        </thead>
        <tbody>
          {report.delegates.map((d, i) => (
            <tr key={d.delegate}>
              <td className="num">{i + 1}</td>
              <td className="mono">{d.delegate}</td>
              <td className="num mono">{humanAmount(d.votes, token.decimals, 0)}</td>
              <td className="num">{d.delegators}</td>
              <td className="num">{pct(d.shareBps)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
