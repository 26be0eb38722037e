import type { Handlers } from './registry'
import { WORKSPACE_USER } from '../core/workspace'
import {
  getGrant,
  getProgram,
  insertApplication,
  insertProgram,
  listGrants,
  listPrograms,
  moveMilestone,
  setOutcomeNotes,
} from '../core/grants'

export const grantsHandlers: Handlers<
  | 'grants.listPrograms'
  | 'grants.createProgram'
  | 'grants.list'
  | 'grants.get'
  | 'grants.apply'
  | 'grants.milestone'
  | 'grants.recordOutcome'
> = {
  'grants.listPrograms': (_input, { ctx }) => listPrograms(ctx.db),

  'grants.createProgram': (input, { ctx }) => {
    const id = ctx.mutate(
      (programId: number) => ({
        actor: WORKSPACE_USER,
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
        actor: WORKSPACE_USER,
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

  'grants.milestone': (input, { ctx }) => {
    const moved = ctx.mutate(
      (m: { from: string; to: string; grantId: number }) => ({
        actor: WORKSPACE_USER,
        action: `grant.milestone.${m.to}`,
        subject: `milestone:${input.milestoneId}`,
        payload: { grantId: m.grantId, from: m.from, to: m.to, deliverableUrl: input.deliverableUrl },
      }),
      () =>
        moveMilestone(ctx.db, {
          milestoneId: input.milestoneId,
          action: 'submit',
          deliverableUrl: input.deliverableUrl,
        }),
    )
    return getGrant(ctx.db, moved.grantId)
  },

  'grants.recordOutcome': ({ grantId, notes }, { ctx }) => {
    ctx.mutate(
      { actor: WORKSPACE_USER, action: 'grant.outcome.recorded', subject: `grant:${grantId}`, payload: { notes } },
      () => setOutcomeNotes(ctx.db, grantId, notes),
    )
    return getGrant(ctx.db, grantId)
  },
}
