import { create } from 'zustand'

/** The period the Budgets page shows: UI state, kept while the user visits other pages. */
export const useBudgetsView = create<{ periodId: number | null; choose(periodId: number): void }>()((set) => ({
  periodId: null,
  choose: (periodId) => set({ periodId }),
}))
