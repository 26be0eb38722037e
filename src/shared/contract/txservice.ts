import { z } from 'zod'
import { call } from './define'
import { address } from './primitives'

/** A Safe Transaction Service as the app shows it (never the API key itself). */
export interface TxServiceEndpointView {
  chainId: number
  /** null: Safe's hosted service for this chain. */
  url: string | null
  hasApiKey: boolean
  updatedAt: string
}

export type TxServiceOutboxStatus = 'pending' | 'delivered' | 'refused' | 'cancelled'

export interface TxServiceOutboxView {
  id: number
  chainId: number
  safe: string
  safeTxHash: string
  signer: string
  status: TxServiceOutboxStatus
  attempts: number
  nextAttemptAt: string
  lastError: string | null
  postedAs: 'proposal' | 'confirmation' | 'already_there' | null
  proposalId: number | null
  createdAt: string
  updatedAt: string
}

export interface TxServiceRefusalView {
  chainId: number
  safe: string
  safeTxHash: string
  owner: string | null
  reason: string
  firstSeenAt: string
  lastSeenAt: string
}

export interface TxServicePulledView {
  chainId: number
  safe: string
  safeTxHash: string
  proposalId: number
  origin: string | null
  pulledAt: string
}

export interface TxServiceStatus {
  endpoints: TxServiceEndpointView[]
  outbox: TxServiceOutboxView[]
  refusals: TxServiceRefusalView[]
  pulled: TxServicePulledView[]
}

export interface TxServicePullReport {
  chainId: number
  safe: string
  seen: number
  added: number[]
  signaturesAdded: number
  refused: Array<{ safeTxHash: string; owner: string | null; reason: string }>
  chainNote: string | null
}

export interface TxServiceDeliveryReport {
  chainId: number
  delivered: number
  failed: number
  refused: number
  waiting: number
  error: string | null
}

const chainId = z.number().int().positive()

/** http(s) only, no credentials in the URL (an API key goes in its own field), no query or fragment. */
export const serviceUrl = z
  .string()
  .trim()
  .max(500)
  .refine((v) => {
    try {
      const u = new URL(v)
      return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password && !u.search && !u.hash
    } catch {
      return false
    }
  }, 'not an http(s) URL without credentials, query or fragment (e.g. https://safe-transaction.example.org/api)')
  .transform((v) => v.replace(/\/+$/, ''))

export const txServiceContract = {
  /** Endpoints per chain, the outbox, refusals and what was pulled; all chains, or one. */
  'txservice.status': call<TxServiceStatus>()(z.object({ chainId: chainId.optional() }).strict()),
  /** Sets the service of a chain: a URL (self-hosted), or Safe's hosted one (url null, with the API key it asks for). */
  'txservice.configure': call<TxServiceEndpointView>()(
    z
      .object({
        chainId: chainId.optional(),
        url: serviceUrl.nullable(),
        apiKey: z.string().trim().min(1).max(2000).nullable().optional(),
      })
      .strict()
      .refine((v) => v.url !== null || !!v.apiKey, {
        message: "Safe's hosted service needs an API key (or give your own service's URL)",
        path: ['apiKey'],
      }),
  ),
  /** Turns the service off for a chain: the app works as before; the outbox keeps its items. */
  'txservice.disable': call<{ removed: boolean }>()(z.object({ chainId: chainId.optional() }).strict()),
  /** Reads pending transactions and confirmations of a Safe (default: the active one) into the queue. */
  'txservice.pull': call<TxServicePullReport>()(z.object({ safe: address.optional() }).strict()),
  /** Queues new signatures and posts what is due (retryNow: also what waits for its backoff). */
  'txservice.push': call<TxServiceDeliveryReport>()(
    z.object({ chainId: chainId.optional(), retryNow: z.boolean().optional() }).strict(),
  ),
  'txservice.retry': call<TxServiceOutboxView>()(z.object({ id: z.number().int().positive() }).strict()),
  'txservice.cancel': call<TxServiceOutboxView>()(z.object({ id: z.number().int().positive() }).strict()),
}
