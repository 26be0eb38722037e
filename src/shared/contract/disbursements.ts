import { z } from 'zod'
import { call } from './define'
import { address, baseUnits, bytes32 } from './primitives'
import { isoDate, reason } from './budgets'
import type { SafeTx } from './safe-tx'

export type BatchStatus = 'draft' | 'proposed' | 'executed' | 'failed' | 'cancelled'

/** One row of a Safe CSV Airdrop file (or a milestone) as it will be paid. */
export interface BatchItem {
  position: number
  budgetLineId: number
  token: string
  symbol: string
  decimals: number
  receiver: string
  amount: string
  milestoneId: number | null
  grantId: number | null
  /** The CSV `id` column, or the milestone's title. */
  label: string | null
}

export interface TokenTotal {
  token: string
  symbol: string
  decimals: number
  total: string
  /** The Safe's balance from its last snapshot, or null when none was ever read. */
  balance: string | null
  /** Other proposed, not yet executed batches of this Safe in this token. */
  pendingOutflow: string
  /** total + pendingOutflow > balance. */
  exceedsBalance: boolean
}

export interface LineCheck {
  budgetLineId: number
  label: string
  token: string
  symbol: string
  decimals: number
  total: string
  allocated: string
  committed: string
  spent: string
  remaining: string
  /** How much the batch goes past the line's remaining budget; '0' when it fits. */
  overBy: string
}

export interface BatchPlan {
  chainId: number
  safeAddress: string
  items: BatchItem[]
  tokens: TokenTotal[]
  lines: LineCheck[]
  overBudget: boolean
  balanceAsOf: string | null
}

export interface BudgetOverride {
  by: string
  reason: string
  at: string
}

export interface BatchSummary {
  id: number
  title: string
  source: 'milestones' | 'csv' | 'schedule'
  status: BatchStatus
  /** The chain and Safe that pay the batch (a workspace may hold several). */
  chainId: number
  safeAddress: string
  items: number
  totals: Array<{ token: string; symbol: string; decimals: number; total: string }>
  safeTxHash: string | null
  override: BudgetOverride | null
  createdAt: string
}

export interface BatchDetail extends BatchSummary {
  plan: BatchPlan
  safeTx: SafeTx | null
  nonce: number | null
  multiSendCallOnly: string | null
  execution: { txHash: string; block: number; at: string } | null
  scheduleId: number | null
  scheduleDueOn: string | null
  /** The Safe proposal the batch is signed and executed as (Proposals queue), once proposed. */
  proposal: { id: number; status: string } | null
  /** The on-chain Governor proposal that pays the batch when it executes (instead of a Safe proposal). */
  governorProposal: { chainId: number; governor: string; proposalId: string; title: string } | null
}

export type ScheduleState = 'scheduled' | 'due' | 'missed' | 'paused' | 'ended'

export interface ScheduleStatus {
  id: number
  name: string
  kind: 'monthly' | 'milestones'
  safeAddress: string
  paused: boolean
  state: ScheduleState
  /** The next date a batch falls due that has not been drafted (may be in the past: then it is due or missed). */
  nextDueOn: string | null
  /** Due dates that passed by more than the grace days without a batch drafted. */
  missed: string[]
  /** Human summary: what it pays and to whom. */
  summary: string
  budgetLineId: number | null
  recipient: string | null
  amount: string | null
  symbol: string | null
  decimals: number | null
  dayOfMonth: number | null
  startsOn: string | null
  endsOn: string | null
  grantId: number | null
  lastBatchId: number | null
}

export const batchSource = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('milestones'), milestoneIds: z.array(z.number().int().positive()).min(1).max(500) })
    .strict(),
  z
    .object({
      kind: z.literal('csv'),
      /** The file's text, Safe CSV Airdrop format: token_type,token_address,receiver,amount,id */
      csv: z.string().min(1, 'the file is empty').max(3_500_000),
      /** One budget line per token in the file: each row is charged to the line of its token. */
      budgetLineIds: z.array(z.number().int().positive()).min(1).max(50),
    })
    .strict(),
])

export const disbursementsContract = {
  /** Newest first; `limit` (with `offset`) pages as proposals.list does, without it the whole list. */
  'disbursements.list': call<BatchSummary[]>()(
    z
      .object({
        status: z.enum(['draft', 'proposed', 'executed', 'failed', 'cancelled']).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).optional(),
      })
      .strict(),
  ),
  'disbursements.get': call<BatchDetail>()(z.object({ batchId: z.number().int().positive() }).strict()),
  /** Validates a source and checks it against budgets and the Safe's balance. Writes nothing. */
  'disbursements.preview': call<BatchPlan>()(
    z.object({ source: batchSource, safeAddress: address.optional() }).strict(),
  ),
  /**
   * Stores a draft batch. Refused (CONFLICT, details.lines) when it exceeds a budget line's remaining amount: an
   * over-budget batch is the council's signed act (`council.request` kind budget-override), never a field here.
   */
  'disbursements.create': call<BatchDetail>()(
    z
      .object({
        title: z.string().trim().min(1).max(120),
        source: batchSource,
        safeAddress: address.optional(),
      })
      .strict(),
  ),
  /** Builds the MultiSend SafeTx at the Safe's next nonce; its amounts count as committed from now on. */
  'disbursements.propose': call<BatchDetail>()(z.object({ batchId: z.number().int().positive() }).strict()),
  'disbursements.cancel': call<BatchDetail>()(z.object({ batchId: z.number().int().positive(), reason }).strict()),
  /**
   * Verifies on chain that `txHash` executed a proposed batch (receipt status and the Safe's ExecutionSuccess event
   * with the batch's safeTxHash) and only then marks its milestones paid and its amounts spent.
   */
  'disbursements.confirmExecution': call<BatchDetail>()(
    z.object({ txHash: bytes32, block: z.number().int().nonnegative().optional() }).strict(),
  ),
  'disbursements.schedules': call<ScheduleStatus[]>()(z.object({ asOf: isoDate.optional() }).strict()),
  'disbursements.createSchedule': call<ScheduleStatus>()(
    z.discriminatedUnion('kind', [
      z
        .object({
          kind: z.literal('monthly'),
          name: z.string().trim().min(1).max(80),
          budgetLineId: z.number().int().positive(),
          recipient: address,
          amount: baseUnits.refine((v) => v !== '0', 'a stipend pays more than zero'),
          dayOfMonth: z.number().int().min(1).max(28),
          startsOn: isoDate,
          endsOn: isoDate.optional(),
          safeAddress: address.optional(),
        })
        .strict(),
      z
        .object({
          kind: z.literal('milestones'),
          name: z.string().trim().min(1).max(80),
          grantId: z.number().int().positive(),
          safeAddress: address.optional(),
        })
        .strict(),
    ]),
  ),
  'disbursements.pauseSchedule': call<ScheduleStatus>()(
    z.object({ scheduleId: z.number().int().positive(), paused: z.boolean(), reason }).strict(),
  ),
  /** Drafts a batch for every schedule that has fallen due (never signs or sends anything). */
  'disbursements.draftDue': call<{
    drafted: Array<{ scheduleId: number; batchId: number; dueOn: string }>
    refused: Array<{ scheduleId: number; dueOn: string; reason: string }>
  }>()(z.object({ asOf: isoDate.optional() }).strict()),
}
