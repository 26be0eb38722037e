import type { Handlers } from './registry'
import { WORKSPACE_USER } from '../core/workspace'
import {
  checkPlan,
  createBatch,
  draftDueBatches,
  getBatch,
  getSchedule,
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
import { cancelBatch, confirmBatchExecution, proposeBatch } from '../core/workflows/disbursement-proposal'

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

  'disbursements.create': async ({ title, source, safeAddress }, { ctx }) => {
    const chain = requireChain(ctx.db)
    const safe = resolveSafe(ctx.db, chain.chainId, safeAddress)
    await ensureSnapshot(ctx.db, chain, safe)
    // Over budget it is refused: an override is the council's signed act (council.request kind budget-override).
    return getBatch(ctx.db, createBatch(ctx, { chainId: chain.chainId, safe, title, source }))
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
        actor: WORKSPACE_USER,
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
        actor: WORKSPACE_USER,
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
