import { createRequire } from 'node:module'
import { z } from 'zod'
import type * as ApiKit from '@safe-global/api-kit'
import { firstLine } from '../first-line'

let apiKit: typeof ApiKit | undefined

/** api-kit, loaded on first use (it pulls protocol-kit and viem in; the app's start does not wait for them). */
function loadApiKit(): typeof ApiKit {
  return (apiKit ??= createRequire(__filename)('@safe-global/api-kit') as typeof ApiKit)
}

/** How long one request to the service may take (env override for tests and slow links). */
export function serviceTimeoutMs(): number {
  const fromEnv = Number(process.env.TREASURY_TXSERVICE_TIMEOUT_MS)
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 15_000
}

export interface ServiceEndpoint {
  chainId: number
  /** null: Safe's hosted service for the chain (api-kit knows which; it needs an API key). */
  url: string | null
  apiKey: string | null
}

/** A failure talking to the service: `refused` when it answered 4xx (it will answer the same again). */
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly refused: boolean,
    readonly status: number | null = null,
  ) {
    super(message)
    this.name = 'ServiceError'
  }
}

const hexString = z.string().regex(/^0x[0-9a-fA-F]*$/)
const uintString = z.union([z.string().regex(/^[0-9]{1,78}$/), z.number().int().nonnegative()]).transform(String)
const addressString = z.string().regex(/^0x[0-9a-fA-F]{40}$/)

/** One confirmation as the service gives it (SafeMultisigConfirmationResponse); only what the app reads. */
export const serviceConfirmation = z.object({
  owner: addressString,
  signature: hexString,
  signatureType: z.string().optional(),
  submissionDate: z.string().optional(),
})

/** One multisig transaction as the service gives it (SafeMultisigTransactionResponse); only what the app reads. */
export const serviceTransaction = z.object({
  safe: addressString,
  to: addressString,
  value: uintString,
  data: hexString.nullable().optional(),
  operation: z.number().int(),
  gasToken: addressString,
  safeTxGas: uintString,
  baseGas: uintString,
  gasPrice: uintString,
  refundReceiver: addressString.nullable().optional(),
  nonce: uintString,
  safeTxHash: z.string().regex(/^0x[0-9a-fA-F]{64}$/),
  isExecuted: z.boolean(),
  transactionHash: z.string().nullable().optional(),
  proposer: z.string().nullable().optional(),
  origin: z.string().nullable().optional(),
  confirmations: z.array(serviceConfirmation).max(1000).optional(),
})

export type ServiceTransaction = z.output<typeof serviceTransaction>
export type ServiceConfirmation = z.output<typeof serviceConfirmation>

type ProposalData = Parameters<ApiKit.default['proposeTransaction']>[0]['safeTransactionData']

const PAGE_SIZE = 100
const MAX_PAGES = 10

const transactionList = z.object({ count: z.number().int().nonnegative(), results: z.array(z.unknown()).max(10_000) })

/**
 * Safe's own client, bounded in time, its answers checked for shape. Answers are still claims: the caller
 * recomputes hashes and recovers signatures before anything counts.
 */
export class ServiceClient {
  private readonly kit: ApiKit.default

  constructor(
    readonly endpoint: ServiceEndpoint,
    private readonly timeoutMs = serviceTimeoutMs(),
    private readonly pageSize = PAGE_SIZE,
  ) {
    const SafeApiKit = loadApiKit().default
    try {
      this.kit = new SafeApiKit({
        chainId: BigInt(endpoint.chainId),
        txServiceUrl: endpoint.url ?? undefined,
        apiKey: endpoint.apiKey ?? undefined,
      })
    } catch (error) {
      throw new ServiceError(firstLine(error), true)
    }
  }

  /**
   * The pending (not executed) transactions from `fromNonce` on, page by page (at most MAX_PAGES of `pageSize`),
   * each parsed alone: a bad one does not hide the rest.
   */
  async pending(safe: string, fromNonce: number): Promise<Array<ServiceTransaction | { malformed: string }>> {
    const items: unknown[] = []
    for (let page = 0; page < MAX_PAGES; page++) {
      // currentNonce as a string: api-kit asks the service for the Safe's nonce when it is falsy (0), and the
      // chain's nonce is the one that counts.
      const answer = await this.request('read the pending transactions', () =>
        this.kit.getPendingTransactions(safe, {
          currentNonce: String(fromNonce) as unknown as number,
          ordering: 'nonce',
          limit: this.pageSize,
          offset: items.length,
        }),
      )
      const list = transactionList.safeParse(answer)
      if (!list.success) throw new ServiceError('the service answered something that is not a transaction list', false)
      items.push(...list.data.results)
      if (list.data.results.length === 0 || items.length >= list.data.count) break
    }
    return items.map((item) => {
      const parsed = serviceTransaction.safeParse(item)
      if (parsed.success) return parsed.data
      const issue = parsed.error.issues[0]
      return { malformed: `${issue.path.join('.') || 'transaction'}: ${issue.message}` }
    })
  }

  /** The transaction with this hash, or null when the service does not know it. */
  async transaction(safeTxHash: string): Promise<ServiceTransaction | null> {
    let answer: unknown
    try {
      answer = await this.request('read the transaction', () => this.kit.getTransaction(safeTxHash))
    } catch (error) {
      if (error instanceof ServiceError && error.status === 404) return null
      throw error
    }
    const parsed = serviceTransaction.safeParse(answer)
    if (!parsed.success) throw new ServiceError('the service answered something that is not a transaction', false)
    return parsed.data
  }

  async propose(p: {
    safe: string
    safeTx: {
      to: string
      value: string
      data: string
      operation: number
      safeTxGas: string
      baseGas: string
      gasPrice: string
      gasToken: string
      refundReceiver: string
      nonce: string
    }
    safeTxHash: string
    sender: string
    signature: string
  }): Promise<void> {
    await this.request('post the proposal', () =>
      this.kit.proposeTransaction({
        safeAddress: p.safe,
        safeTransactionData: {
          ...p.safeTx,
          operation: p.safeTx.operation as ProposalData['operation'],
          // The service reads the nonce as a JSON number; a Safe nonce stays far below 2^53.
          nonce: Number(p.safeTx.nonce),
        },
        safeTxHash: p.safeTxHash,
        senderAddress: p.sender,
        senderSignature: p.signature,
        origin: 'AITBC Treasury',
      }),
    )
  }

  async confirm(safeTxHash: string, signature: string): Promise<void> {
    await this.request('post the confirmation', () => this.kit.confirmTransaction(safeTxHash, signature))
  }

  private async request<T>(what: string, work: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined
    try {
      return await Promise.race([
        work(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new ServiceError(`the service did not answer within ${Math.round(this.timeoutMs / 1000)} s`, false),
              ),
            this.timeoutMs,
          )
        }),
      ])
    } catch (error) {
      if (error instanceof ServiceError) throw error
      const status = (error as { statusCode?: unknown }).statusCode
      if (typeof status === 'number')
        throw new ServiceError(
          `the service could not ${what}: HTTP ${status} ${firstLine(error, 200)}`,
          status >= 400 && status < 500 && status !== 408 && status !== 429,
          status,
        )
      // Unreachable, reset, or an answer that is not JSON at all.
      throw new ServiceError(`the service could not ${what}: ${firstLine(error, 200)}`, false)
    } finally {
      clearTimeout(timer)
    }
  }
}
