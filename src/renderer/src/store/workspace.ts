import type { StateCreator } from 'zustand'
import type { TutorialState, WorkspaceInfo, WorkspacesState } from '../../../shared/contract'
import { call, errorMessage } from '../data/client'
import { invalidateCapabilities } from '../data/keys'
import { queryClient } from '../data/send'
import type { AppState } from '.'

export interface WorkspaceSlice {
  workspace: WorkspaceInfo | null
  workspaceError: string | null
  loadWorkspace(): Promise<void>
  startSandbox(): Promise<void>

  /** The workspaces of this data folder (ids and names only). */
  workspaces: WorkspacesState | null
  loadWorkspaces(): Promise<void>
  /** The welcome / workspace chooser is shown (on a first run, or from "Switch workspace"). */
  switcherOpen: boolean
  openSwitcher(): void
  closeSwitcher(): void
  /** Opens another workspace; the app then starts afresh on its dashboard (every page reads the new workspace). */
  openWorkspace(id: string): Promise<boolean>
  /** Creates a named workspace and switches to it; the chooser stays open for its chain and Safe. */
  createWorkspace(name: string): Promise<boolean>
  /** Reloads the app on the dashboard of the workspace open now. */
  restartOnDashboard(): void

  tutorial: TutorialState | null
  tutorialError: string | null
  loadTutorial(): Promise<void>
  startTutorial(): Promise<boolean>
  dismissTutorial(): Promise<void>
  tutorialSeen(page: 'history' | 'audit'): Promise<void>
  enableDemoSigners(): Promise<void>
}

export const createWorkspaceSlice: StateCreator<AppState, [], [], WorkspaceSlice> = (set, get) => ({
  workspace: null,
  workspaceError: null,
  async loadWorkspace() {
    try {
      const workspace = await call('workspace.info', {})
      set({ workspace, workspaceError: null, ...(workspace.firstRun ? { switcherOpen: true } : {}) })
    } catch (error) {
      set({ workspaceError: errorMessage(error) })
    }
  },
  async startSandbox() {
    try {
      set({ workspace: await call('sandbox.start', {}), workspaceError: null })
      void queryClient.invalidateQueries()
    } catch (error) {
      set({ workspaceError: errorMessage(error) })
    }
  },

  workspaces: null,
  async loadWorkspaces() {
    try {
      set({ workspaces: await call('workspaces.list', {}), workspaceError: null })
    } catch (error) {
      set({ workspaceError: errorMessage(error) })
    }
  },
  switcherOpen: false,
  openSwitcher() {
    set({ switcherOpen: true })
    void get().loadWorkspaces()
  },
  closeSwitcher() {
    set({ switcherOpen: false })
  },
  async openWorkspace(id) {
    const before = get().workspace?.workspace?.id
    try {
      const workspaces = await call('workspaces.open', { id })
      set({ workspaces, workspaceError: null })
    } catch (error) {
      set({ workspaceError: errorMessage(error) })
      return false
    }
    if (before !== id) get().restartOnDashboard()
    else {
      void queryClient.invalidateQueries()
      await get().loadWorkspace()
      set({ switcherOpen: false })
    }
    return true
  },
  async createWorkspace(name) {
    try {
      const workspaces = await call('workspaces.create', { name })
      set({ workspaces, workspaceError: null })
      // Another workspace: every cached answer belonged to the one before.
      void queryClient.invalidateQueries()
      await get().loadWorkspace()
      return true
    } catch (error) {
      set({ workspaceError: errorMessage(error) })
      return false
    }
  },
  restartOnDashboard() {
    window.location.hash = '#/dashboard'
    window.location.reload()
  },

  tutorial: null,
  tutorialError: null,
  async loadTutorial() {
    try {
      set({ tutorial: await call('tutorial.get', {}), tutorialError: null })
    } catch (error) {
      set({ tutorialError: errorMessage(error) })
    }
  },
  async startTutorial() {
    try {
      set({ tutorial: await call('tutorial.start', {}), tutorialError: null })
      return true
    } catch (error) {
      set({ tutorialError: errorMessage(error) })
      return false
    }
  },
  async dismissTutorial() {
    try {
      set({ tutorial: await call('tutorial.dismiss', {}), tutorialError: null })
    } catch (error) {
      set({ tutorialError: errorMessage(error) })
    }
  },
  async tutorialSeen(page) {
    try {
      set({ tutorial: await call('tutorial.seen', { page }), tutorialError: null })
    } catch (error) {
      set({ tutorialError: errorMessage(error) })
    }
  },
  async enableDemoSigners() {
    try {
      set({ tutorial: await call('tutorial.useDemoSigners', {}), tutorialError: null })
      // The demo signers are now imported and unlocked: every page showing the signers reads them again.
      await invalidateCapabilities(queryClient, ['keys'])
    } catch (error) {
      set({ tutorialError: errorMessage(error) })
    }
  },
})
