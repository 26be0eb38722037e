import { create } from 'zustand'
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace'
import { createSafeSlice, type SafeSlice } from './safe'
import { createAuditSlice, type AuditSlice } from './audit'
import { createReportsSlice, type ReportsSlice } from './reports'

// Slices of one store; the main process stays the source of truth and the store only mirrors its answers.
export type AppState = WorkspaceSlice & SafeSlice & AuditSlice & ReportsSlice

export const useApp = create<AppState>()((...a) => ({
  ...createWorkspaceSlice(...a),
  ...createSafeSlice(...a),
  ...createAuditSlice(...a),
  ...createReportsSlice(...a),
}))
