import type { GovernanceRules } from '../../../../shared/contract'
import { blocksAbout, clockUnit, duration, pct, type ClockMode } from './format'

export type RulesField = { key: keyof GovernanceRules; label: string; hint: (v: number) => string }

/** The voting delay and period count the token's clock: blocks, or seconds for a timestamp clock (ERC-6372). */
export function rulesFields(mode: ClockMode | undefined): RulesField[] {
  const unit = clockUnit(mode)
  const span = unit === 'seconds' ? duration : blocksAbout
  return [
    { key: 'votingDelayBlocks', label: `Voting delay (${unit})`, hint: span },
    { key: 'votingPeriodBlocks', label: `Voting period (${unit})`, hint: span },
    { key: 'quorumBps', label: 'Quorum (bps of supply)', hint: pct },
    { key: 'passThresholdBps', label: 'Pass threshold (bps For)', hint: pct },
    { key: 'timelockSeconds', label: 'Timelock (seconds)', hint: duration },
    { key: 'gracePeriodSeconds', label: 'Grace period (seconds)', hint: duration },
  ]
}
