import { z } from 'zod'
import type { Valuation } from './pricing'
import { call } from './define'
import { bytes32 } from './primitives'
import { periodSchema } from './reports'

/** Money per token in base units (the reporting-currency value is joined in by the valuation capability). */
export interface ImpactAmount {
  token: string | null
  symbol: string
  decimals: number
  amount: string
  /** What it was worth in the reporting currency when it moved (moved money only), or why there is no price. */
  value?: Valuation
}

export interface ImpactMilestone {
  id: number
  title: string
  amount: string
  status: string
  dueOn: string
  /** The chain transaction of the batch that paid it, when paid. */
  paidTxHash: string | null
  paidAt: string | null
}

export interface ImpactGrant {
  grantId: number
  title: string
  program: string
  recipient: string
  symbol: string
  decimals: number
  granted: string
  outcome: string
  milestones: ImpactMilestone[]
}

export interface ImpactBudgetLine {
  lineId: number
  period: string
  category: string
  symbol: string
  decimals: number
  /** What this decision's Safe transaction charged to the line (base units). */
  charged: string
  /** Reallocations into (+) or out of (−) the line that name this decision in their reason. */
  reallocated: string
  allocatedNow: string
  spentNow: string
}

export interface DecisionImpact {
  id: string
  title: string
  kind: string
  outcome: string
  createdAt: string
  turnoutBps: number | null
  quorumReached: boolean | null
  safeTxHash: string | null
  safeStatus: string | null
  executedTxHash: string | null
  executedAt: string | null
  /** Per token: what the decision approved, and what moved on chain (zero until its Safe transaction executed). */
  approved: ImpactAmount[]
  moved: ImpactAmount[]
  grants: ImpactGrant[]
  budgetLines: ImpactBudgetLine[]
}

export const impactContract = {
  /** For each governance decision (of the period, or the one named): the money it moved, what it funded, the lines it changed. */
  'impact.decisions': call<{ decisions: DecisionImpact[] }>()(
    z.object({ ...periodSchema, id: bytes32.transform((v) => v.toLowerCase()).optional() }).strict(),
  ),
}
