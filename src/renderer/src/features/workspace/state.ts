import { create } from 'zustand'

/** Whether the welcome / workspace chooser is shown (on a first run, or from "Switch workspace"): UI state. */
export const useSwitcher = create<{ open: boolean; show(): void; hide(): void }>()((set) => ({
  open: false,
  show: () => set({ open: true }),
  hide: () => set({ open: false }),
}))

export const openSwitcher = () => useSwitcher.getState().show()

/** Reloads the app on the dashboard of the workspace open now (every page then reads the new workspace). */
export function restartOnDashboard(): void {
  window.location.hash = '#/dashboard'
  window.location.reload()
}
