import { z } from 'zod'
import { call } from './define'
import { address, baseUnits, empty } from './primitives'
import { isoDate } from './budgets'

export type MilestoneStatus = 'pending' | 'submitted' | 'approved' | 'paid' | 'rejected'
export type GrantStatus = 'applied' | 'approved' | 'rejected'

export interface Criterion {
  id: number
  label: string
  weight: number
}

export interface GrantProgram {
  id: number
  name: string
  category: string
  description: string
  budgetLineId: number
  budgetLineLabel: string
  token: string
  symbol: string
  decimals: number
  criteria: Criterion[]
  grants: number
  createdAt: string
}

export interface Milestone {
  id: number
  grantId: number
  position: number
  title: string
  amount: string
  dueOn: string
  deliverableUrl: string | null
  status: MilestoneStatus
  statusNote: string | null
  /** The batch paying it (draft, proposed or executed), if any. */
  batchId: number | null
  updatedAt: string
}

export interface Evaluation {
  id: number
  evaluator: string
  comment: string
  scores: Array<{ criterionId: number; score: number }>
  /** Σ score × weight / Σ weight, 0–10. */
  weightedScore: number
  createdAt: string
}

export interface GrantSummary {
  id: number
  programId: number
  programName: string
  title: string
  applicant: string
  recipient: string
  token: string
  symbol: string
  decimals: number
  amount: string
  paid: string
  status: GrantStatus
  milestoneCount: number
  milestonesPaid: number
  /** Mean of the evaluations' weighted scores, or null before any evaluation. */
  score: number | null
  createdAt: string
}

export interface GrantDetail extends GrantSummary {
  decidedBy: string | null
  decisionReason: string | null
  decidedAt: string | null
  outcomeNotes: string
  criteria: Criterion[]
  milestones: Milestone[]
  evaluations: Evaluation[]
}

const url = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .describe('deliverable link')

const milestoneInput = z
  .object({
    title: z.string().trim().min(1).max(120),
    amount: baseUnits.refine((v) => v !== '0', 'a milestone pays more than zero'),
    dueOn: isoDate,
    deliverableUrl: url.optional(),
  })
  .strict()

export const grantsContract = {
  'grants.listPrograms': call<GrantProgram[]>()(empty),
  'grants.createProgram': call<GrantProgram>()(
    z
      .object({
        name: z.string().trim().min(1).max(80),
        category: z.string().trim().min(1).max(60),
        description: z.string().trim().max(4000).default(''),
        budgetLineId: z.number().int().positive(),
        criteria: z
          .array(z.object({ label: z.string().trim().min(1).max(120), weight: z.number().int().min(1).max(100) }))
          .min(1, 'a program needs at least one funding criterion')
          .max(20),
      })
      .strict(),
  ),
  /** Newest first; `limit` (with `offset`) pages as proposals.list does, without it the whole list. */
  'grants.list': call<GrantSummary[]>()(
    z
      .object({
        programId: z.number().int().positive().optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).optional(),
      })
      .strict(),
  ),
  'grants.get': call<GrantDetail>()(z.object({ grantId: z.number().int().positive() }).strict()),
  /** An application; the token is the program's budget line token, the amount the sum of its milestones. */
  'grants.apply': call<GrantDetail>()(
    z
      .object({
        programId: z.number().int().positive(),
        title: z.string().trim().min(1).max(120),
        applicant: z.string().trim().min(1).max(120),
        recipient: address,
        milestones: z.array(milestoneInput).min(1).max(50),
      })
      .strict(),
  ),
  /**
   * Submits a milestone's deliverable. Evaluations, the grant's decision and milestone approvals are council acts
   * (`council.request` kinds grant-evaluation, grant-decision, milestone-decision). Paid comes only from the chain.
   */
  'grants.milestone': call<GrantDetail>()(
    z.object({ action: z.literal('submit'), milestoneId: z.number().int().positive(), deliverableUrl: url }).strict(),
  ),
  'grants.recordOutcome': call<GrantDetail>()(
    z.object({ grantId: z.number().int().positive(), notes: z.string().trim().min(1).max(8000) }).strict(),
  ),
}
