import { z } from 'zod'
import { call } from './define'
import { address } from './primitives'

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
}
