import { z } from 'zod'
import { call } from './define'
import { address, baseUnits, empty } from './primitives'

/** 'native' for the chain's own coin, otherwise the checksummed ERC-20 address. */
export const tokenRef = z.union([z.literal('native'), address])

/** A calendar date, YYYY-MM-DD (UTC), checked to exist. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'not a date (YYYY-MM-DD)')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v
  }, 'no such date')

/** A decision's short written reason: required, so nobody can record an unexplained decision. */
export const reason = z.string().trim().min(3, 'give a reason (at least 3 characters)').max(2000)

export interface BudgetPeriod {
  id: number
  name: string
  startsOn: string
  endsOn: string
  createdAt: string
}

/** Committed and spent are derived from batches (proposals once merged); remaining = allocated − committed − spent. */
export interface BudgetLineSummary {
  id: number
  periodId: number
  periodName: string
  category: string
  chainId: number
  token: string
  symbol: string
  decimals: number
  initialAllocation: string
  allocated: string
  committed: string
  spent: string
  /** May be negative only where an override was recorded. */
  remaining: string
}

export interface Reallocation {
  id: number
  fromLineId: number
  toLineId: number
  fromLabel: string
  toLabel: string
  amount: string
  symbol: string
  decimals: number
  reason: string
  decidedBy: string
  decidedAt: string
}

export interface BudgetOverview {
  period: BudgetPeriod
  lines: BudgetLineSummary[]
  reallocations: Reallocation[]
}

export interface BurnPoint {
  /** ISO time of the block that executed the batch. */
  at: string
  /** Cumulative spent on the line, base units. */
  spent: string
}

export interface LineBatchRef {
  batchId: number
  title: string
  status: string
  amount: string
  safeTxHash: string | null
  executedTxHash: string | null
  executedAt: string | null
  overrideReason: string | null
}

export interface BudgetReview {
  period: BudgetPeriod
  lines: Array<BudgetLineSummary & { burn: BurnPoint[]; batches: LineBatchRef[] }>
}

export const budgetsContract = {
  'budgets.listPeriods': call<BudgetPeriod[]>()(empty),
  'budgets.createPeriod': call<BudgetPeriod>()(
    z
      .object({ name: z.string().trim().min(1).max(40), startsOn: isoDate, endsOn: isoDate })
      .strict()
      .refine((v) => v.startsOn <= v.endsOn, { message: 'the period ends before it starts', path: ['endsOn'] }),
  ),
  'budgets.createLine': call<BudgetLineSummary>()(
    z
      .object({
        periodId: z.number().int().positive(),
        category: z.string().trim().min(1).max(60),
        token: tokenRef,
        allocation: baseUnits,
      })
      .strict(),
  ),
  'budgets.overview': call<BudgetOverview>()(z.object({ periodId: z.number().int().positive() }).strict()),
  /** All lines of every period (for pickers: program lines, CSV batch lines). */
  'budgets.listLines': call<BudgetLineSummary[]>()(empty),
  // Moving allocation between lines is a council act: `council.request` kind budget-reallocation.
  /** Council review: budget vs actual per line, burn over time, and the batches behind each figure. */
  'budgets.review': call<BudgetReview>()(z.object({ periodId: z.number().int().positive() }).strict()),
  'budgets.exportCsv': call<{ fileName: string; csv: string }>()(
    z.object({ periodId: z.number().int().positive() }).strict(),
  ),
}
