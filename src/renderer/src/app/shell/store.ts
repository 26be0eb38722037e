import { create } from 'zustand'
import type { NetworkStatus, Prefs, Role, Theme } from '../../../../shared/contract'
import { errorMessage } from '../../data/client'
import { read, send } from '../../data'
import { applyTheme, rememberTheme } from './theme'

/**
 * The shell's own state (preferences, the chain's reachability, which overlay is open). A store of its own, apart
 * from the workspace slices: the main process stays the source of truth for the preferences.
 */
export interface ShellState {
  prefs: Prefs | null
  prefsWarning: string | null
  prefsError: string | null
  network: NetworkStatus | null
  networkChecking: boolean
  paletteOpen: boolean
  helpOpen: boolean
  loadPrefs(): Promise<void>
  setRole(role: Role | null): Promise<void>
  setTheme(theme: Theme): Promise<void>
  checkNetwork(): Promise<void>
  openPalette(open: boolean): void
  openHelp(open: boolean): void
}

export const ROLE_LABELS: Record<Role, string> = {
  signer: 'Signer',
  steward: 'Finance steward',
  council: 'Council member',
}

export const THEME_LABELS: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' }

export const useShell = create<ShellState>()((set, get) => ({
  prefs: null,
  prefsWarning: null,
  prefsError: null,
  network: null,
  networkChecking: false,
  paletteOpen: false,
  helpOpen: false,
  async loadPrefs() {
    try {
      const state = await read('prefs.get', {})
      applyTheme(state.prefs.theme)
      set({ prefs: state.prefs, prefsWarning: state.warning, prefsError: null })
    } catch (error) {
      set({ prefsError: `Preferences could not be read: ${errorMessage(error)}` })
    }
  },
  async setRole(role) {
    await save({ role })
  },
  async setTheme(theme) {
    // Applied at once (the user sees the answer to the click); saved behind it.
    applyTheme(theme)
    await save({ theme })
  },
  async checkNetwork() {
    if (get().networkChecking) return
    set({ networkChecking: true })
    try {
      set({ network: await read('network.status', {}) })
    } catch (error) {
      set({
        network: {
          state: 'offline',
          chainId: null,
          name: null,
          isSandbox: false,
          latencyMs: null,
          reason: errorMessage(error),
          checkedAt: new Date().toISOString(),
        },
      })
    } finally {
      set({ networkChecking: false })
    }
  },
  openPalette(open) {
    set({ paletteOpen: open, helpOpen: open ? false : get().helpOpen })
  },
  openHelp(open) {
    set({ helpOpen: open, paletteOpen: open ? false : get().paletteOpen })
  },
}))

async function save(patch: Partial<Prefs>) {
  const before = useShell.getState().prefs
  if (before) useShell.setState({ prefs: { ...before, ...patch } })
  try {
    const state = await send('prefs.set', patch)
    if (patch.theme) rememberTheme(patch.theme)
    useShell.setState({ prefs: state.prefs, prefsWarning: state.warning, prefsError: null })
  } catch (error) {
    useShell.setState({ prefs: before, prefsError: `The preference was not saved: ${errorMessage(error)}` })
    if (before) applyTheme(before.theme)
  }
}
