import type { ConcentrationView, GovernanceRisks, ParticipationPoint } from '../../../shared/contract/governance-risks'
import { rpcProvider } from '../chain/rpc'
import { concentrationOf, ratioText } from './concentration'
import { distributionsAt } from './power-at-block'
import { turnoutOverTime, turnoutRow } from './participation'
import type { GovEnv } from './proposals'
import type { ChainClock } from './state'

const CLOSED = new Set(['Defeated', 'Succeeded', 'Queued', 'Expired', 'Executed', 'Canceled'])

function viewOf(amounts: Map<string, bigint>): ConcentrationView {
  const measures = concentrationOf([...amounts.values()])
  const total = BigInt(measures.total)
  const top = [...amounts.entries()]
    .sort(([a, x], [b, y]) => (x > y ? -1 : x < y ? 1 : a.localeCompare(b)))
    .slice(0, 10)
    .map(([account, amount]) => ({ account, amount: amount.toString(), share: ratioText(amount, total) }))
  return { ...measures, top }
}

const mean = (xs: number[]) => (xs.length ? Math.round(xs.reduce((s, x) => s + x, 0) / xs.length) : null)

/** Turnout per proposal, oldest first, with whether each reached quorum (the records, their chain facts synced). */
export async function participationOverTime(env: GovEnv, clock: ChainClock, stale: boolean) {
  const points: ParticipationPoint[] = (await turnoutOverTime(env, clock, stale)).map((entry) => ({
    ...turnoutRow(entry),
    quorumBps: entry.p.rules.quorumBps,
    quorumReached: entry.e.quorumReached,
  }))
  const failedQuorum = points.filter((p) => CLOSED.has(p.state) && p.quorumReached === false && p.state !== 'Canceled')
  const measured = points.flatMap((p) => (p.turnoutBps === null ? [] : [p.turnoutBps]))
  const apathy = {
    measured: measured.length,
    averageTurnoutBps: mean(measured),
    recentTurnoutBps: measured.length > 5 ? mean(measured.slice(-5)) : null,
    earlierTurnoutBps: measured.length > 5 ? mean(measured.slice(0, -5)) : null,
  }
  return { participation: points, failedQuorum, apathy }
}

/**
 * Governance risks, measured: concentration of delegated voting power and of holdings at `block` (top-10 share,
 * Gini, Nakamoto coefficient), and voter apathy and failed quorums from the proposals on record.
 */
export async function governanceRisks(
  env: GovEnv,
  clock: ChainClock,
  stale: boolean,
  opts: { block?: number; rangeBlocks?: number; signal?: AbortSignal } = {},
): Promise<GovernanceRisks> {
  const provider = rpcProvider(env.chain.rpcUrl, env.chain.chainId)
  try {
    const head = await provider.getBlockNumber()
    const block = opts.block ?? head
    if (block > head) throw new Error(`block ${block} is past the chain head (${head})`)
    const info = await provider.getBlock(block)
    const dist = await distributionsAt(env.chain.rpcUrl, env.token.address, block, opts)
    return {
      chainId: env.chain.chainId,
      token: { address: env.token.address, symbol: env.token.symbol, decimals: env.token.decimals },
      block,
      blockTime: new Date((info?.timestamp ?? 0) * 1000).toISOString(),
      scan: { fromBlock: dist.fromBlock, toBlock: dist.toBlock, logs: dist.logs, splits: dist.splits },
      votingPower: viewOf(dist.votes),
      holdings: viewOf(dist.balances),
      ...(await participationOverTime(env, clock, stale)),
    }
  } finally {
    provider.destroy()
  }
}
