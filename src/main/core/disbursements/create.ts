import type { BatchPlan } from '../../../shared/contract'
import { WORKSPACE_USER, type CoreContext } from '../workspace/context'
import { checkPlan, itemsFromSource } from './plan'
import { insertBatch } from './store'
import { refuseOverBudget } from './override'
import type { z } from 'zod'
import type { batchSource } from '../../../shared/contract/disbursements'

type BatchSource = z.output<typeof batchSource>

/**
 * A draft batch from a source, checked against budgets and stored, in one synchronous transaction (nothing can slip
 * between the check and the insert). Over budget it is refused unless `override` carries the council's decision
 * (a signed budget-override act: `by` names its signers). Returns the batch id.
 */
export function createBatch(
  ctx: CoreContext,
  b: { chainId: number; safe: string; title: string; source: BatchSource },
  override?: { by: string; reason: string; actId: number; actor: string },
): number {
  return ctx.mutate(
    (r: { id: number; plan: BatchPlan }) => ({
      actor: override?.actor ?? WORKSPACE_USER,
      action: 'disbursement.drafted',
      subject: `batch:${r.id}`,
      payload: {
        title: b.title,
        source: b.source.kind,
        safe: b.safe,
        items: r.plan.items.length,
        totals: r.plan.tokens.map((t) => ({ token: t.token, symbol: t.symbol, total: t.total })),
      },
    }),
    () => {
      const items = itemsFromSource(ctx.db, b.chainId, b.source)
      const plan = checkPlan(ctx.db, { chainId: b.chainId, safeAddress: b.safe, items })
      if (plan.overBudget && !override) refuseOverBudget(plan)
      const useOverride = plan.overBudget && override ? { by: override.by, reason: override.reason } : undefined
      const batchId = insertBatch(ctx.db, {
        title: b.title,
        source: b.source.kind,
        chainId: b.chainId,
        safeAddress: b.safe,
        items,
        override: useOverride,
      })
      if (useOverride)
        ctx.mutate(
          {
            actor: override!.actor,
            action: 'budget.override.recorded',
            subject: `batch:${batchId}`,
            payload: {
              by: useOverride.by,
              reason: useOverride.reason,
              councilAct: override!.actId,
              over: plan.lines.filter((l) => l.overBy !== '0'),
            },
          },
          () => undefined,
        )
      return { id: batchId, plan }
    },
  ).id
}
