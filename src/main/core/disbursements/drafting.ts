import { ApiError } from '../../../shared/errors'
import { WORKSPACE_USER, type CoreContext } from '../workspace/context'
import { getLine } from '../budgets/store'
import { checkPlan, itemsFromMilestones, overBudgetMessage, type PlannedItem } from './plan'
import { insertBatch } from './store'
import { dueWork, todayUtc, type DueWork } from './schedule'

export interface DraftDueResult {
  drafted: Array<{ scheduleId: number; batchId: number; dueOn: string }>
  refused: Array<{ scheduleId: number; dueOn: string; reason: string }>
}

function itemsFor(ctx: CoreContext, work: DueWork): PlannedItem[] {
  const s = work.schedule
  if (work.milestoneIds) return itemsFromMilestones(ctx.db, s.chain_id, work.milestoneIds)
  const line = getLine(ctx.db, s.budget_line_id!)
  return [
    {
      budgetLineId: line.id,
      token: line.token,
      symbol: line.symbol,
      decimals: line.decimals,
      receiver: s.recipient!,
      amount: s.amount!,
      milestoneId: null,
      grantId: null,
      label: `${s.name} ${work.dueOn}`,
    },
  ]
}

/**
 * Drafts one batch per due date that fell due and was not drafted yet, for every running schedule. It never
 * proposes, signs or sends: signers review the drafts. A draft that would exceed its budget line is not stored;
 * it is reported as refused (an override is a council member's decision, never automatic).
 */
export function draftDueBatches(ctx: CoreContext, asOf = todayUtc()): DraftDueResult {
  const result: DraftDueResult = { drafted: [], refused: [] }
  for (const work of dueWork(ctx.db, asOf)) {
    const s = work.schedule
    try {
      const batchId = ctx.mutate(
        (id: number) => ({
          actor: WORKSPACE_USER,
          action: 'disbursement.drafted',
          subject: `batch:${id}`,
          payload: { scheduleId: s.id, dueOn: work.dueOn, source: 'schedule' },
        }),
        () => {
          const items = itemsFor(ctx, work)
          const plan = checkPlan(ctx.db, { chainId: s.chain_id, safeAddress: s.safe_address, items })
          if (plan.overBudget) throw new ApiError('CONFLICT', `over budget: ${overBudgetMessage(plan)}`)
          return insertBatch(ctx.db, {
            title: `${s.name} · due ${work.dueOn}`,
            source: 'schedule',
            chainId: s.chain_id,
            safeAddress: s.safe_address,
            items,
            scheduleId: s.id,
            scheduleDueOn: work.dueOn,
          })
        },
      )
      result.drafted.push({ scheduleId: s.id, batchId, dueOn: work.dueOn })
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      result.refused.push({ scheduleId: s.id, dueOn: work.dueOn, reason: error.message })
    }
  }
  return result
}

/**
 * Checks the schedules now and then (and once at start), so a due batch is drafted even when nobody opens the page.
 * Returns the stop function; register it with ctx.onClose.
 */
export function startScheduleRunner(
  ctx: CoreContext,
  log: (line: string) => void = () => {},
  everyMs = 60 * 60 * 1000,
): () => void {
  const run = () => {
    try {
      const r = draftDueBatches(ctx)
      if (r.drafted.length || r.refused.length)
        log(`[schedules] drafted ${r.drafted.length} batch(es), refused ${r.refused.length}`)
    } catch (error) {
      log(`[schedules] check failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)
    }
  }
  const first = setTimeout(run, 1000)
  const timer = setInterval(run, everyMs)
  first.unref?.()
  timer.unref?.()
  return () => {
    clearTimeout(first)
    clearInterval(timer)
  }
}
