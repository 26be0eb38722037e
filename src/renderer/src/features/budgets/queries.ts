import { useCallQuery } from '../../data'

/** Budget periods, newest first as the API lists them. */
export const useBudgetPeriods = () => useCallQuery('budgets.listPeriods', {})

/** Every line of every period: the pickers of programs, stipends and CSV batches. */
export const useBudgetLines = () => useCallQuery('budgets.listLines', {})

export const useBudgetOverview = (periodId: number | null) =>
  useCallQuery('budgets.overview', { periodId: periodId ?? 0 }, { enabled: periodId !== null })

export const useBudgetReview = (periodId: number | null) =>
  useCallQuery('budgets.review', { periodId: periodId ?? 0 }, { enabled: periodId !== null })

/** The period in force today, else the latest one. */
export function currentPeriod<T extends { id: number; startsOn: string; endsOn: string }>(periods: T[]): T | null {
  const today = new Date().toISOString().slice(0, 10)
  return (
    periods.find((p) => p.startsOn <= today && today <= p.endsOn) ??
    [...periods].sort((a, b) => b.startsOn.localeCompare(a.startsOn))[0] ??
    null
  )
}
