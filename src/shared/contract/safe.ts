import { z } from 'zod'
import { call } from './define'
import { address, baseUnits } from './primitives'

export interface TokenBalance {
  symbol: string
  address: string | null // null = the chain's native coin
  decimals: number
  balance: string // base units
}

export interface SafeOverview {
  chainId: number
  address: string
  label: string | null
  version: string
  owners: string[]
  threshold: number
  nonce: number
  /** Enabled modules: each can move funds without owner signatures, so they are always shown. */
  modules: string[]
  /** Transaction guard, or null when none is set. */
  guard: string | null
  fallbackHandler: string | null
  balances: TokenBalance[]
  /** When these figures were read from the chain (ISO 8601 UTC); the UI shows it so offline state is never mistaken for live. */
  asOf: string
  /** True when the chain could not be reached and this is the last synced state. */
  stale: boolean
  staleReason?: string
  /** The singleton the Safe's proxy points to (storage slot 0), when read: L1 and L2 singletons differ. */
  singleton?: string | null
}

export interface SafeSummary {
  chainId: number
  address: string
  label: string | null
  asOf: string | null
}

/** A Safe as the Safe switcher and the dashboard cards list it: its chain by name, and whether it is the active one. */
export interface SafeListItem extends SafeSummary {
  chainName?: string
  active?: boolean
  /** From the last synced state, when there is one. */
  version?: string | null
  threshold?: number | null
  owners?: number | null
  nativeBalance?: string | null
}

export const chainIdInput = z
  .number()
  .int()
  .positive()
  .max(2 ** 53 - 1)

export const safeContract = {
  /**
   * The Safes of the active chain (the active Safe first); with `all`, every Safe of the workspace on every chain.
   * Each names its chain and says whether it is the active Safe.
   */
  'safe.list': call<SafeListItem[]>()(z.object({ all: z.boolean().optional() }).strict()),
  /** Adds a Safe on the active chain, or on `chainId` (one of the workspace's chains); it becomes the active Safe. */
  'safe.add': call<SafeOverview>()(
    z.object({ address, label: z.string().trim().max(80).optional(), chainId: chainIdInput.optional() }).strict(),
  ),
  /**
   * Switches the Safe the workspace works on (proposals, batches and signing go to it; its chain becomes the active
   * chain). No new workspace is needed. Answers every Safe, as `safe.list { all: true }`.
   */
  'safe.select': call<SafeListItem[]>()(z.object({ chainId: chainIdInput, address }).strict()),
  /** The last synced state, or a fresh read when `refresh` is set or nothing was synced yet. */
  'safe.overview': call<SafeOverview>()(
    z
      .object({ address: address.optional(), refresh: z.boolean().optional(), chainId: chainIdInput.optional() })
      .strict(),
  ),
  /**
   * Deploys a new Safe (v1.4.1 through protocol-kit) and adds it to the workspace. `payer` is an unlocked key that
   * pays the gas; on the sandbox chain, without one, the sandbox node's funder account pays.
   */
  'safe.deploy': call<SafeOverview & { txHash: string; payer: string; payerKind: PayerKind }>()(
    z
      .object({
        owners: z
          .array(address)
          .min(1)
          .max(50)
          .refine((o) => new Set(o).size === o.length, 'an owner is listed twice'),
        threshold: z.number().int().min(1),
        saltNonce: baseUnits.optional(),
        label: z.string().trim().max(80).optional(),
        payer: address.optional(),
      })
      .strict()
      .refine((v) => v.threshold <= v.owners.length, {
        message: 'the threshold cannot exceed the number of owners',
        path: ['threshold'],
      }),
  ),
}

/** Who paid for a chain transaction: an unlocked local key, or (sandbox only) an account the sandbox node holds. */
export type PayerKind = 'local_key' | 'sandbox_node_account'
