import { create } from 'zustand'
import type { ProposalStatus } from '../../../../shared/contract'

export interface ProposalFilters {
  view: 'queue' | 'history'
  status: ProposalStatus | ''
  safe: string
  category: string
  signer: string
  signerState: 'signed' | 'not_signed'
}

/** The queue's filters: UI state, kept while the user opens a proposal and comes back. */
export const useProposalFilters = create<{
  filters: ProposalFilters
  setFilters(patch: Partial<ProposalFilters>): void
}>()((set, get) => ({
  filters: { view: 'queue', status: '', safe: '', category: '', signer: '', signerState: 'signed' },
  setFilters: (patch) => set({ filters: { ...get().filters, ...patch } }),
}))
