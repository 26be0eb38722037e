import type { StateCreator } from 'zustand'
import type { BudgetLineSummary, BudgetOverview, BudgetPeriod, BudgetReview } from '../../../shared/contract'
import { call, errorMessage } from '../data/client'
import type { AppState } from '.'

export interface BudgetsSlice {
  periods: BudgetPeriod[]
  allLines: BudgetLineSummary[]
  periodId: number | null
  budget: BudgetOverview | null
  review: BudgetReview | null
  budgetsError: string | null
  loadBudgets(periodId?: number): Promise<void>
  selectPeriod(periodId: number): Promise<void>
}

export const createBudgetsSlice: StateCreator<AppState, [], [], BudgetsSlice> = (set, get) => ({
  periods: [],
  allLines: [],
  periodId: null,
  budget: null,
  review: null,
  budgetsError: null,
  async loadBudgets(periodId) {
    try {
      const [periods, allLines] = await Promise.all([call('budgets.listPeriods', {}), call('budgets.listLines', {})])
      const chosen = periodId ?? get().periodId ?? periods[0]?.id ?? null
      set({ periods, allLines, periodId: chosen, budgetsError: null })
      if (chosen !== null) {
        const [budget, review] = await Promise.all([
          call('budgets.overview', { periodId: chosen }),
          call('budgets.review', { periodId: chosen }),
        ])
        set({ budget, review })
      } else set({ budget: null, review: null })
    } catch (error) {
      set({ budgetsError: errorMessage(error) })
    }
  },
  async selectPeriod(periodId) {
    await get().loadBudgets(periodId)
  },
})
