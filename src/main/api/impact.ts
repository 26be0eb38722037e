import type { Handlers } from './registry'
import { ApiError } from '../../shared/errors'
import { toPeriod } from '../core/audit'
import { getActiveChain } from '../core/chain'
import { chainClockOrNull, decisionImpact, decisionImpacts } from '../core/reports'

export const impactHandlers: Handlers<'impact.decisions'> = {
  'impact.decisions': async ({ id, from, to }, { ctx }) => {
    let period
    try {
      period = toPeriod({ from, to })
    } catch (error) {
      throw new ApiError('BAD_INPUT', `Invalid period: ${(error as Error).message}.`)
    }
    const clock = await chainClockOrNull(getActiveChain(ctx.db))
    if (!id) return { decisions: decisionImpacts(ctx.db, period, clock) }
    const one = decisionImpact(ctx.db, id, clock)
    if (!one) throw new ApiError('NOT_FOUND', `There is no governance proposal ${id} in this workspace.`)
    return { decisions: [one] }
  },
}
