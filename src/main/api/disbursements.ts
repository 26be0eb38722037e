import type { Handlers } from './registry'
import { ApiError } from '../../shared/errors'
import { assertCouncilMember } from '../core/budgets'
import {
  batchItems,
  buildBatchSafeTx,
  checkPlan,
  draftDueBatches,
  ensureCouncilKnown,
  ensureSnapshot,
  getBatch,
  getSchedule,
  insertBatch,
  insertSchedule,
  itemsFromMilestones,
  itemsFromSource,
  listBatches,
  listSchedules,
  markBatchExecuted,
  markCancelled,
  markProposed,
  nextBatchNonce,
  overBudgetMessage,
  refreshSnapshot,
  requireChain,
  resolveSafe,
  setPaused,
  todayUtc,
} from '../core/disbursements'
import { connectSafe } from '../core/safe'
import { batchAsProposal, batchBudgetLine, batchGrantLink } from '../core/disbursements/proposal-link'
import { createProposal, getProposalByHash, suggestNonce, syncProposals, updateProposal } from '../core/proposals'
import { OPEN_STATUSES } from '../../shared/contract/proposals'
import { listTokens, type ChainRecord } from '../core/chain'
import { nativeCurrency } from '../core/tokens'
import type { BatchPlan } from '../../shared/contract'
import type { CoreContext } from '../core/workspace'

function refuseOverBudget(plan: BatchPlan): never {
  throw new ApiError(
    'CONFLICT',
    `This batch exceeds its budget: ${overBudgetMessage(plan)}. A council member may record an override with a reason.`,
    { lines: plan.lines.filter((l) => l.overBy !== '0') },
  )
}

async function overrideBy(ctx: CoreContext, chain: ChainRecord, by: string): Promise<string> {
  await ensureCouncilKnown(ctx.db, chain)
  return assertCouncilMember(ctx.db, chain.chainId, by, 'override a budget')
}

/** MultiSendCallOnly from the chain's own contract addresses, or protocol-kit's deployments for a known chain. */
async function multiSendCallOnly(chain: ChainRecord, safe: string): Promise<string> {
  if (chain.contractNetwork) return chain.contractNetwork.multiSendCallOnlyAddress
  return (await connectSafe(chain, safe)).getMultiSendCallOnlyAddress()
}

export const disbursementsHandlers: Handlers<
  | 'disbursements.list'
  | 'disbursements.get'
  | 'disbursements.preview'
  | 'disbursements.create'
  | 'disbursements.propose'
  | 'disbursements.cancel'
  | 'disbursements.confirmExecution'
  | 'disbursements.schedules'
  | 'disbursements.createSchedule'
  | 'disbursements.pauseSchedule'
  | 'disbursements.draftDue'
> = {
  'disbursements.list': ({ status }, { ctx }) => listBatches(ctx.db, status),

  'disbursements.get': ({ batchId }, { ctx }) => getBatch(ctx.db, batchId),

  'disbursements.preview': async ({ source, safeAddress }, { ctx }) => {
    const chain = requireChain(ctx.db)
    const safe = resolveSafe(ctx.db, chain.chainId, safeAddress)
    await ensureSnapshot(ctx.db, chain, safe)
    const items = itemsFromSource(ctx.db, chain.chainId, source)
    return checkPlan(ctx.db, { chainId: chain.chainId, safeAddress: safe, items })
  },

  'disbursements.create': async ({ title, source, safeAddress, override }, { ctx }) => {
    const chain = requireChain(ctx.db)
    const safe = resolveSafe(ctx.db, chain.chainId, safeAddress)
    await ensureSnapshot(ctx.db, chain, safe)
    const by = override ? await overrideBy(ctx, chain, override.by) : null
    // Validation, the budget check and the insert run in one synchronous transaction: nothing can slip between.
    const id = ctx.mutate(
      (r: { id: number; plan: BatchPlan }) => ({
        action: 'disbursement.drafted',
        subject: `batch:${r.id}`,
        payload: {
          title,
          source: source.kind,
          safe,
          items: r.plan.items.length,
          totals: r.plan.tokens.map((t) => ({ token: t.token, symbol: t.symbol, total: t.total })),
        },
      }),
      () => {
        const items = itemsFromSource(ctx.db, chain.chainId, source)
        const plan = checkPlan(ctx.db, { chainId: chain.chainId, safeAddress: safe, items })
        if (plan.overBudget && !by) refuseOverBudget(plan)
        const useOverride = plan.overBudget && by && override ? { by, reason: override.reason } : undefined
        const batchId = insertBatch(ctx.db, {
          title,
          source: source.kind,
          chainId: chain.chainId,
          safeAddress: safe,
          items,
          override: useOverride,
        })
        if (useOverride)
          ctx.mutate(
            {
              action: 'budget.override.recorded',
              subject: `batch:${batchId}`,
              payload: {
                by: useOverride.by,
                reason: useOverride.reason,
                over: plan.lines.filter((l) => l.overBy !== '0'),
              },
            },
            () => undefined,
          )
        return { id: batchId, plan }
      },
    ).id
    return getBatch(ctx.db, id)
  },

  'disbursements.propose': async ({ batchId, override }, { ctx }) => {
    const chain = requireChain(ctx.db)
    const draft = getBatch(ctx.db, batchId)
    if (draft.status !== 'draft')
      throw new ApiError('CONFLICT', `Batch #${batchId} is ${draft.status}; only a draft can be proposed.`)
    // Fresh chain state: the nonce to propose at, and balances the batch must fit in.
    const overview = await refreshSnapshot(ctx.db, chain, draft.safeAddress)
    const msco = await multiSendCallOnly(chain, draft.safeAddress)
    const by = override ? await overrideBy(ctx, chain, override.by) : null
    ctx.mutate(
      (r: { safeTxHash: string; nonce: number; override: boolean; proposalId: number }) => ({
        action: 'disbursement.proposed',
        subject: `batch:${batchId}`,
        payload: r,
      }),
      () => {
        const items = batchItems(ctx.db, batchId)
        const milestones = items.filter((i) => i.milestoneId !== null).map((i) => i.milestoneId!)
        if (milestones.length) itemsFromMilestones(ctx.db, chain.chainId, milestones, batchId)
        const plan = checkPlan(ctx.db, { chainId: chain.chainId, safeAddress: draft.safeAddress, items, batchId })
        const newOverride = plan.overBudget && by && override ? { by, reason: override.reason } : undefined
        if (plan.overBudget && !draft.override && !newOverride) refuseOverBudget(plan)
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
        markProposed(ctx.db, batchId, { safeTx, safeTxHash, nonce, override: newOverride })
        // The batch is signed and executed as a Safe proposal: created here, in the same transaction.
        const proposal = ctx.mutate(
          (p: ReturnType<typeof createProposal>) => ({
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
              proposer: ctx.actor(),
            }),
        )
        if (proposal.safeTxHash !== safeTxHash.toLowerCase())
          throw new ApiError('INTERNAL', `Batch #${batchId} and its proposal disagree on the transaction hash.`)
        if (newOverride)
          ctx.mutate(
            {
              action: 'budget.override.recorded',
              subject: `batch:${batchId}`,
              payload: { ...newOverride, over: plan.lines.filter((l) => l.overBy !== '0') },
            },
            () => undefined,
          )
        return { safeTxHash, nonce, override: Boolean(newOverride ?? draft.override), proposalId: proposal.id }
      },
    )
    return getBatch(ctx.db, batchId)
  },

  'disbursements.cancel': ({ batchId, reason }, { ctx }) => {
    const hash = getBatch(ctx.db, batchId).safeTxHash
    ctx.mutate(
      (r: { from: string; proposalId: number | null }) => ({
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
  },

  'disbursements.confirmExecution': async ({ txHash, block }, { ctx }) => {
    const chain = requireChain(ctx.db)
    const batchId = await markBatchExecuted(ctx, chain, txHash, block)
    // Its proposal follows the chain too (executed elsewhere): best effort, the batch is already settled.
    await syncProposals(ctx, chain, getBatch(ctx.db, batchId).safeAddress).catch(() => undefined)
    return getBatch(ctx.db, batchId)
  },

  'disbursements.schedules': ({ asOf }, { ctx }) => listSchedules(ctx.db, asOf ?? todayUtc()),

  'disbursements.createSchedule': (input, { ctx }) => {
    const chain = requireChain(ctx.db)
    const safe = resolveSafe(ctx.db, chain.chainId, input.safeAddress)
    const id = ctx.mutate(
      (scheduleId: number) => ({
        action: 'disbursement.schedule.created',
        subject: `schedule:${scheduleId}`,
        payload: { ...input, safeAddress: safe },
      }),
      () => insertSchedule(ctx.db, { ...input, chainId: chain.chainId, safeAddress: safe }),
    )
    return getSchedule(ctx.db, id, todayUtc())
  },

  'disbursements.pauseSchedule': ({ scheduleId, paused, reason }, { ctx }) => {
    ctx.mutate(
      {
        action: paused ? 'disbursement.schedule.paused' : 'disbursement.schedule.resumed',
        subject: `schedule:${scheduleId}`,
        payload: { reason },
      },
      () => setPaused(ctx.db, scheduleId, paused),
    )
    return getSchedule(ctx.db, scheduleId, todayUtc())
  },

  'disbursements.draftDue': ({ asOf }, { ctx }) => draftDueBatches(ctx, asOf ?? todayUtc()),
}
