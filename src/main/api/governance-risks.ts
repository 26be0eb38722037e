import type { Handlers } from './registry'
import { ApiError } from '../../shared/errors'
import { clockOf, envOf } from '../core/governance/service'
import { governanceRisks } from '../core/governance'
import { firstLine } from '../core/first-line'

export const governanceRisksHandlers: Handlers<'governance.risks'> = {
  'governance.risks': async ({ block, rangeBlocks }, { ctx }) => {
    const env = envOf(ctx)
    const { clock, info } = await clockOf(env, true)
    try {
      return await governanceRisks(env, clock, info.stale, { block, rangeBlocks })
    } catch (error) {
      throw new ApiError('CHAIN_ERROR', `Governance risks could not be measured: ${firstLine(error)}`)
    }
  },
}
