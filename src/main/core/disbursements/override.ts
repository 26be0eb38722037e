import { ApiError } from '../../../shared/errors'
import type { BatchPlan } from '../../../shared/contract'
import { overBudgetMessage } from './plan'

export function refuseOverBudget(plan: BatchPlan): never {
  throw new ApiError(
    'CONFLICT',
    `This batch exceeds its budget: ${overBudgetMessage(plan)}. The council may sign a budget override with a reason.`,
    { lines: plan.lines.filter((l) => l.overBy !== '0') },
  )
}
