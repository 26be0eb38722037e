import { ApiError } from '../../../shared/errors'
import type { BatchPlan } from '../../../shared/contract'
import type { ChainRecord } from '../chain/store'
import type { CoreContext } from '../workspace/context'
import { knownCouncilMember } from '../budgets/council'
import { overBudgetMessage } from './plan'

export function refuseOverBudget(plan: BatchPlan): never {
  throw new ApiError(
    'CONFLICT',
    `This batch exceeds its budget: ${overBudgetMessage(plan)}. A council member may record an override with a reason.`,
    { lines: plan.lines.filter((l) => l.overBy !== '0') },
  )
}

export async function overrideBy(ctx: CoreContext, chain: ChainRecord, by: string): Promise<string> {
  return knownCouncilMember(ctx.db, chain, by, 'override a budget')
}
