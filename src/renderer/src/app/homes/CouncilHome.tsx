import { useState, type FormEvent } from 'react'
import type {
  BudgetOverview,
  DisputeView,
  GovernanceProposalSummary,
  GrantSummary,
  SignerInfo,
  SupportChoice,
} from '../../../../shared/contract'
import { errorMessage } from '../../data/client'
import { read, send } from '../../data'
import { humanAmount } from '../../lib/format'
import { go } from '../../lib/route'
import { BudgetLinesTable } from '../../features/budgets'
import { useGrantsView } from '../../features/grants'
import { Empty, GoButton, HomeCard, LoadError, Loading, useLoad, ReloadButton } from './common'

interface OpenVote extends GovernanceProposalSummary {
  /** My local keys that have not voted on it yet. */
  notVoted: SignerInfo[]
}

interface CouncilData {
  budget: BudgetOverview | null
  toEvaluate: GrantSummary[]
  votes: OpenVote[]
  disputes: DisputeView[]
  keys: SignerInfo[]
}

/** The period in force today, else the latest one. */
function currentPeriod<T extends { id: number; startsOn: string; endsOn: string }>(periods: T[]): T | null {
  const today = new Date().toISOString().slice(0, 10)
  return (
    periods.find((p) => p.startsOn <= today && today <= p.endsOn) ??
    [...periods].sort((a, b) => b.startsOn.localeCompare(a.startsOn))[0] ??
    null
  )
}

async function loadCouncil(): Promise<CouncilData> {
  const [periods, grants, governance, disputes, keys] = await Promise.all([
    read('budgets.listPeriods', {}),
    read('grants.list', {}),
    read('governance.list', {}),
    read('governance.disputes', { status: 'open' }),
    read('keys.list', {}),
  ])
  const period = currentPeriod(periods)
  const budget = period ? await read('budgets.overview', { periodId: period.id }) : null
  const local = keys.signers.filter((s) => s.kind === 'local')
  const active = governance.proposals.filter((p) => p.state === 'Active')
  const votes = await Promise.all(
    active.map(async (p) => {
      const detail = await read('governance.get', { id: p.id })
      const voted = new Set(detail.votes.map((v) => v.voter))
      return { ...p, notVoted: local.filter((k) => !voted.has(k.address)) }
    }),
  )
  return { budget, toEvaluate: grants.filter((g) => g.status === 'applied'), votes, disputes, keys: local }
}

export function CouncilHome() {
  const { data, loading, error, reload } = useLoad(loadCouncil)
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
        count={data ? data.votes.length : null}
        actions={<ReloadButton loading={loading} onReload={() => void reload()} />}
      >
        {!data && loading && <Loading what="open votes" />}
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
        count={data ? data.toEvaluate.length : null}
      >
        {!data && loading && <Loading what="grant applications" />}
        {data && data.toEvaluate.length === 0 && (
          <Empty action={{ label: 'Open grant programs', to: 'grants' }}>
            No application waits for a decision. Applications appear here when someone applies to a grant program.
          </Empty>
        )}
        {data && data.toEvaluate.length > 0 && (
          <ul className="home-list" data-testid="grants-list">
            {data.toEvaluate.map((g) => (
              <li key={g.id} className="home-item">
                <div className="home-item-main">
                  <p className="home-item-title">
                    <strong>{g.title}</strong> <span className="muted small">{g.programName}</span>
                  </p>
                  <p className="small">
                    {humanAmount(g.amount, g.decimals)} {g.symbol} in {g.milestoneCount} milestone
                    {g.milestoneCount === 1 ? '' : 's'} · {g.score === null ? 'not evaluated yet' : `score ${g.score}`}
                  </p>
                </div>
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
              </li>
            ))}
          </ul>
        )}
      </HomeCard>

      <HomeCard id="budget-now" title={data?.budget ? `Budget: ${data.budget.period.name}` : 'Budget'}>
        {!data && loading && <Loading what="the budget" />}
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

      <HomeCard id="open-disputes" title="Open disputes" count={data ? data.disputes.length : null}>
        {!data && loading && <Loading what="disputes" />}
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

/** One open vote: its tally, and a short form to sign and record my vote with an unlocked key. */
function VoteItem({ vote, keys, onVoted }: { vote: OpenVote; keys: SignerInfo[]; onVoted(): void }) {
  const unlocked = vote.notVoted.filter((k) => k.unlocked)
  const [voter, setVoter] = useState(unlocked[0]?.address ?? '')
  const [support, setSupport] = useState<SupportChoice>('for')
  const [reason, setReason] = useState('')
  const [state, setState] = useState<{ busy: boolean; error: string | null; done: string | null }>({
    busy: false,
    error: null,
    done: null,
  })
  // After a vote the list of keys that still may vote shrinks: never keep a choice that is no longer offered.
  const chosen = unlocked.some((k) => k.address === voter) ? voter : (unlocked[0]?.address ?? '')
  const formId = `vote-${vote.id.slice(2, 10)}`
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setState({ busy: true, error: null, done: null })
    try {
      const file = await send('governance.signVote', { id: vote.id, voter: chosen, support, reason })
      const result = await send('governance.importVotes', { text: file.text })
      if (result.accepted + result.superseded === 0) throw new Error('the vote was not counted')
      setState({ busy: false, error: null, done: `Your vote (${support}) is recorded.` })
      onVoted()
    } catch (err) {
      setState({ busy: false, error: errorMessage(err), done: null })
    }
  }
  return (
    <section className="home-item vote-item" aria-labelledby={`${formId}-h`}>
      <div className="home-item-main">
        <h3 id={`${formId}-h`} className="home-item-title">
          {vote.title} <span className="muted small">{vote.kindLabel}</span>
        </h3>
        <p className="small">
          {vote.voters} voter{vote.voters === 1 ? '' : 's'} so far · voting ends at block {vote.endBlock}
          {vote.quorumReached === true && ' · quorum met'}
        </p>
        {keys.length === 0 ? (
          <p className="small muted">Add your key on the keys page to vote here, or sign a vote file in any wallet.</p>
        ) : vote.notVoted.length === 0 ? (
          <p className="small ok">Your keys have voted on this one.</p>
        ) : unlocked.length === 0 ? (
          <p className="small muted">
            Needs your vote ({vote.notVoted.map((k) => k.label).join(', ')}): unlock your key to sign it here.
          </p>
        ) : (
          <form className="vote-form" onSubmit={(e) => void submit(e)} aria-label={`Vote on ${vote.title}`}>
            <label htmlFor={`${formId}-voter`}>Vote as</label>
            <select id={`${formId}-voter`} value={chosen} onChange={(e) => setVoter(e.target.value)}>
              {unlocked.map((k) => (
                <option key={k.address} value={k.address}>
                  {k.label} · {k.address}
                </option>
              ))}
            </select>
            <fieldset>
              <legend>Your vote</legend>
              {(['for', 'against', 'abstain'] as const).map((s) => (
                <label key={s} className="inline">
                  <input
                    type="radio"
                    name={`${formId}-support`}
                    value={s}
                    checked={support === s}
                    onChange={() => setSupport(s)}
                  />{' '}
                  {s === 'for' ? 'For' : s === 'against' ? 'Against' : 'Abstain'}
                </label>
              ))}
            </fieldset>
            <label htmlFor={`${formId}-reason`}>Reason (optional, public)</label>
            <input
              id={`${formId}-reason`}
              type="text"
              value={reason}
              maxLength={1000}
              onChange={(e) => setReason(e.target.value)}
            />
            <button type="submit" className="primary" disabled={state.busy || !chosen}>
              {state.busy ? 'Signing…' : 'Sign and record my vote'}
            </button>
          </form>
        )}
        <div aria-live="polite">
          {state.done && <p className="small ok">{state.done}</p>}
          {state.error && <p className="error">The vote was not recorded: {state.error}</p>}
        </div>
      </div>
      <GoButton to={`governance/${vote.id}`}>Details and tally</GoButton>
    </section>
  )
}
