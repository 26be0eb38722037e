import { create } from 'zustand'
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace'
import { createSafeSlice, type SafeSlice } from './safe'
import { createGovernanceSlice, type GovernanceSlice } from './governance'
import { createProposalsSlice, type ProposalsSlice } from './proposals'

// The legacy slices still holding server data (each is moving into its feature's queries.ts, as keys, audit,
// signing and the address book did); the main process stays the source of truth.
export type AppState = WorkspaceSlice & SafeSlice & GovernanceSlice & ProposalsSlice

export const useApp = create<AppState>()((...a) => ({
  ...createWorkspaceSlice(...a),
  ...createSafeSlice(...a),
  ...createGovernanceSlice(...a),
  ...createProposalsSlice(...a),
}))
