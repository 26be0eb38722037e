import { humanAmount } from '../../lib/format'
import { go } from '../../lib/route'
import { BudgetLinesTable } from '../../features/budgets'
import { useGrantsView } from '../../features/grants'
import { Empty, GoButton, HomeCard, HomeItem, LoadError, useLoad } from './common'
import { VoteItem } from './VoteItem'
import { loadCouncil } from './councilData'

export function CouncilHome() {
  const state = useLoad(loadCouncil)
  const { data, error, reload } = state
  const openGrant = useGrantsView((s) => s.openGrant)
  return (
    <div className="home-grid">
      {error && (
        <div className="home-wide">
          <LoadError what="The council's overview" error={error} onRetry={() => void reload()} />
        </div>
      )}
      <HomeCard
        id="open-votes"
        title="Votes open"
        load={{ state, what: 'open votes', reload: true, count: (d) => d.votes.length }}
      >
        {data && data.votes.length === 0 && (
          <Empty action={{ label: 'See all token votes', to: 'governance' }}>
            No vote is open. A proposal opens for votes once its voting delay has passed; drafts and pending ones are on
            the governance page.
          </Empty>
        )}
        {data && data.votes.map((v) => <VoteItem key={v.id} vote={v} keys={data.keys} onVoted={() => void reload()} />)}
      </HomeCard>

      <HomeCard
        id="grants-to-evaluate"
        title="Grant applications to evaluate"
        load={{ state, what: 'grant applications', count: (d) => d.toEvaluate.length }}
      >
        {data && data.toEvaluate.length === 0 && (
          <Empty action={{ label: 'Open grant programs', to: 'grants' }}>
            No application waits for a decision. Applications appear here when someone applies to a grant program.
          </Empty>
        )}
        {data && data.toEvaluate.length > 0 && (
          <ul className="home-list" data-testid="grants-list">
            {data.toEvaluate.map((g) => (
              <HomeItem
                key={g.id}
                title={g.title}
                note={g.programName}
                action={
                  <button
                    type="button"
                    className="primary"
                    onClick={() => {
                      openGrant(g.id)
                      go('grants')
                    }}
                  >
                    Evaluate “{g.title}”
                  </button>
                }
              >
                <p className="small">
                  {humanAmount(g.amount, g.decimals)} {g.symbol} in {g.milestoneCount} milestone
                  {g.milestoneCount === 1 ? '' : 's'} · {g.score === null ? 'not evaluated yet' : `score ${g.score}`}
                </p>
              </HomeItem>
            ))}
          </ul>
        )}
      </HomeCard>

      <HomeCard
        id="budget-now"
        title={data?.budget ? `Budget: ${data.budget.period.name}` : 'Budget'}
        load={{ state, what: 'the budget' }}
      >
        {data && !data.budget && (
          <Empty action={{ label: 'Set up a budget period', to: 'budgets' }}>
            No budget period yet. Create one with its lines (category × token) to see committed and spent here.
          </Empty>
        )}
        {data?.budget && data.budget.lines.length === 0 && (
          <Empty action={{ label: 'Add budget lines', to: 'budgets' }}>This period has no lines yet.</Empty>
        )}
        {data?.budget && data.budget.lines.length > 0 && (
          <BudgetLinesTable
            compact
            testId="budget-table"
            lines={data.budget.lines}
            caption={`${data.budget.period.name} (${data.budget.period.startsOn} to ${data.budget.period.endsOn}): allocated, committed and spent per line`}
          />
        )}
        {data?.budget && (
          <p className="small muted">
            {data.budget.period.startsOn} to {data.budget.period.endsOn} ·{' '}
            <GoButton to="budgets">Budget details and reallocations</GoButton>
          </p>
        )}
      </HomeCard>

      <HomeCard
        id="open-disputes"
        title="Open disputes"
        load={{ state, what: 'disputes', count: (d) => d.disputes.length }}
      >
        {data && data.disputes.length === 0 && <p className="muted">No open dispute.</p>}
        {data && data.disputes.length > 0 && (
          <ul className="home-list compact">
            {data.disputes.map((d) => (
              <li key={d.id}>
                <strong>{d.subjectKind.replace('_', ' ')}</strong> {d.subjectRef}: {d.reason.slice(0, 140)}{' '}
                <span className="muted small">raised by {d.raisedBy}</span>
              </li>
            ))}
          </ul>
        )}
        {data && data.disputes.length > 0 && <GoButton to="governance/disputes">Resolve disputes</GoButton>}
      </HomeCard>
    </div>
  )
}
