import type { StateCreator } from 'zustand'
import type { GrantDetail, GrantProgram, GrantSummary } from '../../../shared/contract'
import { call, errorMessage } from '../data/client'
import type { AppState } from '.'

export interface GrantsSlice {
  programs: GrantProgram[]
  grants: GrantSummary[]
  grant: GrantDetail | null
  grantsError: string | null
  loadGrants(): Promise<void>
  openGrant(grantId: number | null): Promise<void>
  /** Shows a grant the API just returned, and refreshes the list around it. */
  showGrant(grant: GrantDetail): Promise<void>
}

export const createGrantsSlice: StateCreator<AppState, [], [], GrantsSlice> = (set, get) => ({
  programs: [],
  grants: [],
  grant: null,
  grantsError: null,
  async loadGrants() {
    try {
      const [programs, grants] = await Promise.all([call('grants.listPrograms', {}), call('grants.list', {})])
      set({ programs, grants, grantsError: null })
    } catch (error) {
      set({ grantsError: errorMessage(error) })
    }
  },
  async openGrant(grantId) {
    try {
      set({ grant: grantId === null ? null : await call('grants.get', { grantId }), grantsError: null })
    } catch (error) {
      set({ grantsError: errorMessage(error) })
    }
  },
  async showGrant(grant) {
    set({ grant })
    await get().loadGrants()
  },
})
