import { ApiError } from '../../../shared/errors'
import type { ChainRecord } from '../chain/store'
import type { CoreContext } from '../workspace/context'
import { batchByHash, markCancelled } from './store'
import { markBatchExecuted } from './execution'

/**
 * The proposal for this SafeTx will never execute (failed inside, replaced on its nonce, cancelled): the batch's
 * amounts are no longer committed. Call inside a mutation (its own audit event nests in that transaction).
 */
export function releaseLinkedBatch(
  ctx: CoreContext,
  safeTxHash: string,
  proposalId: number,
  why: string,
  /** Whose act released it: the executor of the replacing transaction, or the workspace user (sync, cancel). */
  actor: string,
): number | null {
  const batch = batchByHash(ctx.db, safeTxHash)
  if (!batch) return null
  return releaseBatch(ctx, batch.id, actor, { proposalId, why, safeTxHash }) ? batch.id : null
}

/**
 * The one release of a proposed batch whose carrier (a Safe proposal or a Governor proposal) will never execute:
 * its amounts stop being committed, audited as `disbursement.released` with why. A batch no longer proposed is left
 * as it is. Returns whether it was released.
 */
export function releaseBatch(
  ctx: CoreContext,
  batchId: number,
  actor: string,
  payload: Record<string, unknown> & { why: string },
): boolean {
  const row = ctx.db.prepare('SELECT status FROM disbursement_batches WHERE id = ?').get(batchId) as
    { status: string } | undefined
  if (row?.status !== 'proposed') return false
  ctx.mutate({ actor, action: 'disbursement.released', subject: `batch:${batchId}`, payload }, () =>
    markCancelled(ctx.db, batchId),
  )
  return true
}

/**
 * The proposal for this SafeTx was executed (here or elsewhere): the batch follows only once the chain shows it
 * (markBatchExecuted verifies the receipt and the Safe's event). An ExecutionFailure marks the batch failed.
 * Never throws: the execution already happened; a batch left proposed is settled on the next sync or by
 * disbursements.confirmExecution. Returns the problem, if any.
 */
export async function settleLinkedBatch(
  ctx: CoreContext,
  chain: ChainRecord,
  safeTxHash: string,
  txHash: string,
  block: number | null,
): Promise<string | null> {
  const batch = batchByHash(ctx.db, safeTxHash)
  if (!batch || batch.status === 'executed' || batch.status === 'failed' || batch.status === 'draft') return null
  try {
    await markBatchExecuted(ctx, chain, txHash, block ?? undefined)
    return null
  } catch (error) {
    // An ExecutionFailure is recorded by markBatchExecuted before it throws: that is the expected outcome.
    if (error instanceof ApiError && batchByHash(ctx.db, safeTxHash)?.status === 'failed') return null
    return error instanceof Error ? error.message : String(error)
  }
}
