import type { Handlers } from './registry'
import { ApiError } from '../../shared/errors'
import { knownCouncilMember } from '../core/budgets'
import { requireChain } from '../core/chain'
import {
  checkScores,
  getGrant,
  getProgram,
  insertApplication,
  insertEvaluation,
  insertProgram,
  listGrants,
  listPrograms,
  moveMilestone,
  programCriteria,
  recordDecision,
  setOutcomeNotes,
} from '../core/grants'
import type { CoreContext } from '../core/workspace'

async function councilMember(ctx: CoreContext, who: string, decision: string): Promise<string> {
  return knownCouncilMember(ctx.db, requireChain(ctx.db), who, decision)
}

export const grantsHandlers: Handlers<
  | 'grants.listPrograms'
  | 'grants.createProgram'
  | 'grants.list'
  | 'grants.get'
  | 'grants.apply'
  | 'grants.evaluate'
  | 'grants.decide'
  | 'grants.milestone'
  | 'grants.recordOutcome'
> = {
  'grants.listPrograms': (_input, { ctx }) => listPrograms(ctx.db),

  'grants.createProgram': (input, { ctx }) => {
    const id = ctx.mutate(
      (programId: number) => ({
        action: 'grant.program.created',
        subject: `grant-program:${programId}`,
        payload: input,
      }),
      () => insertProgram(ctx.db, input),
    )
    return getProgram(ctx.db, id)
  },

  'grants.list': ({ programId, limit, offset }, { ctx }) =>
    listGrants(ctx.db, programId, limit === undefined ? undefined : { limit, offset }),

  'grants.get': ({ grantId }, { ctx }) => getGrant(ctx.db, grantId),

  'grants.apply': (input, { ctx }) => {
    const id = ctx.mutate(
      (grantId: number) => ({
        action: 'grant.applied',
        subject: `grant:${grantId}`,
        payload: {
          programId: input.programId,
          title: input.title,
          applicant: input.applicant,
          recipient: input.recipient,
          milestones: input.milestones,
        },
      }),
      () => insertApplication(ctx.db, input),
    )
    return getGrant(ctx.db, id)
  },

  'grants.evaluate': async ({ grantId, evaluator, scores, comment }, { ctx }) => {
    const member = await councilMember(ctx, evaluator, 'evaluate a grant')
    const grant = getGrant(ctx.db, grantId)
    const problem = checkScores(programCriteria(ctx.db, grant.programId), scores)
    if (problem) throw new ApiError('BAD_INPUT', `The evaluation was not recorded: ${problem}.`)
    ctx.mutate(
      { action: 'grant.evaluated', subject: `grant:${grantId}`, payload: { evaluator: member, scores, comment } },
      () => insertEvaluation(ctx.db, { grantId, evaluator: member, scores, comment }),
    )
    return getGrant(ctx.db, grantId)
  },

  'grants.decide': async ({ grantId, decision, reason, decidedBy }, { ctx }) => {
    const member = await councilMember(ctx, decidedBy, `${decision} a grant`)
    ctx.mutate(
      (status: string) => ({
        action: decision === 'approve' ? 'grant.approved' : 'grant.rejected',
        subject: `grant:${grantId}`,
        payload: { status, reason, decidedBy: member },
      }),
      () => recordDecision(ctx.db, { grantId, decision, reason, decidedBy: member }),
    )
    return getGrant(ctx.db, grantId)
  },

  'grants.milestone': async (input, { ctx }) => {
    const by =
      input.action === 'submit' ? null : await councilMember(ctx, input.decidedBy, `${input.action} a milestone`)
    const note = input.action === 'reject' ? input.reason : input.action === 'approve' ? input.note : undefined
    const moved = ctx.mutate(
      (m: { from: string; to: string; grantId: number }) => ({
        action: `grant.milestone.${m.to}`,
        subject: `milestone:${input.milestoneId}`,
        payload: {
          grantId: m.grantId,
          from: m.from,
          to: m.to,
          ...(by ? { decidedBy: by } : {}),
          ...(note ? { note } : {}),
          ...(input.action === 'submit' ? { deliverableUrl: input.deliverableUrl } : {}),
        },
      }),
      () =>
        moveMilestone(ctx.db, {
          milestoneId: input.milestoneId,
          action: input.action,
          deliverableUrl: input.action === 'submit' ? input.deliverableUrl : undefined,
          note: note ?? (by ? `by ${by}` : undefined),
        }),
    )
    return getGrant(ctx.db, moved.grantId)
  },

  'grants.recordOutcome': ({ grantId, notes }, { ctx }) => {
    ctx.mutate({ action: 'grant.outcome.recorded', subject: `grant:${grantId}`, payload: { notes } }, () =>
      setOutcomeNotes(ctx.db, grantId, notes),
    )
    return getGrant(ctx.db, grantId)
  },
}
