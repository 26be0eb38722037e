// The treasury side of a Governor that drives a Safe: an execution counts for the Safe (history, budgets, ledger)
// once the executing transaction shows the Safe's own ExecutionFromModuleSuccess by the Governor's module, whoever
// sent it (the app, Tally, a script).
import { getAddress, type JsonRpcProvider, type TransactionReceipt } from 'ethers'
import { WORKSPACE_USER, type CoreContext } from '../workspace/context'
import type { ChainRecord } from '../chain/store'
import type { Outflow } from '../../../shared/contract/proposals'
import { safeModuleIface } from './abi'
import { readProposalsExecuted } from './read'
import { markExecuted } from '../disbursements/store'
import { releaseBatch } from '../disbursements/proposal-link'
import { getGovernorProposal, insertGovernorProposal, markGovernorProposalExecuted, type GovernorRecord } from './store'

const MODULE_SUCCESS_TOPIC = safeModuleIface.getEvent('ExecutionFromModuleSuccess')!.topicHash

/** How many calls the module made the Safe perform in this transaction. */
export function moduleExecutionsIn(receipt: Pick<TransactionReceipt, 'logs'>, safe: string, module: string): number {
  return receipt.logs.filter(
    (log) =>
      getAddress(log.address) === getAddress(safe) &&
      log.topics[0] === MODULE_SUCCESS_TOPIC &&
      getAddress(`0x${log.topics[1].slice(26)}`) === getAddress(module),
  ).length
}

/**
 * Stores the execution (and the proposal, when the app did not propose it) inside the caller's transaction. A
 * disbursement batch the proposal carries is executed with it: its milestones paid, its amounts spent, audited in
 * the executor's name as a Safe execution of the batch is.
 */
export function recordExecution(
  ctx: CoreContext,
  key: { chainId: number; governor: string; proposalId: string },
  p: { safe: string; title: string; outflows: Outflow[] },
  execution: { txHash: string; block: number; at: string },
  executor: string,
): void {
  const known = getGovernorProposal(ctx.db, key.chainId, key.governor, key.proposalId)
  if (!known) insertGovernorProposal(ctx.db, { ...key, ...p, budgetLineId: null })
  markGovernorProposalExecuted(ctx.db, key, execution)
  const batchId = known?.disbursementBatchId
  if (batchId)
    ctx.mutate(
      (paid: number[]) => ({
        actor: executor,
        action: 'disbursement.executed',
        subject: `batch:${batchId}`,
        payload: { governor: key.governor, proposalId: key.proposalId, ...execution, milestonesPaid: paid },
      }),
      () => markExecuted(ctx.db, batchId, execution),
    )
}

/**
 * Executions the workspace has not recorded yet (sent outside the app), read from ProposalExecuted logs; each is
 * audited in the name of the account that sent the executing transaction.
 */
export async function syncExecutions(
  ctx: CoreContext,
  chain: ChainRecord,
  g: GovernorRecord,
  provider: JsonRpcProvider,
  describe: (proposalId: bigint) => { title: string; outflows: Outflow[] } | null,
): Promise<number> {
  if (!g.safe || !g.module) return 0
  const latest = await provider.getBlockNumber()
  let recorded = 0
  for (const ex of await readProposalsExecuted(chain.rpcUrl, g.address, g.fromBlock, latest)) {
    const key = { chainId: chain.chainId, governor: g.address, proposalId: ex.proposalId.toString() }
    if (getGovernorProposal(ctx.db, key.chainId, key.governor, key.proposalId)?.executedTxHash) continue
    const p = describe(ex.proposalId)
    const [receipt, tx, block] = await Promise.all([
      provider.getTransactionReceipt(ex.transactionHash),
      provider.getTransaction(ex.transactionHash),
      provider.getBlock(ex.blockNumber),
    ])
    if (!p || !receipt || !tx || moduleExecutionsIn(receipt, g.safe, g.module) === 0) continue
    const at = new Date(Number(block?.timestamp ?? 0) * 1000).toISOString()
    ctx.mutate(
      {
        actor: getAddress(tx.from),
        action: 'governor.executionRecorded',
        subject: `governor:${g.chainId}:${g.address}:proposal:${ex.proposalId}`,
        payload: { safe: g.safe, title: p.title, outflows: p.outflows, transactionHash: ex.transactionHash },
      },
      () =>
        recordExecution(
          ctx,
          key,
          { safe: g.safe!, ...p },
          { txHash: ex.transactionHash, block: ex.blockNumber, at },
          getAddress(tx.from),
        ),
    )
    recorded += 1
  }
  return recorded
}

const NEVER_EXECUTES = new Set(['Defeated', 'Canceled', 'Expired'])

/**
 * A proposal that can no longer execute (defeated, cancelled or vetoed, expired) releases the disbursement batch it
 * carried, as a Safe proposal that will never execute does: its amounts stop being committed.
 */
export function releaseBatches(
  ctx: CoreContext,
  g: GovernorRecord,
  states: Array<{ proposalId: string; state: string }>,
) {
  for (const { proposalId, state } of states) {
    if (!NEVER_EXECUTES.has(state)) continue
    const batchId = getGovernorProposal(ctx.db, g.chainId, g.address, proposalId)?.disbursementBatchId
    if (!batchId) continue
    releaseBatch(ctx, batchId, WORKSPACE_USER, {
      governor: g.address,
      proposalId,
      why: `the on-chain proposal is ${state}`,
    })
  }
}
