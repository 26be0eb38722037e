import type { ParticipationReport } from '../../../shared/contract/governance'
import { readDelegateStandings, type DelegateStanding } from './chain'
import { nakamotoOf } from './concentration'
import { evaluate, syncChainFacts, type GovEnv } from './proposals'
import type { ChainClock } from './state'
import { listProposals } from './store'

const bps = (part: bigint, whole: bigint) => (whole === 0n ? null : Number((part * 10_000n) / whole))

/** Concentration of delegated power: top-1 and top-5 shares and the fewest delegates holding a majority. */
export function concentration(standings: DelegateStanding[]): ParticipationReport['concentration'] {
  const votes = standings.map((s) => s.votes).sort((a, b) => (b > a ? 1 : b < a ? -1 : 0))
  const total = votes.reduce((sum, v) => sum + v, 0n)
  const top = (n: number) => votes.slice(0, n).reduce((sum, v) => sum + v, 0n)
  return {
    totalDelegated: total.toString(),
    top1Bps: bps(top(1), total),
    top5Bps: bps(top(5), total),
    nakamoto: nakamotoOf(votes),
  }
}

/**
 * Every proposal on record, its chain facts synced, with its evaluation, the votes cast and its turnout (cast over the
 * past total supply at its snapshot, the base quorum uses; null when that supply is unknown or zero). Oldest first,
 * so a table or a chart of them reads as turnout over time.
 */
export async function turnoutOverTime(env: GovEnv, clock: ChainClock, stale: boolean) {
  const out = []
  for (const p of listProposals(env.db, env.chain.chainId)) {
    await syncChainFacts(env, p, clock, stale)
    const e = evaluate(env, p, clock)
    const cast = e.tally.for + e.tally.against + e.tally.abstain
    out.push({ p, e, cast, turnoutBps: p.totalSupply === null ? null : bps(cast, p.totalSupply) })
  }
  return out.sort((a, b) => a.p.snapshotBlock - b.p.snapshotBlock || a.p.createdAt.localeCompare(b.p.createdAt))
}

type TurnoutEntry = Awaited<ReturnType<typeof turnoutOverTime>>[number]

/** The fields a turnout row shows of a proposal, in the participation report and in the risks panel alike. */
export function turnoutRow({ p, e, turnoutBps }: TurnoutEntry) {
  return {
    id: p.id,
    title: p.title,
    kind: p.kind,
    state: e.state,
    createdAt: p.createdAt,
    snapshotBlock: p.snapshotBlock,
    voters: e.voters,
    turnoutBps,
  }
}

/**
 * Turnout per proposal (votes cast over the past total supply at its snapshot, the base quorum uses), success rate
 * of decided proposals, and the delegates ranking with its concentration, from the token's delegation events.
 */
export async function participationReport(
  env: GovEnv,
  clock: ChainClock,
  stale: boolean,
): Promise<ParticipationReport> {
  const rows: ParticipationReport['proposals'] = []
  let decided = 0
  let passed = 0
  for (const entry of await turnoutOverTime(env, clock, stale)) {
    const { p, e, cast } = entry
    rows.push({ ...turnoutRow(entry), cast: cast.toString(), totalSupply: p.totalSupply?.toString() ?? null })
    if (['Defeated', 'Succeeded', 'Queued', 'Expired', 'Executed'].includes(e.state)) {
      decided++
      if (e.state !== 'Defeated') passed++
    }
  }
  let standings: DelegateStanding[] = []
  let delegatesError: string | undefined
  try {
    if (!stale) standings = await readDelegateStandings(env.chain.rpcUrl, env.chain.chainId, env.token.address)
    else delegatesError = 'the chain is unreachable'
  } catch (error) {
    delegatesError = `delegation events could not be read: ${error instanceof Error ? error.message.split('\n')[0] : error}`
  }
  const conc = concentration(standings)
  const total = BigInt(conc.totalDelegated)
  return {
    asOf: new Date().toISOString(),
    proposals: rows,
    success: { decided, passed, rateBps: decided ? Math.floor((passed * 10_000) / decided) : null },
    delegates: standings.slice(0, 50).map((s) => ({
      delegate: s.delegate,
      votes: s.votes.toString(),
      delegators: s.delegators,
      shareBps: bps(s.votes, total) ?? 0,
    })),
    concentration: conc,
    ...(delegatesError ? { delegatesError } : {}),
  }
}
