import { getAddress } from 'ethers'
import { ApiError } from '../../../shared/errors'
import type { ChainRecord } from '../chain/store'
import { rpcProvider } from '../chain/rpc'
import type { CoreContext } from '../workspace/context'
import { executionEvent } from '../safe/execution-events'
import { batchByHash, markExecuted, markFailed } from './store'

export interface VerifiedExecution {
  txHash: string
  block: number
  /** The account that sent (and paid for) the transaction: the actor of the execution. */
  executor: string
  /** The block's time (ISO), so burn-over-time follows the chain, not the clock of whoever confirmed. */
  at: string
  /** Safe executions in this transaction: the emitting Safe, the safeTxHash, and whether it succeeded. */
  executions: Array<{ safe: string; safeTxHash: string; success: boolean }>
}

/**
 * Reads a transaction's receipt and the Safe events in it. Refuses a transaction that is unknown, reverted, or
 * in another block than the one claimed; the block must still be the chain's (no reorg since).
 */
export async function verifyExecution(chain: ChainRecord, txHash: string, block?: number): Promise<VerifiedExecution> {
  const provider = rpcProvider(chain.rpcUrl, chain.chainId)
  try {
    const receipt = await provider.getTransactionReceipt(txHash)
    if (!receipt) throw new ApiError('NOT_FOUND', `Transaction ${txHash} is not on chain ${chain.chainId} (yet).`)
    if (receipt.status !== 1) throw new ApiError('CONFLICT', `Transaction ${txHash} reverted; nothing was paid.`)
    if (block !== undefined && receipt.blockNumber !== block)
      throw new ApiError('CONFLICT', `Transaction ${txHash} is in block ${receipt.blockNumber}, not ${block}.`)
    const header = await provider.getBlock(receipt.blockNumber)
    if (!header || header.hash !== receipt.blockHash)
      throw new ApiError('CONFLICT', `Block ${receipt.blockNumber} changed (reorganised); confirm again later.`)
    const executions: VerifiedExecution['executions'] = []
    // Safe 1.4.x indexes the event's txHash, 1.3.0 does not (it is in the data): read both.
    for (const log of receipt.logs) {
      const event = executionEvent(log)
      if (!event) continue
      executions.push({ safe: getAddress(log.address), safeTxHash: event.hash, success: event.outcome === 'success' })
    }
    return {
      txHash: receipt.hash,
      block: receipt.blockNumber,
      executor: getAddress(receipt.from),
      at: new Date(header.timestamp * 1000).toISOString(),
      executions,
    }
  } catch (error) {
    if (error instanceof ApiError) throw error
    throw new ApiError(
      'CHAIN_ERROR',
      `The chain could not be read: ${(error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 200)}`,
    )
  } finally {
    provider.destroy()
  }
}

/**
 * Marks the batch executed by `txHash` only once the chain shows it: a successful receipt carrying the batch Safe's
 * ExecutionSuccess event for the batch's safeTxHash. Then, in one audited change, its milestones become paid and its
 * amounts move from committed to spent. An ExecutionFailure marks it failed (the nonce is used, nothing moved).
 * The proposals core calls it (through proposal-link.ts) when it records the batch proposal's execution.
 */
export async function markBatchExecuted(
  ctx: CoreContext,
  chain: ChainRecord,
  txHash: string,
  block?: number,
): Promise<number> {
  const verified = await verifyExecution(chain, txHash, block)
  for (const execution of verified.executions) {
    const batch = batchByHash(ctx.db, execution.safeTxHash)
    if (!batch || batch.chain_id !== chain.chainId || getAddress(batch.safe_address) !== execution.safe) continue
    if (batch.status === 'executed' && batch.executed_tx_hash === verified.txHash) return batch.id
    const at = { txHash: verified.txHash, block: verified.block, at: verified.at }
    if (!execution.success) {
      ctx.mutate(
        {
          actor: verified.executor,
          action: 'disbursement.failed',
          subject: `batch:${batch.id}`,
          payload: { safeTxHash: batch.safe_tx_hash, ...at },
        },
        () => markFailed(ctx.db, batch.id, at),
      )
      throw new ApiError(
        'CONFLICT',
        `The Safe ran batch #${batch.id} in ${verified.txHash} but it failed inside (ExecutionFailure): nothing was paid.`,
        { batchId: batch.id },
      )
    }
    ctx.mutate(
      (paid: number[]) => ({
        actor: verified.executor,
        action: 'disbursement.executed',
        subject: `batch:${batch.id}`,
        payload: { safeTxHash: batch.safe_tx_hash, ...at, milestonesPaid: paid, previousStatus: batch.status },
      }),
      () => markExecuted(ctx.db, batch.id, at),
    )
    return batch.id
  }
  throw new ApiError(
    'NOT_FOUND',
    `Transaction ${verified.txHash} executed no proposed batch of this workspace (no matching Safe ExecutionSuccess event).`,
    { executions: verified.executions },
  )
}
