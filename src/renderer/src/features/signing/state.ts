import { create } from 'zustand'

/** The request open for review on the Sign page (its hash); what it holds is read through `useRequest`. */
export const useSigningView = create<{ openHash: string | null; open(safeTxHash: string | null): void }>()((set) => ({
  openHash: null,
  open: (openHash) => set({ openHash }),
}))
