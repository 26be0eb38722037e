import { useCallQuery } from '../../data'

export interface ImpactPeriod {
  from?: string
  to?: string
}

/** Every governance decision of the period with what it moved, funded and changed. */
export const useDecisionImpacts = (period: ImpactPeriod) => useCallQuery('impact.decisions', period)
