import { formatUnits } from 'ethers'
import { ApiError } from '../../../shared/errors'
import type { CouncilActKind, CouncilContent } from '../../../shared/contract/council'
import type { CouncilEffect, CouncilEffects } from '../council/acts'
import { councilSafe, DEFAULT_THRESHOLDS } from '../council/members'
import { insertList } from '../council/store'
import { requireChain } from '../chain/active'
import {
  getGrant,
  getMilestone,
  insertEvaluation,
  moveMilestone,
  programCriteria,
  recordDecision,
} from '../grants/store'
import { checkScores } from '../grants/scoring'
import { getLine, insertReallocation, lineLabel } from '../budgets/store'
import { createBatch } from '../disbursements/create'
import { getBatch, setBatchOverride } from '../disbursements/store'
import { resolveSafe } from '../disbursements/paying-safe'
import { ensureSnapshot } from '../safe/snapshot'
import { checkDisputeOpen, resolveDisputeByCouncil } from '../governance/service'
import type { CoreContext } from '../workspace/context'

/**
 * What each council act does once enough members signed it (core/council checks the signatures). It sits above
 * grants, budgets, disbursements and governance so none of them imports the council's act machinery. Each effect
 * records its own audit event (grant.evaluated, budget.reallocated, …) naming the act and its signers.
 */

type Effect<K extends CouncilActKind> = {
  summary(ctx: CoreContext, c: CouncilContent<K>): string
  check(ctx: CoreContext, c: CouncilContent<K>): void
  prepare?(ctx: CoreContext, c: CouncilContent<K>): Promise<void>
  apply(ctx: CoreContext, c: CouncilContent<K>, act: { id: number; signers: string[] }): unknown
}

const by = (act: { signers: string[] }) => act.signers.join(', ')
/** The audit actor of an act: the member whose signature made it take effect (every signer is in its payload). */
const carriedBy = (act: { signers: string[] }) => act.signers[act.signers.length - 1]

const grantEvaluation: Effect<'grant-evaluation'> = {
  summary: (ctx, c) =>
    `Evaluate grant #${c.grantId} "${getGrant(ctx.db, c.grantId).title}": scores ${c.scores.map((s) => `${s.criterionId}=${s.score}`).join(', ')}`,
  check(ctx, c) {
    const grant = getGrant(ctx.db, c.grantId)
    if (grant.status !== 'applied')
      throw new ApiError('CONFLICT', `Grant #${grant.id} was already ${grant.status}; evaluations are closed.`)
    const problem = checkScores(programCriteria(ctx.db, grant.programId), c.scores)
    if (problem) throw new ApiError('BAD_INPUT', `The evaluation was not recorded: ${problem}.`)
  },
  apply(ctx, c, act) {
    const evaluator = by(act)
    ctx.mutate(
      {
        actor: carriedBy(act),
        action: 'grant.evaluated',
        subject: `grant:${c.grantId}`,
        payload: { evaluator: act.signers, scores: c.scores, comment: c.comment, councilAct: act.id },
      },
      () => insertEvaluation(ctx.db, { grantId: c.grantId, evaluator, scores: c.scores, comment: c.comment }),
    )
    return { grantId: c.grantId }
  },
}

const grantDecision: Effect<'grant-decision'> = {
  summary: (ctx, c) =>
    `${c.decision === 'approve' ? 'Approve' : 'Reject'} grant #${c.grantId} "${getGrant(ctx.db, c.grantId).title}": ${c.reason}`,
  check(ctx, c) {
    const grant = getGrant(ctx.db, c.grantId)
    if (grant.status !== 'applied') throw new ApiError('CONFLICT', `Grant #${grant.id} was already ${grant.status}.`)
    if (c.decision === 'approve' && grant.evaluations.length === 0)
      throw new ApiError('CONFLICT', 'A grant is approved only after at least one council member has evaluated it.')
  },
  apply(ctx, c, act) {
    const status = ctx.mutate(
      (s: string) => ({
        actor: carriedBy(act),
        action: c.decision === 'approve' ? 'grant.approved' : 'grant.rejected',
        subject: `grant:${c.grantId}`,
        payload: { status: s, reason: c.reason, decidedBy: act.signers, councilAct: act.id },
      }),
      () => recordDecision(ctx.db, { grantId: c.grantId, decision: c.decision, reason: c.reason, decidedBy: by(act) }),
    )
    return { grantId: c.grantId, status }
  },
}

const milestoneDecision: Effect<'milestone-decision'> = {
  summary: (ctx, c) => {
    const m = getMilestone(ctx.db, c.milestoneId)
    return `${c.decision === 'approve' ? 'Approve' : 'Reject'} milestone ${m.position} "${m.title}" of grant #${m.grantId}${c.note ? `: ${c.note}` : ''}`
  },
  check(ctx, c) {
    const m = getMilestone(ctx.db, c.milestoneId)
    if (m.status !== 'submitted' && !(c.decision === 'reject' && m.status === 'pending'))
      throw new ApiError('CONFLICT', `Milestone "${m.title}" is ${m.status}; it cannot be ${c.decision}d.`)
  },
  apply(ctx, c, act) {
    const moved = ctx.mutate(
      (m: { from: string; to: string; grantId: number }) => ({
        actor: carriedBy(act),
        action: `grant.milestone.${m.to}`,
        subject: `milestone:${c.milestoneId}`,
        payload: {
          grantId: m.grantId,
          from: m.from,
          to: m.to,
          decidedBy: act.signers,
          councilAct: act.id,
          note: c.note,
        },
      }),
      () =>
        moveMilestone(ctx.db, {
          milestoneId: c.milestoneId,
          action: c.decision,
          note: c.note || `by ${by(act)}`,
        }),
    )
    return { grantId: moved.grantId, status: moved.to }
  },
}

const reallocation: Effect<'budget-reallocation'> = {
  summary: (ctx, c) => {
    const from = getLine(ctx.db, c.fromLineId)
    return `Move ${formatUnits(BigInt(c.amount), from.decimals)} ${from.symbol} from ${lineLabel(from)} to ${lineLabel(getLine(ctx.db, c.toLineId))}: ${c.reason}`
  },
  check(ctx, c) {
    const from = getLine(ctx.db, c.fromLineId)
    const to = getLine(ctx.db, c.toLineId)
    if (from.chainId !== to.chainId || from.token !== to.token)
      throw new ApiError(
        'CONFLICT',
        `Allocation moves only between lines of the same token: ${lineLabel(from)} and ${lineLabel(to)} differ.`,
      )
  },
  apply(ctx, c, act) {
    const from = getLine(ctx.db, c.fromLineId)
    const to = getLine(ctx.db, c.toLineId)
    const id = ctx.mutate(
      (rid: number) => ({
        actor: carriedBy(act),
        action: 'budget.reallocated',
        subject: `budget-reallocation:${rid}`,
        payload: {
          from: { lineId: c.fromLineId, label: lineLabel(from) },
          to: { lineId: c.toLineId, label: lineLabel(to) },
          amount: c.amount,
          symbol: from.symbol,
          reason: c.reason,
          decidedBy: act.signers,
          councilAct: act.id,
        },
      }),
      () =>
        insertReallocation(ctx.db, {
          fromLineId: c.fromLineId,
          toLineId: c.toLineId,
          amount: BigInt(c.amount),
          reason: c.reason,
          decidedBy: by(act),
        }),
    )
    return { reallocationId: id, periodId: from.periodId }
  },
}

const override: Effect<'budget-override'> = {
  summary: (ctx, c) =>
    'batchId' in c
      ? `Override the budget for draft batch #${c.batchId} "${getBatch(ctx.db, c.batchId).title}": ${c.reason}`
      : `Create batch "${c.batch.title}" over budget (${c.batch.source.kind}): ${c.reason}`,
  check(ctx, c) {
    if ('batchId' in c) {
      const b = getBatch(ctx.db, c.batchId)
      if (b.status !== 'draft')
        throw new ApiError('CONFLICT', `Batch #${b.id} is ${b.status}; only a draft can be overridden.`)
    } else resolveSafe(ctx.db, requireChain(ctx.db).chainId, c.batch.safeAddress)
  },
  async prepare(ctx, c) {
    if ('batchId' in c) return
    const chain = requireChain(ctx.db)
    await ensureSnapshot(ctx.db, chain, resolveSafe(ctx.db, chain.chainId, c.batch.safeAddress))
  },
  apply(ctx, c, act) {
    if ('batchId' in c) {
      ctx.mutate(
        {
          actor: carriedBy(act),
          action: 'budget.override.recorded',
          subject: `batch:${c.batchId}`,
          payload: { by: act.signers, reason: c.reason, councilAct: act.id },
        },
        () => setBatchOverride(ctx.db, c.batchId, { by: by(act), reason: c.reason }),
      )
      return { batchId: c.batchId }
    }
    const chain = requireChain(ctx.db)
    const safe = resolveSafe(ctx.db, chain.chainId, c.batch.safeAddress)
    const batchId = createBatch(
      ctx,
      { chainId: chain.chainId, safe, title: c.batch.title, source: c.batch.source },
      { by: by(act), reason: c.reason, actId: act.id, actor: carriedBy(act) },
    )
    return { batchId }
  },
}

const disputeResolution: Effect<'dispute-resolution'> = {
  summary: (ctx, c) => {
    const d = checkDisputeOpen(ctx, c.disputeId)
    return `Resolve dispute #${d.id} (${d.subjectKind} ${d.subjectRef}) as ${c.outcome}: ${c.decision}`
  },
  check: (ctx, c) => void checkDisputeOpen(ctx, c.disputeId),
  apply: (ctx, c, act) => resolveDisputeByCouncil(ctx, c, act),
}

const councilChange: Effect<'council-change'> = {
  summary: (_ctx, c) =>
    `${c.members ? `Council list: ${c.members.join(', ')}` : "Council: the Safe's owners"}; ${c.threshold} to change it` +
    (Object.keys(c.thresholds).length
      ? `; per act: ${Object.entries(c.thresholds)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}`
      : ''),
  check() {},
  apply(ctx, c, act) {
    const chain = requireChain(ctx.db)
    const safe = councilSafe(ctx.db, chain.chainId)
    const thresholds = { ...c.thresholds }
    ctx.mutate(
      {
        actor: carriedBy(act),
        action: 'council.changed',
        subject: `council:${safe}`,
        payload: {
          members: c.members,
          threshold: c.threshold,
          thresholds,
          defaults: DEFAULT_THRESHOLDS,
          councilAct: act.id,
        },
      },
      () =>
        insertList(
          ctx.db,
          { chainId: chain.chainId, safe, members: c.members, threshold: c.threshold, thresholds, actId: act.id },
          new Date().toISOString(),
        ),
    )
    return { members: c.members, threshold: c.threshold }
  },
}

export const councilEffects: CouncilEffects = {
  'grant-evaluation': grantEvaluation as unknown as CouncilEffect,
  'grant-decision': grantDecision as unknown as CouncilEffect,
  'milestone-decision': milestoneDecision as unknown as CouncilEffect,
  'budget-reallocation': reallocation as unknown as CouncilEffect,
  'budget-override': override as unknown as CouncilEffect,
  'dispute-resolution': disputeResolution as unknown as CouncilEffect,
  'council-change': councilChange as unknown as CouncilEffect,
}
