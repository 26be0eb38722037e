import { create } from 'zustand'
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace'
import { createSafeSlice, type SafeSlice } from './safe'
import { createAuditSlice, type AuditSlice } from './audit'
import { createProposalsSlice, type ProposalsSlice } from './proposals'
import { createAddressBookSlice, type AddressBookSlice } from './addressbook'

// Slices of one store; the main process stays the source of truth and the store only mirrors its answers.
export type AppState = WorkspaceSlice & SafeSlice & AuditSlice & ProposalsSlice & AddressBookSlice

export const useApp = create<AppState>()((...a) => ({
  ...createWorkspaceSlice(...a),
  ...createSafeSlice(...a),
  ...createAuditSlice(...a),
  ...createProposalsSlice(...a),
  ...createAddressBookSlice(...a),
}))
