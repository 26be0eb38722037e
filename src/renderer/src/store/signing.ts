import type { StateCreator } from 'zustand'
import type { RequestSummary, RequestView } from '../../../shared/contract'
import { call, errorMessage } from '../data/client'
import type { AppState } from '.'

export interface SigningSlice {
  requests: RequestSummary[]
  current: RequestView | null
  signingError: string | null
  loadRequests(): Promise<void>
  openRequest(safeTxHash: string): Promise<void>
  showRequest(view: RequestView | null): void
}

export const createSigningSlice: StateCreator<AppState, [], [], SigningSlice> = (set, get) => ({
  requests: [],
  current: null,
  signingError: null,
  async loadRequests() {
    try {
      set({ requests: await call('signing.list', {}), signingError: null })
    } catch (error) {
      set({ signingError: errorMessage(error) })
    }
  },
  async openRequest(safeTxHash) {
    try {
      set({ current: await call('signing.get', { safeTxHash }), signingError: null })
    } catch (error) {
      set({ signingError: errorMessage(error) })
    }
  },
  showRequest(view) {
    set({ current: view })
    void get().loadRequests()
  },
})
