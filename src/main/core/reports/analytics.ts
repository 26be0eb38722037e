import type { Db } from '../db/open'
import { getActiveChain, rpcProvider, type ChainRecord } from '../chain'
import { listTokens } from '../tokens'
import { getSafe, listSafes } from '../safe/store'
import { toPeriod, type Period, type PeriodInput } from '../audit'
import { nativeRef, balancesAt, blockAtOrBefore, safeFlows, safePolicy, type TokenRef } from './chain-history'
import { sampleBlocks } from './balance-samples'
import { FLOW_CATEGORY_SOURCES, UNCATEGORISED, participationRows } from './report-data'
import type { AnalyticsSeries, AnalyticsOverview } from '../../../shared/contract/reports'
import { budgetUtilisation, governanceTurnout, timeToThreshold } from './analytics-records'
import { auditDayActorCounts, countsPerDay } from './audit-counts'

/**
 * The analytics dashboard's series. Each provider computes one chart's data from real records (the audit trail,
 * the chain, the budgets, Safe proposals and governance records); the renderer draws any series generically.
 */
export interface AnalyticsContext {
  db: Db
  period: Period
  now: Date
  /** Chain reads shared by the providers that need them; null when no chain or Safe is configured. */
  chain(): Promise<ChainFacts | null>
}

export interface AnalyticsProvider {
  id: string
  compute(context: AnalyticsContext): Promise<AnalyticsSeries> | AnalyticsSeries
}

export interface ChainFacts {
  chain: ChainRecord
  safe: string
  tokens: TokenRef[]
  /** Sample instants (ISO) and the balances at each, per token. */
  samples: Array<{ at: string; block: number; balances: bigint[] }>
  flows: Awaited<ReturnType<typeof safeFlows>>
  owners: string[]
}

const SAMPLES = 8

function empty(id: string, title: string, description: string, why: string): AnalyticsSeries {
  return { id, title, description, axis: 'category', labels: [], datasets: [], empty: why }
}

export const ANALYTICS_PROVIDERS: AnalyticsProvider[] = [
  {
    id: 'treasury-balance',
    async compute({ chain }) {
      const title = 'Treasury balance over time'
      const description =
        'Balances of the Safe read from the chain at blocks spread over the period, each at its own block time.'
      const facts = await chain()
      if (!facts) return empty('treasury-balance', title, description, 'No Safe on a chain yet.')
      return {
        id: 'treasury-balance',
        title,
        description,
        axis: 'time',
        labels: facts.samples.map((s) => s.at),
        datasets: facts.tokens.map((t, i) => ({
          label: t.symbol,
          decimals: t.decimals,
          values: facts.samples.map((s) => s.balances[i].toString()),
        })),
        empty: null,
      }
    },
  },
  {
    id: 'spending-per-category',
    async compute({ chain, db }) {
      const title = 'Spending per category'
      const description = 'Outflows of the period by category (from proposals and budgets once recorded).'
      const facts = await chain()
      if (!facts) return empty('spending-per-category', title, description, 'No Safe on a chain yet.')
      const lookups = FLOW_CATEGORY_SOURCES.map((s) => s(db))
      const categoryOf = (tx: string) => lookups.map((l) => l(tx)).find((c) => c) ?? UNCATEGORISED
      const totals = new Map<string, bigint[]>()
      const add = (category: string, i: number, amount: bigint) => {
        const row = totals.get(category) ?? facts.tokens.map(() => 0n)
        row[i] += amount
        totals.set(category, row)
      }
      facts.flows.forEach((f, i) => {
        if (f.derived) {
          if (f.outflow > 0n) add(UNCATEGORISED, i, f.outflow)
        } else for (const t of f.outgoing) add(categoryOf(t.txHash), i, t.amount)
      })
      const labels = [...totals.keys()].sort()
      if (labels.length === 0)
        return empty('spending-per-category', title, description, 'Nothing was spent in this period.')
      return {
        id: 'spending-per-category',
        title,
        description,
        axis: 'category',
        labels,
        datasets: facts.tokens.map((t, i) => ({
          label: t.symbol,
          decimals: t.decimals,
          values: labels.map((l) => totals.get(l)![i].toString()),
        })),
        empty: null,
      }
    },
  },
  {
    id: 'inflows-outflows',
    async compute({ chain }) {
      const title = 'Inflows and outflows'
      const description = 'Transfers into and out of the Safe in the period, per token.'
      const facts = await chain()
      if (!facts) return empty('inflows-outflows', title, description, 'No Safe on a chain yet.')
      return {
        id: 'inflows-outflows',
        title,
        description,
        axis: 'category',
        labels: ['In', 'Out'],
        datasets: facts.flows.map((f) => ({
          label: f.token.symbol,
          decimals: f.token.decimals,
          values: [f.inflow.toString(), f.outflow.toString()],
        })),
        empty: null,
        note: facts.flows.some((f) => f.derived)
          ? 'Native-coin out is derived from the balances (start + in - end): a Safe logs no amount for the native coin it sends.'
          : undefined,
      }
    },
  },
  {
    id: 'audit-activity',
    compute({ db, period }) {
      const rows = countsPerDay(auditDayActorCounts(db, period)).map((r) => ({ day: r.label, n: r.count }))
      return {
        id: 'audit-activity',
        title: 'Activity per day',
        description: 'Audited changes to the workspace per UTC day.',
        axis: 'time',
        labels: rows.map((r) => r.day),
        datasets: [{ label: 'Audit events', decimals: 0, values: rows.map((r) => String(r.n)) }],
        empty: rows.length ? null : 'Nothing was recorded in this period.',
      }
    },
  },
  {
    id: 'signer-participation',
    async compute({ db, period, chain: facts }) {
      // Owners as the chain has them; the last synced snapshot when the chain cannot be read.
      const chain = getActiveChain(db)
      const snapshotOwners = chain
        ? listSafes(db, chain.chainId).flatMap((s) => getSafe(db, chain.chainId, s.address)?.snapshot?.owners ?? [])
        : []
      const owners = (await facts())?.owners ?? [...new Set(snapshotOwners)]
      const rows = participationRows(db, period, owners)
      return {
        id: 'signer-participation',
        title: 'Signer participation',
        description: 'Audited actions per Safe owner (and anyone else who acted) in the period.',
        axis: 'category',
        labels: rows.map((r) => r.actor),
        datasets: [{ label: 'Audit events', decimals: 0, values: rows.map((r) => String(r.events)) }],
        empty: rows.length ? null : 'No one acted in this period.',
      }
    },
  },
  { id: 'budget-utilisation', compute: ({ db, period }) => budgetUtilisation(db, period) },
  { id: 'time-to-threshold', compute: ({ db, period }) => timeToThreshold(db, period) },
  { id: 'governance-turnout', compute: ({ db, period }) => governanceTurnout(db, period) },
]

export async function analyticsOverview(
  db: Db,
  input: PeriodInput,
  now: Date = new Date(),
  providers: readonly AnalyticsProvider[] = ANALYTICS_PROVIDERS,
): Promise<AnalyticsOverview> {
  const period = toPeriod(input)
  let facts: Promise<ChainFacts | null> | null = null
  let chainError: string | null = null
  const context: AnalyticsContext = {
    db,
    period,
    now,
    chain: () =>
      (facts ??= readChainFacts(db, period, now).catch((error: unknown) => {
        chainError = (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 200)
        return null
      })),
  }
  const series = await Promise.all(providers.map((p) => p.compute(context)))
  return {
    from: period.fromIso,
    to: period.toIso,
    generatedAt: now.toISOString(),
    series: chainError
      ? series.map((s) =>
          s.empty === 'No Safe on a chain yet.' ? { ...s, empty: `The chain could not be read: ${chainError}` } : s,
        )
      : series,
  }
}

async function readChainFacts(db: Db, period: Period, now: Date): Promise<ChainFacts | null> {
  const chain = getActiveChain(db)
  if (!chain) return null
  const safe = listSafes(db, chain.chainId)[0]
  if (!safe) return null
  const tokens: TokenRef[] = [
    nativeRef(db, chain.chainId),
    ...listTokens(db, chain.chainId).map((t) => ({ symbol: t.symbol, address: t.address, decimals: t.decimals })),
  ]
  const provider = rpcProvider(chain.rpcUrl, chain.chainId)
  try {
    const end = Math.min(now.getTime(), period.toIso ? Date.parse(period.toIso) - 1 : Infinity)
    const start = period.fromIso ? Date.parse(period.fromIso) : null
    // Real blocks spread over the period in chain time, each labelled with its own timestamp (balance-samples.ts).
    const picked = await sampleBlocks(provider, {
      fromSeconds: start === null ? null : Math.floor(start / 1000),
      toSeconds: end === now.getTime() ? null : Math.floor(end / 1000),
      account: safe.address,
      samples: SAMPLES,
    })
    const samples = []
    for (const { block, time } of picked.length ? picked : [{ block: -1, time: end }])
      samples.push({
        at: new Date(time).toISOString(),
        block,
        balances: await balancesAt(provider, safe.address, tokens, block),
      })
    const startBlock = start !== null ? await blockAtOrBefore(provider, Math.floor(start / 1000) - 1) : -1
    const startBalances = await balancesAt(provider, safe.address, tokens, startBlock)
    const last = samples[samples.length - 1]
    const flows = await safeFlows(provider, safe.address, tokens, startBlock, last.block, startBalances, last.balances)
    const { owners } = await safePolicy(provider, safe.address)
    return { chain, safe: safe.address, tokens, samples, flows, owners }
  } finally {
    provider.destroy()
  }
}
