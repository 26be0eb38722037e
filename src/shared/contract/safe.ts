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
}

export interface SafeSummary {
  chainId: number
  address: string
  label: string | null
  asOf: string | null
}

export const safeContract = {
  'safe.list': call<SafeSummary[]>()(z.object({}).strict()),
  'safe.add': call<SafeOverview>()(z.object({ address, label: z.string().trim().max(80).optional() }).strict()),
  /** The last synced state, or a fresh read when `refresh` is set or nothing was synced yet. */
  'safe.overview': call<SafeOverview>()(
    z.object({ address: address.optional(), refresh: z.boolean().optional() }).strict(),
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
