import Papa from 'papaparse'
import { formatUnits } from 'ethers'
import type { Db } from '../db/open'
import type { BudgetReview, BurnPoint, LineBatchRef } from '../../../shared/contract'
import { getPeriod, listLines } from './store'
import { batchUsageSource, type BudgetUsageSource } from './usage'

/** Budget vs actual for one period: each line's figures, its burn over time, and the batches behind them. */
export function budgetReview(
  db: Db,
  periodId: number,
  usageSource: BudgetUsageSource = batchUsageSource,
): BudgetReview {
  const period = getPeriod(db, periodId)
  const lines = listLines(db, { periodId }, usageSource)
  const rows = db
    .prepare(
      `SELECT i.budget_line_id AS line, b.id AS batch_id, b.title, b.status, b.safe_tx_hash, b.executed_tx_hash,
              b.executed_at, b.override_reason, i.amount
         FROM disbursement_items i JOIN disbursement_batches b ON b.id = i.batch_id
         JOIN budget_lines l ON l.id = i.budget_line_id
        WHERE l.period_id = ?
        ORDER BY b.id`,
    )
    .all(periodId) as Array<{
    line: number
    batch_id: number
    title: string
    status: string
    safe_tx_hash: string | null
    executed_tx_hash: string | null
    executed_at: string | null
    override_reason: string | null
    amount: string
  }>
  const batches = new Map<number, Map<number, LineBatchRef>>()
  for (const r of rows) {
    const perLine = batches.get(r.line) ?? new Map<number, LineBatchRef>()
    const ref = perLine.get(r.batch_id) ?? {
      batchId: r.batch_id,
      title: r.title,
      status: r.status,
      amount: '0',
      safeTxHash: r.safe_tx_hash,
      executedTxHash: r.executed_tx_hash,
      executedAt: r.executed_at,
      overrideReason: r.override_reason,
    }
    ref.amount = (BigInt(ref.amount) + BigInt(r.amount)).toString()
    perLine.set(r.batch_id, ref)
    batches.set(r.line, perLine)
  }
  return {
    period,
    lines: lines.map((line) => {
      const refs = [...(batches.get(line.id)?.values() ?? [])]
      return { ...line, burn: burnSeries(refs), batches: refs }
    }),
  }
}

/** Cumulative spent after each chain-confirmed execution, in block-time order. */
export function burnSeries(refs: LineBatchRef[]): BurnPoint[] {
  const executed = refs
    .filter((r) => r.status === 'executed' && r.executedAt)
    .sort((a, b) => a.executedAt!.localeCompare(b.executedAt!))
  let total = 0n
  return executed.map((r) => {
    total += BigInt(r.amount)
    return { at: r.executedAt!, spent: total.toString() }
  })
}

/** Budget vs actual as CSV (human units and base units); cells that a spreadsheet would run as formulas are escaped. */
export function budgetReviewCsv(review: BudgetReview): { fileName: string; csv: string } {
  const human = (v: string, d: number) => formatUnits(BigInt(v), d)
  const data = review.lines.map((l) => ({
    period: review.period.name,
    category: l.category,
    token: l.token,
    symbol: l.symbol,
    allocated: human(l.allocated, l.decimals),
    committed: human(l.committed, l.decimals),
    spent: human(l.spent, l.decimals),
    remaining: human(l.remaining, l.decimals),
    decimals: l.decimals,
    allocated_base_units: l.allocated,
    committed_base_units: l.committed,
    spent_base_units: l.spent,
    remaining_base_units: l.remaining,
    batches: l.batches.length,
  }))
  const fields = [
    'period',
    'category',
    'token',
    'symbol',
    'allocated',
    'committed',
    'spent',
    'remaining',
    'decimals',
    'allocated_base_units',
    'committed_base_units',
    'spent_base_units',
    'remaining_base_units',
    'batches',
  ] as const
  // The {fields, data} form keeps the header even for a period without lines.
  const csv = Papa.unparse(
    { fields: [...fields], data: data.map((row) => fields.map((f) => row[f])) },
    { escapeFormulae: true, newline: '\n' },
  )
  const safeName = review.period.name.replace(/[^A-Za-z0-9._-]+/g, '-')
  return { fileName: `budget-vs-actual-${safeName}.csv`, csv: csv + '\n' }
}
