import type { Db } from '../db/open'
import type { Period } from '../audit'
import { listLines } from '../budgets'
import { getSafe } from '../safe/store'
import type { AnalyticsSeries } from '../../../shared/contract/reports'
import { budgetPeriodIdsIn, utilisationBps } from './sections/budgets'
import { decisionsInPeriod } from './decisions'

/** Chart sources read from the workspace's records (budgets, Safe proposals, governance); no chain needed. */

function blank(id: string, title: string, description: string, why: string | null): AnalyticsSeries {
  return { id, title, description, axis: 'category', labels: [], datasets: [], empty: why }
}

/** Spent and committed over allocated, per line of the budget periods overlapping the period (percent, 2 dp). */
export function budgetUtilisation(db: Db, period: Period): AnalyticsSeries {
  const series = blank(
    'budget-utilisation',
    'Budget utilisation',
    'Spent and committed as a share of each budget line’s allocation (percent).',
    null,
  )
  const periods = new Set(budgetPeriodIdsIn(db, period))
  // One usage read for all lines (each listLines call reads every batch and charged proposal).
  const lines = periods.size ? listLines(db).filter((l) => periods.has(l.periodId)) : []
  if (!lines.length) return { ...series, empty: 'No budget period overlaps this period.' }
  const pct = (used: string, allocated: string) => String(utilisationBps(allocated, used) ?? 0)
  return {
    ...series,
    labels: lines.map((l) => `${l.periodName} ${l.category} (${l.symbol})`),
    datasets: [
      { label: 'Spent %', decimals: 2, values: lines.map((l) => pct(l.spent, l.allocated)) },
      { label: 'Committed %', decimals: 2, values: lines.map((l) => pct(l.committed, l.allocated)) },
    ],
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2)
}

export const THRESHOLD_LABEL = 'Threshold reached'

/** The chart reads the period's latest proposals: how signers sign now, and a bounded read on years of history. */
export const RECENT_PROPOSALS = 1_000

/**
 * For Safe proposals created in the period: per signer, the median minutes from the proposal to their signature;
 * and the median minutes until the Safe's threshold of signatures was reached (the threshold-th signature).
 */
export function timeToThreshold(db: Db, period: Period): AnalyticsSeries {
  const series = blank(
    'time-to-threshold',
    'Time from proposal to threshold',
    `Median minutes from a Safe proposal’s creation to each signer’s signature, and to the threshold (the period’s latest ${RECENT_PROPOSALS.toLocaleString('en')} proposals).`,
    null,
  )
  const rows = db
    .prepare(
      `WITH recent AS (
         SELECT id FROM proposals WHERE created_at >= ? AND created_at < ? AND kind <> 'rejection'
          ORDER BY id DESC LIMIT ${RECENT_PROPOSALS})
       SELECT p.id, p.chain_id, p.safe_address, p.created_at, s.signer, s.added_at
         FROM recent JOIN proposals p ON p.id = recent.id JOIN proposal_signatures s ON s.proposal_id = p.id
        ORDER BY p.id, s.added_at`,
    )
    .all(period.fromIso ?? '', period.toIso ?? '\uffff') as Array<{
    id: number
    chain_id: number
    safe_address: string
    created_at: string
    signer: string
    added_at: string
  }>
  if (!rows.length) return { ...series, empty: 'No Safe proposal of this period has a signature yet.' }
  const minutes = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000))
  const perSigner = new Map<string, number[]>()
  const perProposal = new Map<number, typeof rows>()
  for (const r of rows) {
    let signed = perSigner.get(r.signer)
    if (!signed) perSigner.set(r.signer, (signed = []))
    signed.push(minutes(r.created_at, r.added_at))
    let sigs = perProposal.get(r.id)
    if (!sigs) perProposal.set(r.id, (sigs = []))
    sigs.push(r)
  }
  const thresholds = new Map<string, number | null>()
  const reached: number[] = []
  for (const sigs of perProposal.values()) {
    const key = `${sigs[0].chain_id}:${sigs[0].safe_address}`
    if (!thresholds.has(key))
      thresholds.set(key, getSafe(db, sigs[0].chain_id, sigs[0].safe_address)?.snapshot?.threshold ?? null)
    const threshold = thresholds.get(key)
    if (threshold && sigs.length >= threshold) reached.push(minutes(sigs[0].created_at, sigs[threshold - 1].added_at))
  }
  const signers = [...perSigner.keys()].sort()
  const labels = [...signers, ...(reached.length ? [THRESHOLD_LABEL] : [])]
  return {
    ...series,
    labels,
    datasets: [
      {
        label: 'Median minutes',
        decimals: 0,
        values: [...signers.map((s) => String(median(perSigner.get(s)!))), ...(reached.length ? [String(median(reached))] : [])],
      },
      {
        label: 'Proposals',
        decimals: 0,
        values: [...signers.map((s) => String(perSigner.get(s)!.length)), ...(reached.length ? [String(reached.length)] : [])],
      },
    ],
  }
}

/** Votes cast over the past total supply at each decision's snapshot, beside the quorum it needed (percent). */
export function governanceTurnout(db: Db, period: Period): AnalyticsSeries {
  const series = blank(
    'governance-turnout',
    'Governance turnout',
    'Votes cast per governance decision as a share of the supply at its snapshot, beside its quorum (percent).',
    null,
  )
  const decisions = decisionsInPeriod(db, period).filter((d) => d.turnoutBps !== null)
  if (!decisions.length) return { ...series, empty: 'No governance decision of this period has been counted yet.' }
  return {
    ...series,
    labels: decisions.map((d) => d.record.title),
    datasets: [
      { label: 'Turnout %', decimals: 2, values: decisions.map((d) => String(d.turnoutBps)) },
      { label: 'Quorum %', decimals: 2, values: decisions.map((d) => String(d.record.rules.quorumBps)) },
    ],
  }
}
