import type { Handlers } from './registry'
import {
  actionRequest,
  cancelProposal,
  createGovernanceProposal,
  delegate,
  delegation,
  delegationRequest,
  disputes,
  exportVotes,
  governanceProposal,
  importVotes,
  linkSafeTx,
  listGovernanceProposals,
  markImplemented,
  participation,
  queueProposal,
  raiseDispute,
  settingsOf,
  signVoteFile,
  spendingDraft,
  submitDelegation,
  updateGovernanceRules,
  votesPage,
  voteRequest,
} from '../core/governance/service'
import { draftSafeProposal } from '../core/workflows/governance-spending'

type GovernanceCalls =
  | 'governance.settings'
  | 'governance.updateRules'
  | 'governance.list'
  | 'governance.get'
  | 'governance.create'
  | 'governance.voteRequest'
  | 'governance.signVote'
  | 'governance.importVotes'
  | 'governance.votes'
  | 'governance.exportVotes'
  | 'governance.queue'
  | 'governance.actionRequest'
  | 'governance.cancel'
  | 'governance.markImplemented'
  | 'governance.spendingDraft'
  | 'governance.linkSafeTx'
  | 'governance.delegation'
  | 'governance.delegate'
  | 'governance.delegationRequest'
  | 'governance.submitDelegation'
  | 'governance.disputes'
  | 'governance.raiseDispute'
  | 'governance.participation'
  | 'governance.draftSafeProposal'

export const governanceHandlers: Handlers<GovernanceCalls> = {
  'governance.settings': (_input, { ctx }) => settingsOf(ctx),
  'governance.updateRules': (input, { ctx }) => updateGovernanceRules(ctx, input),
  'governance.list': (_input, { ctx }) => listGovernanceProposals(ctx),
  'governance.get': ({ id }, { ctx }) => governanceProposal(ctx, id),
  'governance.create': (input, { ctx }) => createGovernanceProposal(ctx, input),
  'governance.voteRequest': (input, { ctx }) => voteRequest(ctx, input),
  'governance.signVote': (input, services) => signVoteFile(services, input),
  'governance.importVotes': (input, { ctx }) => importVotes(ctx, input),
  'governance.votes': (input, { ctx }) => votesPage(ctx, input),
  'governance.exportVotes': ({ id }, { ctx }) => exportVotes(ctx, id),
  'governance.queue': ({ id }, { ctx }) => queueProposal(ctx, id),
  'governance.actionRequest': (input, { ctx }) => actionRequest(ctx, input),
  'governance.cancel': (input, services) => cancelProposal(services, input),
  'governance.markImplemented': (input, services) => markImplemented(services, input),
  'governance.spendingDraft': ({ id }, { ctx }) => spendingDraft(ctx, id),
  'governance.linkSafeTx': (input, { ctx }) => linkSafeTx(ctx, input),
  'governance.draftSafeProposal': ({ id }, { ctx }) => draftSafeProposal(ctx, id),
  'governance.delegation': ({ account }, { ctx }) => delegation(ctx, account),
  'governance.delegate': (input, services) => delegate(services, input),
  'governance.delegationRequest': (input, { ctx }) => delegationRequest(ctx, input),
  'governance.submitDelegation': (input, services) => submitDelegation(services, input),
  'governance.disputes': (filter, { ctx }) => disputes(ctx, filter),
  'governance.raiseDispute': (input, { ctx }) => raiseDispute(ctx, input),
  'governance.participation': (_input, { ctx }) => participation(ctx),
}
