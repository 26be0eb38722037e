import { ApiError } from '../../../shared/errors'
import type { ParsedInput } from '../../../shared/contract'
import { OPEN_STATUSES, type ProposalAction } from '../../../shared/contract/proposals'
import { type ChainRecord } from '../chain/store'
import { listTokens } from '../tokens/registry'
import { connectSafe } from '../safe/protocol'
import { WORKSPACE_USER, type CoreContext } from '../workspace/context'
import { checkPlan, itemsFromMilestones, type PlannedItem } from '../disbursements/plan'
import { batchItems, getBatch, markCancelled, markProposed, nextBatchNonce } from '../disbursements/store'
import { buildBatchSafeTx } from '../disbursements/multisend'
import { markBatchExecuted } from '../disbursements/execution'
import { requireChain } from '../chain/active'
import { refreshSnapshot } from '../safe/snapshot'
import { refuseOverBudget } from '../disbursements/override'
import { outflowsOf, type BuiltProposal, type OutflowContext } from '../proposals/build'
import { nativeCurrency } from '../tokens/native'
import { getProposalByHash, updateProposal } from '../proposals/store'
import { createProposal, suggestNonce } from '../proposals/lifecycle'
import { syncProposals } from '../proposals/service'

/**
 * A disbursement batch becomes a Safe proposal and follows it: proposing creates both in one transaction, cancelling
 * cancels both, a confirmed execution settles the batch and then syncs the proposal. Above both capabilities: the
 * proposals core only settles or releases a linked batch (disbursements/proposal-link.ts).
 */

/** MultiSendCallOnly from the chain's own contract addresses, or protocol-kit's deployments for a known chain. */
export async function multiSendCallOnly(chain: ChainRecord, safe: string): Promise<string> {
  if (chain.contractNetwork) return chain.contractNetwork.multiSendCallOnlyAddress
  return (await connectSafe(chain, safe)).getMultiSendCallOnlyAddress()
}

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

/** `disbursements.propose`: the batch's SafeTx built at the Safe's next nonce and its Safe proposal created, in one transaction. */
export async function proposeBatch(ctx: CoreContext, { batchId }: ParsedInput<'disbursements.propose'>) {
  const chain = requireChain(ctx.db)
  const draft = getBatch(ctx.db, batchId)
  if (draft.status !== 'draft')
    throw new ApiError('CONFLICT', `Batch #${batchId} is ${draft.status}; only a draft can be proposed.`)
  // Fresh chain state: the nonce to propose at, and balances the batch must fit in.
  const overview = await refreshSnapshot(ctx.db, chain, draft.safeAddress)
  const msco = await multiSendCallOnly(chain, draft.safeAddress)
  ctx.mutate(
    (r: { safeTxHash: string; nonce: number; override: boolean; proposalId: number }) => ({
      actor: WORKSPACE_USER,
      action: 'disbursement.proposed',
      subject: `batch:${batchId}`,
      payload: r,
    }),
    () => {
      const items = batchItems(ctx.db, batchId)
      const milestones = items.filter((i) => i.milestoneId !== null).map((i) => i.milestoneId!)
      if (milestones.length) itemsFromMilestones(ctx.db, chain.chainId, milestones, batchId)
      const plan = checkPlan(ctx.db, { chainId: chain.chainId, safeAddress: draft.safeAddress, items, batchId })
      if (plan.overBudget && !draft.override) refuseOverBudget(plan)
      const short = plan.tokens.filter((t) => t.exceedsBalance)
      if (short.length)
        throw new ApiError(
          'CONFLICT',
          `The Safe cannot pay this batch: ${short
            .map((t) => `${t.symbol} needs ${t.total} (+${t.pendingOutflow} in other proposals), holds ${t.balance}`)
            .join('; ')}.`,
          { tokens: short },
        )
      // The Safe's proposal queue decides the nonce (batches proposed before the link count too).
      const nonce = Math.max(
        suggestNonce(ctx.db, chain.chainId, draft.safeAddress, overview.nonce),
        nextBatchNonce(ctx.db, chain.chainId, draft.safeAddress, overview.nonce),
      )
      const { safeTx, safeTxHash } = buildBatchSafeTx({
        chainId: chain.chainId,
        safeAddress: draft.safeAddress,
        multiSendCallOnly: msco,
        nonce,
        transfers: items.map((i) => ({ token: i.token, receiver: i.receiver, amount: BigInt(i.amount) })),
      })
      markProposed(ctx.db, batchId, { safeTx, safeTxHash, nonce })
      // The batch is signed and executed as a Safe proposal: created here, in the same transaction.
      const proposal = ctx.mutate(
        (p: ReturnType<typeof createProposal>) => ({
          actor: WORKSPACE_USER,
          action: 'proposal.created',
          subject: `proposal:${p.id}`,
          payload: {
            safe: p.safe,
            kind: p.kind,
            title: p.title,
            nonce: p.nonce,
            safeTxHash: p.safeTxHash,
            status: p.status,
            outflows: p.outflows,
            parts: p.actions.length,
            batchId,
          },
        }),
        () =>
          createProposal(ctx.db, {
            chainId: chain.chainId,
            safe: draft.safeAddress,
            built: batchAsProposal(items, safeTx, {
              safe: draft.safeAddress,
              native: nativeCurrency(ctx.db, chain.chainId),
              tokens: new Map(listTokens(ctx.db, chain.chainId).map((t) => [t.address, t])),
            }),
            nonce,
            title: draft.title,
            description: `Disbursement batch #${batchId} (${items.length} payment${items.length === 1 ? '' : 's'}).`,
            category: 'disbursement',
            budgetLineId: batchBudgetLine(items),
            grantLink: batchGrantLink(batchId, items),
            proposer: WORKSPACE_USER,
          }),
      )
      if (proposal.safeTxHash !== safeTxHash.toLowerCase())
        throw new ApiError('INTERNAL', `Batch #${batchId} and its proposal disagree on the transaction hash.`)
      return { safeTxHash, nonce, override: Boolean(draft.override), proposalId: proposal.id }
    },
  )
  return getBatch(ctx.db, batchId)
}

/** `disbursements.cancel`: the batch and its open proposal are cancelled together. */
export function cancelBatch(ctx: CoreContext, { batchId, reason }: ParsedInput<'disbursements.cancel'>) {
  const batch = getBatch(ctx.db, batchId)
  // A batch carried by an on-chain proposal is bound by the Governor, not by this app: it is released when that
  // proposal can no longer execute (defeated, cancelled or vetoed, expired), never by a local cancel.
  if (batch.status === 'proposed' && batch.governorProposal)
    throw new ApiError(
      'CONFLICT',
      `Batch #${batchId} is carried by the on-chain proposal "${batch.governorProposal.title}": cancel or veto that proposal; the batch is released when it can no longer execute.`,
    )
  const hash = batch.safeTxHash
  ctx.mutate(
    (r: { from: string; proposalId: number | null }) => ({
      actor: WORKSPACE_USER,
      action: 'disbursement.cancelled',
      subject: `batch:${batchId}`,
      payload: { ...r, reason },
    }),
    () => {
      const from = markCancelled(ctx.db, batchId)
      // Its proposal is cancelled with it (a signed copy executed anyway is still detected on sync).
      const proposal = hash ? getProposalByHash(ctx.db, hash) : null
      if (proposal && OPEN_STATUSES.includes(proposal.status)) {
        updateProposal(ctx.db, proposal.id, { status: 'cancelled' })
        return { from, proposalId: proposal.id }
      }
      return { from, proposalId: null }
    },
  )
  return getBatch(ctx.db, batchId)
}

/** `disbursements.confirmExecution`: the batch settles from the chain, then its proposal follows. */
export async function confirmBatchExecution(
  ctx: CoreContext,
  { txHash, block }: ParsedInput<'disbursements.confirmExecution'>,
) {
  const chain = requireChain(ctx.db)
  const batchId = await markBatchExecuted(ctx, chain, txHash, block)
  // Its proposal follows the chain too (executed elsewhere): best effort, the batch is already settled.
  await syncProposals(ctx, chain, getBatch(ctx.db, batchId).safeAddress).catch(() => undefined)
  return getBatch(ctx.db, batchId)
}
