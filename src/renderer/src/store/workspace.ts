import type { StateCreator } from 'zustand'
import type { WorkspaceInfo } from '../../../shared/contract'
import { call, errorMessage } from '../api/client'
import type { AppState } from '.'

export interface WorkspaceSlice {
  workspace: WorkspaceInfo | null
  workspaceError: string | null
  loadWorkspace(): Promise<void>
  startSandbox(): Promise<void>
}

export const createWorkspaceSlice: StateCreator<AppState, [], [], WorkspaceSlice> = (set) => ({
  workspace: null,
  workspaceError: null,
  async loadWorkspace() {
    try {
      set({ workspace: await call('workspace.info', {}), workspaceError: null })
    } catch (error) {
      set({ workspaceError: errorMessage(error) })
    }
  },
  async startSandbox() {
    try {
      set({ workspace: await call('sandbox.start', {}), workspaceError: null })
    } catch (error) {
      set({ workspaceError: errorMessage(error) })
    }
  },
})
