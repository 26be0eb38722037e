import type { StateCreator } from 'zustand'
import type { SafeOverview } from '../../../shared/contract'
import { call, errorMessage } from '../data/client'
import type { AppState } from '.'

export interface SafeSlice {
  overview: SafeOverview | null
  overviewLoading: boolean
  overviewError: string | null
  loadOverview(refresh?: boolean): Promise<void>
}

export const createSafeSlice: StateCreator<AppState, [], [], SafeSlice> = (set) => ({
  overview: null,
  overviewLoading: false,
  overviewError: null,
  async loadOverview(refresh = false) {
    set({ overviewLoading: true })
    try {
      set({ overview: await call('safe.overview', { refresh }), overviewError: null })
    } catch (error) {
      set({ overviewError: errorMessage(error) })
    } finally {
      set({ overviewLoading: false })
    }
  },
})
