import type { Handlers } from './registry'
import {
  checkPlan,
  draftDueBatches,
  getBatch,
  getSchedule,
  insertBatch,
  insertSchedule,
  itemsFromSource,
  listBatches,
  listSchedules,
  resolveSafe,
  setPaused,
  todayUtc,
} from '../core/disbursements'
import { requireChain } from '../core/chain'
import { ensureSnapshot } from '../core/safe/snapshot'
import { overrideBy, refuseOverBudget } from '../core/disbursements/override'
import { cancelBatch, confirmBatchExecution, proposeBatch } from '../core/workflows/disbursement-proposal'
import type { BatchPlan } from '../../shared/contract'

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
  'disbursements.list': ({ status, limit, offset }, { ctx }) =>
    listBatches(ctx.db, status, limit === undefined ? undefined : { limit, offset }),

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

  'disbursements.propose': (input, { ctx }) => proposeBatch(ctx, input),

  'disbursements.cancel': (input, { ctx }) => cancelBatch(ctx, input),

  'disbursements.confirmExecution': (input, { ctx }) => confirmBatchExecution(ctx, input),

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
