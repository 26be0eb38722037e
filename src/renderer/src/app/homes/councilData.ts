import { currentPeriod } from '../../features/budgets'
import type {
  BudgetOverview,
  DisputeView,
  GovernanceProposalSummary,
  GrantSummary,
  SignerInfo,
} from '../../../../shared/contract'
import { read } from '../../data'

export interface OpenVote extends GovernanceProposalSummary {
  /** My local keys that have not voted on it yet. */
  notVoted: SignerInfo[]
}

export interface CouncilData {
  budget: BudgetOverview | null
  toEvaluate: GrantSummary[]
  votes: OpenVote[]
  disputes: DisputeView[]
  keys: SignerInfo[]
}

export async function loadCouncil(): Promise<CouncilData> {
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
      // Asked by voter (200 a call): the page lists only the heaviest 1,000 votes, and a key that voted lighter has
      // voted too.
      const voted = new Set<string>()
      for (let i = 0; i < local.length; i += 200) {
        const voters = local.slice(i, i + 200).map((k) => k.address)
        for (const v of (await read('governance.votes', { id: p.id, voters, limit: 1_000 })).votes) voted.add(v.voter)
      }
      return { ...p, notVoted: local.filter((k) => !voted.has(k.address)) }
    }),
  )
  return { budget, toEvaluate: grants.filter((g) => g.status === 'applied'), votes, disputes, keys: local }
}
