import { z } from 'zod'
import { call } from './define'
import { address } from './primitives'

export type TokenSourceName = 'address' | 'list' | 'discovered' | 'sandbox'

export interface TokenView {
  chainId: number
  address: string
  symbol: string
  name: string
  decimals: number
  source: TokenSourceName
  hidden: boolean
}

export interface NativeCurrencyInfo {
  chainId: number
  symbol: string
  name: string
  decimals: number
  /** 'workspace': set by the user; 'shipped': the app's chain list; 'unknown': neither knows this chain. */
  source: 'workspace' | 'shipped' | 'unknown'
}

export interface DuplicateSymbol {
  symbol: string
  addresses: string[]
}

export interface TokenRegistry {
  chainId: number
  native: NativeCurrencyInfo
  tokens: TokenView[]
  /** Two visible tokens share a symbol: a payment could pick the wrong one. */
  duplicates: DuplicateSymbol[]
  /** Contracts discovery found that failed the ERC-20 reads, with why. */
  refused: Array<{ address: string; reason: string; foundAt: string }>
  /** Entries of imported lists for chains this workspace does not hold (kept for when it does). */
  otherChains: Array<{ chainId: number; count: number }>
}

export interface TokenAdded {
  token: TokenView
  duplicates: DuplicateSymbol[]
}

export interface TokenListImport {
  listName: string
  /** Entries for this workspace's chains, registered now. */
  added: number
  updated: number
  /** Entries for other chains, kept for them. */
  otherChains: Array<{ chainId: number; count: number }>
  duplicates: DuplicateSymbol[]
}

export interface DiscoveryStatus {
  chainId: number | null
  state: 'idle' | 'running' | 'stopping' | 'done' | 'stopped' | 'failed'
  fromBlock: number | null
  toBlock: number | null
  scannedTo: number | null
  logs: number
  splits: number
  added: Array<{ address: string; symbol: string; decimals: number }>
  refused: Array<{ address: string; reason: string }>
  known: number
  /** Where a stopped run will go on from (the stored cursor). */
  resumedFrom: number | null
  error: string | null
}

export interface SafeTokenBalance {
  /** null = the chain's native coin. */
  token: string | null
  symbol: string
  decimals: number
  /** Base units. */
  balance: string
  block: number
  readAt: string
}

export interface SafeBalances {
  chainId: number
  safe: string
  label: string | null
  balances: SafeTokenBalance[]
}

export interface BalancesView {
  chainId: number
  native: NativeCurrencyInfo
  safes: SafeBalances[]
  /** How the last read was made, when this call read the chain. */
  via: 'multicall3' | 'per_token' | null
  /** True when the chain could not be read and these are the last stored figures. */
  stale: boolean
  staleReason?: string
}

export interface GovernanceTokenChoice {
  chainId: number
  address: string
  symbol: string
  clockMode: 'blocknumber' | 'timestamp'
  clockModeText: string | null
}

/** Which chain a call is about: the active one when absent. */
const chainId = z
  .number()
  .int()
  .min(1)
  .max(2 ** 53 - 1)
  .optional()

const tokenSymbol = z
  .string()
  .trim()
  .min(1, 'a symbol is required')
  .max(32)
  .refine((v) => ![...v].some((c) => c.charCodeAt(0) < 0x20), 'no control characters')

export const tokensContract = {
  'tokens.list': call<TokenRegistry>()(z.object({ chainId }).strict()),
  /** Reads symbol, name and decimals from the chain; refuses an account with no code or a contract that is not ERC-20. */
  'tokens.add': call<TokenAdded>()(z.object({ chainId, address }).strict()),
  /** A Uniswap Token Lists JSON file, validated against its published schema; nothing is stored unless all is valid. */
  'tokens.importList': call<TokenListImport>()(z.object({ json: z.string().min(2).max(20_000_000) }).strict()),
  /** Starts discovering the tokens of every Safe of the chain from Transfer logs; goes on from a stopped run. */
  'tokens.discover': call<DiscoveryStatus>()(
    z
      .object({
        chainId,
        fromBlock: z
          .number()
          .int()
          .min(0)
          .max(2 ** 53 - 1)
          .optional(),
        rangeBlocks: z.number().int().min(1).max(1_000_000).optional(),
      })
      .strict(),
  ),
  'tokens.discoverStatus': call<DiscoveryStatus>()(z.object({}).strict()),
  'tokens.discoverStop': call<DiscoveryStatus>()(z.object({}).strict()),
  /** Hides a token (spam) or shows it again; a hidden token stays known so discovery does not bring it back. */
  'tokens.hide': call<TokenView>()(z.object({ chainId, address, hidden: z.boolean() }).strict()),
  /** Refused while a budget line, grant, batch, proposal or the governance setting uses it. */
  'tokens.remove': call<{ removed: boolean }>()(z.object({ chainId, address }).strict()),
  /** Balances of every visible token for every Safe of the chain; the stored ones unless `refresh`. */
  'tokens.balances': call<BalancesView>()(z.object({ chainId, refresh: z.boolean().optional() }).strict()),
  'tokens.native': call<NativeCurrencyInfo>()(z.object({ chainId }).strict()),
  /** Sets the chain's native currency (symbol, name, decimals), or with `reset` goes back to the shipped list. */
  'tokens.setNative': call<NativeCurrencyInfo>()(
    z.union([
      z
        .object({
          chainId,
          symbol: tokenSymbol,
          name: z.string().trim().min(1).max(80),
          decimals: z.number().int().min(0).max(77),
        })
        .strict(),
      z.object({ chainId, reset: z.literal(true) }).strict(),
    ]),
  ),
  /** Chooses the governance token (any ERC-5805 / IVotes token, registered first); reads its ERC-6372 clock. */
  'governance.setToken': call<GovernanceTokenChoice>()(z.object({ chainId, address }).strict()),
}
