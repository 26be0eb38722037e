import type { Db } from '../../db/open'
import type { Period } from '../../audit'
import { listLines } from '../../budgets'
import { humanUnits } from '../units'
import type { SectionTable } from './types'

/** Budget periods that overlap the report's period (budget days are inclusive UTC dates). */
export function budgetPeriodIdsIn(db: Db, period: Period): number[] {
  return db
    .prepare(
      `SELECT id FROM budget_periods
        WHERE starts_on || 'T00:00:00.000Z' < ? AND ends_on || 'T23:59:59.999Z' >= ? ORDER BY starts_on, id`,
    )
    .pluck()
    .all(period.toIso ?? '\uffff', period.fromIso ?? '') as number[]
}

/** Utilisation (spent + committed over allocated) in basis points; null for a line with nothing allocated. */
export function utilisationBps(allocated: string, used: string): number | null {
  const a = BigInt(allocated)
  return a > 0n ? Number((BigInt(used) * 10_000n) / a) : null
}

/** Budget vs actual: every line of every budget period that overlaps the report, with its derived figures. */
export function budgetSection(db: Db, period: Period): SectionTable {
  const rows = budgetPeriodIdsIn(db, period).flatMap((periodId) =>
    listLines(db, { periodId }).map((l) => {
      const spentBps = utilisationBps(l.allocated, l.spent)
      return [
        l.periodName,
        l.category,
        l.symbol,
        humanUnits(l.allocated, l.decimals),
        humanUnits(l.committed, l.decimals),
        humanUnits(l.spent, l.decimals),
        l.remaining.startsWith('-') ? `-${humanUnits(l.remaining.slice(1), l.decimals)}` : humanUnits(l.remaining, l.decimals),
        spentBps === null ? 'n/a' : `${(spentBps / 100).toFixed(2)} %`,
      ]
    }),
  )
  return {
    headers: ['Period', 'Line', 'Token', 'Allocated', 'Committed', 'Spent', 'Remaining', 'Spent %'],
    rows,
  }
}
