import { create } from 'zustand'
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace'
import { createSafeSlice, type SafeSlice } from './safe'

import { createGovernanceSlice, type GovernanceSlice } from './governance'

// Slices of one store; the main process stays the source of truth and the store only mirrors its answers.
export type AppState = WorkspaceSlice & SafeSlice & GovernanceSlice & ReportsSlice & ProposalsSlice & AddressBookSlice
import { createReportsSlice, type ReportsSlice } from './reports'
import { createProposalsSlice, type ProposalsSlice } from './proposals'
import { createAddressBookSlice, type AddressBookSlice } from './addressbook'

export const useApp = create<AppState>()((...a) => ({
  ...createWorkspaceSlice(...a),
  ...createSafeSlice(...a),
  ...createGovernanceSlice(...a),
  ...createReportsSlice(...a),
  ...createProposalsSlice(...a),
  ...createAddressBookSlice(...a),
}))
