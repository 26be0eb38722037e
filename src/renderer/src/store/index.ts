import { create } from 'zustand'
import { createGovernanceSlice, type GovernanceSlice } from './governance'

// The legacy slices still holding server data (each is moving into its feature's queries.ts, as keys, audit,
// signing and the address book did); the main process stays the source of truth.
export type AppState = GovernanceSlice

export const useApp = create<AppState>()((...a) => ({
  ...createGovernanceSlice(...a),
}))
