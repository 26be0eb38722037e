import { ApiError } from '../../../shared/errors'
import type { ProposalAction } from '../../../shared/contract/proposals'
import type { ChainRecord } from '../chain/store'
import type { CoreContext } from '../workspace/context'
import { outflowsOf, type BuiltProposal, type OutflowContext } from '../proposals/build'
import type { PlannedItem } from './plan'
import { batchByHash, markCancelled } from './store'
import { markBatchExecuted } from './execution'

/**
 * A batch as an issue-4 proposal (kind batch): the same MultiSendCallOnly SafeTx, with each transfer shown to the
 * signers as an action.
 */
export function batchAsProposal(
  items: PlannedItem[],
  tx: { to: string; value: string; data: `0x${string}`; operation: number },
  from: OutflowContext,
): BuiltProposal {
  const actions: ProposalAction[] = items.map((i) =>
    i.token === 'native'
      ? { type: 'eth_transfer', to: i.receiver, amount: i.amount }
      : {
          type: 'erc20_transfer',
          token: i.token,
          symbol: i.symbol,
          decimals: i.decimals,
          to: i.receiver,
          amount: i.amount,
        },
  )
  return {
    kind: 'batch',
    tx: { to: tx.to, value: tx.value, data: tx.data, operation: tx.operation as 0 | 1 },
    actions,
    outflows: outflowsOf(actions, from),
    multiSend: tx.to,
  }
}

/** The budget line a batch proposal carries: its only line, or the first when it spans several. */
export function batchBudgetLine(items: PlannedItem[]): string | null {
  const lines = [...new Set(items.map((i) => i.budgetLineId))]
  return lines.length ? String(lines[0]) : null
}

/** The grant(s) a batch pays, as the proposal's grant link. */
export function batchGrantLink(batchId: number, items: PlannedItem[]): string {
  const grants = [...new Set(items.filter((i) => i.grantId !== null).map((i) => i.grantId!))]
  return [`batch:${batchId}`, ...grants.map((g) => `grant:${g}`)].join(' ')
}

/**
 * The proposal for this SafeTx will never execute (failed inside, replaced on its nonce, cancelled): the batch's
 * amounts are no longer committed. Call inside a mutation (its own audit event nests in that transaction).
 */
export function releaseLinkedBatch(
  ctx: CoreContext,
  safeTxHash: string,
  proposalId: number,
  why: string,
): number | null {
  const batch = batchByHash(ctx.db, safeTxHash)
  if (!batch || batch.status !== 'proposed') return null
  ctx.mutate(
    { action: 'disbursement.released', subject: `batch:${batch.id}`, payload: { proposalId, why, safeTxHash } },
    () => markCancelled(ctx.db, batch.id),
  )
  return batch.id
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
