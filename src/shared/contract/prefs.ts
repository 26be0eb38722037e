import { z } from 'zod'
import { call } from './define'
import { empty } from './primitives'

import { ROLES, THEMES, type Role, type Theme } from '../prefs'

export { ROLES, THEMES, type Role, type Theme } from '../prefs'

/** One user's display preferences, kept in the data folder (not in a workspace: they outlive the sandbox). */
export interface Prefs {
  /** null until the user picks a role (the home then shows the role picker). */
  role: Role | null
  theme: Theme
}

export interface PrefsState {
  prefs: Prefs
  /** Set when the stored file could not be used: the defaults are in force, and the next change rewrites it. */
  warning: string | null
}

/** Whether the workspace's chain answers now: the shell says what works offline and what waits for the network. */
export interface NetworkStatus {
  state: 'online' | 'offline' | 'no_chain'
  chainId: number | null
  name: string | null
  isSandbox: boolean
  /** Round trip of one eth_chainId, when online. */
  latencyMs: number | null
  /** Why the chain counts as offline, in words a user can act on. */
  reason: string | null
  checkedAt: string
  /** Every chain of the workspace, each probed on its own (the fields above are the active chain's). */
  chains?: ChainStatus[]
}

/** One chain's probe: a workspace with several chains has one per chain. */
export interface ChainStatus {
  state: 'online' | 'offline'
  chainId: number
  name: string
  isSandbox: boolean
  latencyMs: number | null
  reason: string | null
  checkedAt: string
}

export const prefsPatch = z
  .object({
    role: z.enum(ROLES).nullable().optional(),
    theme: z.enum(THEMES).optional(),
  })
  .strict()

export const prefsContract = {
  'prefs.get': call<PrefsState>()(empty),
  /** Changes only the fields given; answers the preferences now in force. */
  'prefs.set': call<PrefsState>()(prefsPatch),
  /** Asks the workspace's chain for its chainId with a short timeout (nothing is written). */
  'network.status': call<NetworkStatus>()(empty),
}
