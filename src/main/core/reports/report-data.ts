import type { Db } from '../db/open'
import { getActiveChain, rpcProvider, type ChainRecord } from '../chain'
import { listTokens } from '../tokens'
import { listSafes, getSafe } from '../safe/store'
import { auditHead, auditSlice, toPeriod, verifyAuditChain, type Period, type PeriodInput } from '../audit'
import { nativeRef, balancesAt, blockAtOrBefore, safeFlows, safePolicy, type TokenRef } from './chain-history'
import { ExportCancelled } from './sink'
import type { ChainClock } from '../governance'
import { chainClockOrNull } from './decisions'
import { auditDayActorCounts, countsPerActor, countsPerDay } from './audit-counts'
import { budgetSection } from './sections/budgets'
import { grantsSection } from './sections/grants'
import { governanceSection } from './sections/governance'
import { impactSection } from './sections/impact'
import { recordedFlowCategories } from './flow-categories'

/**
 * Everything the transparency report prints, gathered first (database synchronously, chain asynchronously), so the
 * renderer of the PDF only lays out facts. Amounts are base-unit decimal strings with their decimals beside them.
 */
export interface TransparencyReportData {
  generator: string
  generatedAt: string
  period: Period & { from: string | null; to: string | null }
  chain: { chainId: number; name: string; isSandbox: boolean } | null
  safes: SafeReport[]
  audit: AuditReport
  participation: ParticipationRow[]
  /** Budget vs actual, grants paid, governance decisions: filled by the capabilities that record them. */
  sections: ReportSection[]
}

export interface BalanceRow {
  symbol: string
  address: string | null
  decimals: number
  start: string | null
  end: string | null
}

export interface FlowRow {
  category: string
  symbol: string
  decimals: number
  inflow: string
  outflow: string
  transfersIn: number
  transfersOut: number
  derived: boolean
}

export interface SafeReport {
  address: string
  label: string | null
  threshold: number | null
  owners: string[]
  balances: BalanceRow[]
  /** Where the balances come from: the chain at the period's blocks, or the last synced snapshot. */
  balanceSource: 'chain' | 'snapshot' | 'none'
  balanceNote: string | null
  blocks: { start: number; end: number } | null
  flows: FlowRow[] | null
  flowNote: string | null
}

export interface CountRow {
  label: string
  count: number
}

export interface AuditReport {
  events: number
  firstSeq: number | null
  lastSeq: number | null
  /** Hash of the last event of the period. */
  periodHeadHash: string | null
  /** The whole trail's head when the report was made: printed on every page. */
  workspaceHead: { seq: number; hash: string | null }
  verdict: { ok: boolean; events: number; firstBadSeq?: number; reason?: string }
  perDay: CountRow[]
  perAction: CountRow[]
}

export interface ParticipationRow {
  actor: string
  role: 'owner' | 'other'
  events: number
}

export interface ReportSection {
  id: string
  title: string
  headers: string[]
  rows: string[][]
  /** Printed when `rows` is empty. */
  none: string
}

/**
 * Extension point: a capability that records budgets, grants or governance adds a source here. `collect` returns
 * the section's table for the period (empty rows print `none`). Category of an outgoing transfer: see
 * `FLOW_CATEGORY_SOURCES`.
 */
export interface ReportSectionSource {
  id: string
  title: string
  none: string
  collect(db: Db, period: Period, facts: SectionFacts): { headers: string[]; rows: string[][] } | null
}

/** What the chain said when the report was gathered; null when it could not be read. */
export interface SectionFacts {
  clock: ChainClock | null
}

export const REPORT_SECTION_SOURCES: ReportSectionSource[] = [
  {
    id: 'budgets',
    title: 'Budget vs actual',
    none: 'No budget period overlaps this period.',
    collect: (db, period) => budgetSection(db, period),
  },
  {
    id: 'grants',
    title: 'Grants paid',
    none: 'No approved grants in this period.',
    collect: (db, period) => grantsSection(db, period),
  },
  {
    id: 'governance',
    title: 'Governance decisions',
    none: 'No governance decisions were proposed or executed in this period.',
    collect: (db, period, facts) => governanceSection(db, period, facts.clock),
  },
  {
    id: 'impact',
    title: 'Decision impact',
    none: 'No governance decisions were proposed or executed in this period.',
    collect: (db, period, facts) => impactSection(db, period, facts.clock),
  },
]

/**
 * Extension point: maps a transaction hash to a spending category (a proposal's category, a budget line). The
 * first source that knows the transaction wins; transfers nobody knows are "Uncategorised".
 */
export const FLOW_CATEGORY_SOURCES: Array<(db: Db) => (txHash: string) => string | null> = [recordedFlowCategories]
export const UNCATEGORISED = 'Uncategorised'

export interface GatherOptions {
  generator: string
  now?: Date
  onProgress?(done: number, total: number, phase: string): void
  cancelled?(): boolean
}

const STEPS = 4

export async function gatherReportData(
  db: Db,
  input: PeriodInput,
  options: GatherOptions,
): Promise<TransparencyReportData> {
  const now = options.now ?? new Date()
  const period = toPeriod(input)
  const step = (done: number, phase: string) => {
    if (options.cancelled?.()) throw new ExportCancelled()
    options.onProgress?.(done, STEPS, phase)
  }
  step(0, 'audit trail')
  const audit = auditReport(db, period)
  step(1, 'balances')
  const chain = getActiveChain(db)
  const safes = chain
    ? await Promise.all(listSafes(db, chain.chainId).map((s) => safeReport(db, chain, s.address, period, now)))
    : []
  step(3, 'participation')
  const participation = participationRows(db, period, [...new Set(safes.flatMap((s) => s.owners))])
  const clock = chain ? await chainClockOrNull(chain) : null
  const sections = REPORT_SECTION_SOURCES.map((source) => {
    const table = source.collect(db, period, { clock })
    return {
      id: source.id,
      title: source.title,
      none: source.none,
      headers: table?.headers ?? [],
      rows: table?.rows ?? [],
    }
  })
  step(4, 'layout')
  return {
    generator: options.generator,
    generatedAt: now.toISOString(),
    period: { ...period, from: input.from ?? null, to: input.to ?? null },
    chain: chain ? { chainId: chain.chainId, name: chain.name, isSandbox: chain.isSandbox } : null,
    safes,
    audit,
    participation,
    sections,
  }
}

export function auditReport(db: Db, period: Period): AuditReport {
  const slice = auditSlice(db, period)
  const head = auditHead(db)
  const verdict = verifyAuditChain(db)
  const where = 'WHERE seq BETWEEN ? AND ?'
  const args = slice ? [slice.firstSeq, slice.lastSeq] : [1, 0]
  const perDay = countsPerDay(auditDayActorCounts(db, period))
  const perAction = db
    .prepare(
      `SELECT action AS label, count(*) AS count FROM audit_events ${where} GROUP BY action ORDER BY count DESC, action`,
    )
    .all(...args) as CountRow[]
  return {
    events: slice?.events ?? 0,
    firstSeq: slice?.firstSeq ?? null,
    lastSeq: slice?.lastSeq ?? null,
    periodHeadHash: slice?.headHash ?? null,
    workspaceHead: { seq: head.events, hash: head.headHash },
    verdict: {
      ok: verdict.ok,
      events: verdict.events,
      ...(verdict.firstBadSeq !== undefined ? { firstBadSeq: verdict.firstBadSeq } : {}),
      ...(verdict.reason ? { reason: verdict.reason } : {}),
    },
    perDay,
    perAction,
  }
}

/** Who acted in the period: every Safe owner (zero when silent, which is itself worth seeing), then anyone else. */
export function participationRows(db: Db, period: Period, owners: readonly string[]): ParticipationRow[] {
  const perActor = countsPerActor(auditDayActorCounts(db, period))
  const counts = new Map<string, number>()
  for (const [actor, n] of perActor) counts.set(actor.toLowerCase(), (counts.get(actor.toLowerCase()) ?? 0) + n)
  const rows: ParticipationRow[] = owners.map((o) => ({
    actor: o,
    role: 'owner',
    events: counts.get(o.toLowerCase()) ?? 0,
  }))
  const ownerSet = new Set(owners.map((o) => o.toLowerCase()))
  for (const actor of [...perActor.keys()].sort())
    if (!ownerSet.has(actor.toLowerCase()))
      rows.push({ actor, role: 'other', events: counts.get(actor.toLowerCase()) ?? 0 })
  return rows
}

function tokenRefs(db: Db, chainId: number): TokenRef[] {
  return [
    nativeRef(db, chainId),
    ...listTokens(db, chainId).map((t) => ({ symbol: t.symbol, address: t.address, decimals: t.decimals })),
  ]
}

async function safeReport(db: Db, chain: ChainRecord, address: string, period: Period, now: Date): Promise<SafeReport> {
  const known = getSafe(db, chain.chainId, address)
  const snapshot = known?.snapshot ?? null
  const tokens = tokenRefs(db, chain.chainId)
  const base = {
    address,
    label: known?.label ?? null,
    threshold: snapshot?.threshold ?? null,
    owners: snapshot?.owners ?? [],
  }
  const provider = rpcProvider(chain.rpcUrl, chain.chainId)
  try {
    const endSeconds =
      period.toIso && Date.parse(period.toIso) <= now.getTime()
        ? Math.floor((Date.parse(period.toIso) - 1) / 1000)
        : null
    const startSeconds = period.fromIso ? Math.floor(Date.parse(period.fromIso) / 1000) - 1 : -1
    const endBlock = await blockAtOrBefore(provider, endSeconds)
    const startBlock = startSeconds < 0 ? -1 : await blockAtOrBefore(provider, startSeconds)
    const [start, end] = await Promise.all([
      balancesAt(provider, address, tokens, startBlock),
      balancesAt(provider, address, tokens, endBlock),
    ])
    const balances = tokens.map((t, i) => ({ ...t, start: start[i].toString(), end: end[i].toString() }))
    const policy = await safePolicy(provider, address)
    let flows: FlowRow[] | null = null
    let flowNote: string | null = null
    try {
      const raw = await safeFlows(provider, address, tokens, startBlock, endBlock, start, end)
      flows = categorise(db, raw)
      if (raw.some((f) => f.derived && f.outflow > 0n))
        flowNote = 'Native-coin out is derived (start + in - end): a Safe logs no amount for the native coin it sends.'
    } catch (error) {
      flowNote = `Transfers could not be read from the chain: ${shortError(error)}`
    }
    return {
      ...base,
      ...policy,
      balances,
      balanceSource: 'chain',
      balanceNote: null,
      blocks: { start: startBlock, end: endBlock },
      flows,
      flowNote,
    }
  } catch (error) {
    const balances: BalanceRow[] = snapshot
      ? snapshot.balances.map((b) => ({
          symbol: b.symbol,
          address: b.address,
          decimals: b.decimals,
          start: null,
          end: b.balance,
        }))
      : []
    return {
      ...base,
      balances,
      balanceSource: snapshot ? 'snapshot' : 'none',
      balanceNote: snapshot
        ? `The chain could not be read (${shortError(error)}); end balances are the last synced snapshot of ${snapshot.asOf}.`
        : `The chain could not be read (${shortError(error)}) and no snapshot was synced.`,
      blocks: null,
      flows: null,
      flowNote: 'Transfers need the chain.',
    }
  } finally {
    provider.destroy()
  }
}

function categorise(db: Db, flows: Awaited<ReturnType<typeof safeFlows>>): FlowRow[] {
  const lookups = FLOW_CATEGORY_SOURCES.map((source) => source(db))
  const categoryOf = (txHash: string) => {
    for (const lookup of lookups) {
      const category = lookup(txHash)
      if (category) return category
    }
    return UNCATEGORISED
  }
  const rows = new Map<string, FlowRow>()
  const row = (category: string, f: (typeof flows)[number]) => {
    const key = `${category}\u0000${f.token.symbol}\u0000${f.token.address}`
    let r = rows.get(key)
    if (!r) {
      r = {
        category,
        symbol: f.token.symbol,
        decimals: f.token.decimals,
        inflow: '0',
        outflow: '0',
        transfersIn: 0,
        transfersOut: 0,
        derived: f.derived,
      }
      rows.set(key, r)
    }
    return r
  }
  for (const f of flows) {
    for (const t of f.incoming) {
      const r = row(categoryOf(t.txHash), f)
      r.inflow = (BigInt(r.inflow) + t.amount).toString()
      r.transfersIn++
    }
    if (f.derived) {
      if (f.outflow > 0n) row(UNCATEGORISED, f).outflow = f.outflow.toString()
    } else {
      for (const t of f.outgoing) {
        const r = row(categoryOf(t.txHash), f)
        r.outflow = (BigInt(r.outflow) + t.amount).toString()
        r.transfersOut++
      }
    }
  }
  return [...rows.values()].sort((a, b) => a.category.localeCompare(b.category) || a.symbol.localeCompare(b.symbol))
}

function shortError(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 160)
}
