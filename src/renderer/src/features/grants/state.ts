import { create } from 'zustand'

/** The grant the Grants page shows in detail: UI state, set from the page or from the council home. */
export const useGrantsView = create<{ grantId: number | null; openGrant(grantId: number | null): void }>()((set) => ({
  grantId: null,
  openGrant: (grantId) => set({ grantId }),
}))
