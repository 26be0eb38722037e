import { create } from 'zustand'

/** The batch shown in detail; a link `#/disbursements/12` opens batch 12. */
export const useDisbursementsView = create<{ batchId: number | null; openBatch(batchId: number | null): void }>()(
  (set) => ({
    batchId: null,
    openBatch: (batchId) => set({ batchId }),
  }),
)
