import type { Db } from '../db/open'
import type { Period } from '../audit'
import { getProposal, type ChainClock } from '../governance'
import { listLines } from '../budgets'
import { listTokens } from '../tokens'
import { valueFromCsv } from '../pricing'
import { nativeRef } from './chain-history'
import { decisionFacts, decisionsInPeriod, type DecisionFacts } from './decisions'
import type {
  DecisionImpact,
  ImpactAmount,
  ImpactBudgetLine,
  ImpactGrant,
  ImpactMilestone,
} from '../../../shared/contract/impact'

/**
 * What each governance decision did, traced through the records: its approved transfers (per token) and what moved
 * once its Safe transaction executed; the grants and milestones paid by the batch that Safe transaction carried; the
 * budget lines that batch (or the Safe proposal) was charged to, and reallocations whose reason names the decision.
 */
export function decisionImpacts(db: Db, period: Period, clock: ChainClock | null = null): DecisionImpact[] {
  return decisionsInPeriod(db, period, clock).map((d) => impactOf(db, d))
}

export function decisionImpact(db: Db, id: string, clock: ChainClock | null = null): DecisionImpact | null {
  const record = getProposal(db, id)
  return record ? impactOf(db, decisionFacts(db, record, clock)) : null
}

function impactOf(db: Db, d: DecisionFacts): DecisionImpact {
  const p = d.record
  const tokens = new Map(listTokens(db, p.chainId).map((t) => [t.address.toLowerCase(), t]))
  const native = nativeRef(db, p.chainId)
  const approved = new Map<string, ImpactAmount>()
  for (const t of p.spending?.transfers ?? []) {
    const key = t.token?.toLowerCase() ?? 'native'
    const known = t.token ? tokens.get(key) : null
    const row = approved.get(key) ?? {
      token: t.token,
      symbol: t.token ? (known?.symbol ?? t.token) : native.symbol,
      decimals: t.token ? (known?.decimals ?? 0) : native.decimals,
      amount: '0',
    }
    row.amount = (BigInt(row.amount) + t.amount).toString()
    approved.set(key, row)
  }
  const approvedList = [...approved.values()]
  const batchIds = d.safeTxHash
    ? (db.prepare('SELECT id FROM disbursement_batches WHERE safe_tx_hash = ?').pluck().all(d.safeTxHash) as number[])
    : []
  return {
    id: p.id,
    title: p.title,
    kind: d.kindLabel,
    outcome: d.outcome,
    createdAt: p.createdAt,
    turnoutBps: d.turnoutBps,
    quorumReached: d.quorumReached,
    safeTxHash: d.safeTxHash,
    safeStatus: d.safeStatus,
    executedTxHash: d.executedTxHash,
    executedAt: d.executedAt,
    approved: approvedList,
    moved: approvedList.map((a) => movedAmount(db, p.chainId, a, p.execution?.at ?? null)),
    grants: fundedGrants(db, batchIds),
    budgetLines: changedLines(db, p.id, batchIds, d.safeTxHash),
  }
}

/**
 * What moved of an approved amount: all of it once the Safe transaction executed, valued in the reporting currency
 * at that time (from the imported prices of that day); nothing before.
 */
function movedAmount(db: Db, chainId: number, a: ImpactAmount, executedAt: number | null): ImpactAmount {
  if (executedAt === null) return { ...a, amount: '0' }
  const value = valueFromCsv(db, {
    chainId,
    token: a.token ?? 'native',
    amount: BigInt(a.amount),
    at: { time: executedAt },
  })
  return { ...a, value }
}

function fundedGrants(db: Db, batchIds: number[]): ImpactGrant[] {
  if (!batchIds.length) return []
  const rows = db
    .prepare(
      `SELECT DISTINCT m.grant_id FROM disbursement_items i JOIN grant_milestones m ON m.id = i.milestone_id
        WHERE i.batch_id IN (${batchIds.map(() => '?').join(', ')}) ORDER BY m.grant_id`,
    )
    .pluck()
    .all(...batchIds) as number[]
  const grant = db.prepare(
    `SELECT g.id, g.title, g.recipient, g.symbol, g.decimals, g.amount, g.outcome_notes, p.name AS program
       FROM grants g JOIN grant_programs p ON p.id = g.program_id WHERE g.id = ?`,
  )
  const milestones = db.prepare(
    `SELECT m.id, m.title, m.amount, m.status, m.due_on,
       (SELECT b.executed_tx_hash FROM disbursement_items i JOIN disbursement_batches b ON b.id = i.batch_id
         WHERE i.milestone_id = m.id AND b.status = 'executed' ORDER BY b.id DESC LIMIT 1) AS paid_tx,
       (SELECT b.executed_at FROM disbursement_items i JOIN disbursement_batches b ON b.id = i.batch_id
         WHERE i.milestone_id = m.id AND b.status = 'executed' ORDER BY b.id DESC LIMIT 1) AS paid_at
       FROM grant_milestones m WHERE m.grant_id = ? ORDER BY m.position`,
  )
  return rows.map((id) => {
    const g = grant.get(id) as {
      id: number
      title: string
      recipient: string
      symbol: string
      decimals: number
      amount: string
      outcome_notes: string
      program: string
    }
    return {
      grantId: g.id,
      title: g.title,
      program: g.program,
      recipient: g.recipient,
      symbol: g.symbol,
      decimals: g.decimals,
      granted: g.amount,
      outcome: g.outcome_notes,
      milestones: (
        milestones.all(id) as Array<{
          id: number
          title: string
          amount: string
          status: string
          due_on: string
          paid_tx: string | null
          paid_at: string | null
        }>
      ).map(
        (m): ImpactMilestone => ({
          id: m.id,
          title: m.title,
          amount: m.amount,
          status: m.status,
          dueOn: m.due_on,
          paidTxHash: m.paid_tx,
          paidAt: m.paid_at,
        }),
      ),
    }
  })
}

function changedLines(db: Db, decisionId: string, batchIds: number[], safeTxHash: string | null): ImpactBudgetLine[] {
  const charged = new Map<number, bigint>()
  const add = (line: number, amount: bigint) => charged.set(line, (charged.get(line) ?? 0n) + amount)
  if (batchIds.length)
    for (const r of db
      .prepare(`SELECT budget_line_id AS line, amount FROM disbursement_items WHERE batch_id IN (${batchIds.map(() => '?').join(', ')})`)
      .all(...batchIds) as Array<{ line: number; amount: string }>)
      add(r.line, BigInt(r.amount))
  if (safeTxHash && !batchIds.length) {
    // A Safe proposal charged to a line by hand: its outflows in the line's token.
    const direct = db
      .prepare(
        `SELECT l.id AS line, l.token, p.outflows FROM proposals p
           JOIN budget_lines l ON p.budget_line_id GLOB '[0-9]*' AND l.id = CAST(p.budget_line_id AS INTEGER)
          WHERE p.safe_tx_hash = ?`,
      )
      .all(safeTxHash) as Array<{ line: number; token: string; outflows: string }>
    for (const r of direct)
      for (const o of JSON.parse(r.outflows) as Array<{ token: string | null; amount: string }>)
        if ((o.token ?? 'native').toLowerCase() === r.token.toLowerCase()) add(r.line, BigInt(o.amount))
  }
  const reallocated = new Map<number, bigint>()
  const moves = db
    .prepare("SELECT from_line_id, to_line_id, amount FROM budget_reallocations WHERE instr(lower(reason), ?) > 0")
    .all(decisionId.toLowerCase()) as Array<{ from_line_id: number; to_line_id: number; amount: string }>
  for (const m of moves) {
    reallocated.set(m.from_line_id, (reallocated.get(m.from_line_id) ?? 0n) - BigInt(m.amount))
    reallocated.set(m.to_line_id, (reallocated.get(m.to_line_id) ?? 0n) + BigInt(m.amount))
  }
  const ids = [...new Set([...charged.keys(), ...reallocated.keys()])]
  if (!ids.length) return []
  return listLines(db, { ids }).map((l) => ({
    lineId: l.id,
    period: l.periodName,
    category: l.category,
    symbol: l.symbol,
    decimals: l.decimals,
    charged: (charged.get(l.id) ?? 0n).toString(),
    reallocated: (reallocated.get(l.id) ?? 0n).toString(),
    allocatedNow: l.allocated,
    spentNow: l.spent,
  }))
}
