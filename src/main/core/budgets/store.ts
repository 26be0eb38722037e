import type { Db } from '../db/open'
import { ApiError } from '../../../shared/errors'
import type { BudgetLineSummary, BudgetPeriod, Reallocation } from '../../../shared/contract'
import { batchUsageSource, type BudgetUsageSource } from './usage'

interface PeriodRow {
  id: number
  name: string
  starts_on: string
  ends_on: string
  created_at: string
}

interface LineRow {
  id: number
  period_id: number
  period_name: string
  category: string
  chain_id: number
  token: string
  symbol: string
  decimals: number
  initial_allocation: string
}

const period = (r: PeriodRow): BudgetPeriod => ({
  id: r.id,
  name: r.name,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  createdAt: r.created_at,
})

export function listPeriods(db: Db): BudgetPeriod[] {
  return (db.prepare('SELECT * FROM budget_periods ORDER BY starts_on DESC, id DESC').all() as PeriodRow[]).map(period)
}

export function getPeriod(db: Db, id: number): BudgetPeriod {
  const row = db.prepare('SELECT * FROM budget_periods WHERE id = ?').get(id) as PeriodRow | undefined
  if (!row) throw new ApiError('NOT_FOUND', `There is no budget period #${id}.`)
  return period(row)
}

export function insertPeriod(
  db: Db,
  p: { name: string; startsOn: string; endsOn: string },
  now = new Date(),
): BudgetPeriod {
  if (db.prepare('SELECT 1 FROM budget_periods WHERE name = ?').get(p.name))
    throw new ApiError('CONFLICT', `A budget period named "${p.name}" exists already.`)
  const { lastInsertRowid } = db
    .prepare('INSERT INTO budget_periods (name, starts_on, ends_on, created_at) VALUES (?, ?, ?, ?)')
    .run(p.name, p.startsOn, p.endsOn, now.toISOString())
  return getPeriod(db, Number(lastInsertRowid))
}

export interface NewLine {
  periodId: number
  category: string
  chainId: number
  token: string
  symbol: string
  decimals: number
  allocation: bigint
}

export function insertLine(db: Db, line: NewLine, now = new Date()): number {
  getPeriod(db, line.periodId)
  const clash = db
    .prepare('SELECT 1 FROM budget_lines WHERE period_id = ? AND category = ? AND chain_id = ? AND token = ?')
    .get(line.periodId, line.category, line.chainId, line.token)
  if (clash)
    throw new ApiError('CONFLICT', `This period already has a "${line.category}" line in ${line.symbol}.`, {
      category: line.category,
    })
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO budget_lines (period_id, category, chain_id, token, symbol, decimals, initial_allocation, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      line.periodId,
      line.category,
      line.chainId,
      line.token,
      line.symbol,
      line.decimals,
      line.allocation.toString(),
      now.toISOString(),
    )
  return Number(lastInsertRowid)
}

const LINE_SELECT = `SELECT l.*, p.name AS period_name FROM budget_lines l JOIN budget_periods p ON p.id = l.period_id`

/** Reallocation deltas per line: + what moved in, − what moved out. */
function reallocationDeltas(db: Db): Map<number, bigint> {
  const deltas = new Map<number, bigint>()
  const rows = db.prepare('SELECT from_line_id, to_line_id, amount FROM budget_reallocations').all() as Array<{
    from_line_id: number
    to_line_id: number
    amount: string
  }>
  for (const r of rows) {
    deltas.set(r.from_line_id, (deltas.get(r.from_line_id) ?? 0n) - BigInt(r.amount))
    deltas.set(r.to_line_id, (deltas.get(r.to_line_id) ?? 0n) + BigInt(r.amount))
  }
  return deltas
}

export interface LineFigures {
  allocated: bigint
  committed: bigint
  spent: bigint
  remaining: bigint
}

function summarise(row: LineRow, deltas: Map<number, bigint>, usage: ReturnType<BudgetUsageSource>) {
  const allocated = BigInt(row.initial_allocation) + (deltas.get(row.id) ?? 0n)
  const { committed, spent } = usage.get(row.id) ?? { committed: 0n, spent: 0n }
  const summary: BudgetLineSummary = {
    id: row.id,
    periodId: row.period_id,
    periodName: row.period_name,
    category: row.category,
    chainId: row.chain_id,
    token: row.token,
    symbol: row.symbol,
    decimals: row.decimals,
    initialAllocation: row.initial_allocation,
    allocated: allocated.toString(),
    committed: committed.toString(),
    spent: spent.toString(),
    remaining: (allocated - committed - spent).toString(),
  }
  return summary
}

/** Lines with their derived figures; `periodId` narrows to one period. */
export function listLines(
  db: Db,
  opts: { periodId?: number; ids?: number[] } = {},
  usageSource: BudgetUsageSource = batchUsageSource,
): BudgetLineSummary[] {
  const rows = (
    opts.periodId === undefined
      ? db.prepare(`${LINE_SELECT} ORDER BY p.starts_on DESC, l.category, l.symbol`).all()
      : db.prepare(`${LINE_SELECT} WHERE l.period_id = ? ORDER BY l.category, l.symbol`).all(opts.periodId)
  ) as LineRow[]
  const wanted = opts.ids ? new Set(opts.ids) : null
  const deltas = reallocationDeltas(db)
  const usage = usageSource(db)
  return rows.filter((r) => !wanted || wanted.has(r.id)).map((r) => summarise(r, deltas, usage))
}

export function getLine(db: Db, id: number, usageSource: BudgetUsageSource = batchUsageSource): BudgetLineSummary {
  const line = listLines(db, { ids: [id] }, usageSource)[0]
  if (!line) throw new ApiError('NOT_FOUND', `There is no budget line #${id}.`)
  return line
}

export function lineLabel(line: Pick<BudgetLineSummary, 'periodName' | 'category' | 'symbol'>): string {
  return `${line.periodName} · ${line.category} · ${line.symbol}`
}

/**
 * Moves allocation from one line to another of the same token. The source keeps what is already committed or
 * spent: only its remaining amount can move. Call inside a mutation.
 */
export function insertReallocation(
  db: Db,
  r: { fromLineId: number; toLineId: number; amount: bigint; reason: string; decidedBy: string },
  now = new Date(),
): number {
  const from = getLine(db, r.fromLineId)
  const to = getLine(db, r.toLineId)
  if (from.chainId !== to.chainId || from.token !== to.token)
    throw new ApiError(
      'CONFLICT',
      `Allocation moves only between lines of the same token: ${lineLabel(from)} and ${lineLabel(to)} differ.`,
    )
  if (r.amount > BigInt(from.remaining))
    throw new ApiError(
      'CONFLICT',
      `${lineLabel(from)} has ${from.remaining} base units remaining (after committed and spent); ${r.amount} cannot move.`,
      { remaining: from.remaining },
    )
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO budget_reallocations (from_line_id, to_line_id, amount, reason, decided_by, decided_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(r.fromLineId, r.toLineId, r.amount.toString(), r.reason, r.decidedBy, now.toISOString())
  return Number(lastInsertRowid)
}

export function listReallocations(db: Db, periodId: number): Reallocation[] {
  const lines = new Map(listLines(db).map((l) => [l.id, l]))
  const rows = db
    .prepare(
      `SELECT r.* FROM budget_reallocations r
         JOIN budget_lines f ON f.id = r.from_line_id JOIN budget_lines t ON t.id = r.to_line_id
        WHERE f.period_id = ? OR t.period_id = ? ORDER BY r.id`,
    )
    .all(periodId, periodId) as Array<{
    id: number
    from_line_id: number
    to_line_id: number
    amount: string
    reason: string
    decided_by: string
    decided_at: string
  }>
  return rows.map((r) => {
    const from = lines.get(r.from_line_id)!
    const to = lines.get(r.to_line_id)!
    return {
      id: r.id,
      fromLineId: r.from_line_id,
      toLineId: r.to_line_id,
      fromLabel: lineLabel(from),
      toLabel: lineLabel(to),
      amount: r.amount,
      symbol: from.symbol,
      decimals: from.decimals,
      reason: r.reason,
      decidedBy: r.decided_by,
      decidedAt: r.decided_at,
    }
  })
}
