import type { StateCreator } from 'zustand'
import type { KeysState } from '../../../shared/contract'
import { call, errorMessage } from '../data/client'
import type { AppState } from '.'

export interface KeysSlice {
  keys: KeysState | null
  keysError: string | null
  loadKeys(): Promise<void>
  /** Mirrors a fresh answer from a keys.* call that returns the whole state. */
  setKeys(state: KeysState): void
}

export const createKeysSlice: StateCreator<AppState, [], [], KeysSlice> = (set) => ({
  keys: null,
  keysError: null,
  async loadKeys() {
    try {
      set({ keys: await call('keys.list', {}), keysError: null })
    } catch (error) {
      set({ keysError: errorMessage(error) })
    }
  },
  setKeys(state) {
    set({ keys: state, keysError: null })
  },
})
