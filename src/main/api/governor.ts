// On-chain governance (issue 21): thin handlers over core/governor.
import type { Handlers } from './registry'
import { requireChainFor } from '../core/chain'
import type { GovernorExecutionView } from '../../shared/contract/governor'
import { WORKSPACE_USER } from '../core/workspace/context'
import {
  advanceSandboxTime,
  connectGovernor,
  listGovernorProposals,
  listGovernorExecutions,
  listGovernorViews,
  listGovernorVotes,
  proposeOnGovernor,
  relayGovernorBallot,
  signGovernorBallot,
  stepGovernorProposal,
  syncAllExecutions,
  vetoGovernorProposal,
  voteOnGovernor,
} from '../core/governor'
import { ballotFromQr, ballotQr } from '../core/governor/ballot'
import { deploySandboxGovernor } from '../core/workflows/sandbox-governor'
import { deployGovernorForSafe } from '../core/workflows/deploy-governor'

type GovernorCall =
  | 'governor.list'
  | 'governor.connect'
  | 'governor.deploySandbox'
  | 'governor.deploy'
  | 'governor.proposals'
  | 'governor.executions'
  | 'governor.votes'
  | 'governor.propose'
  | 'governor.vote'
  | 'governor.signBallot'
  | 'governor.ballotQr'
  | 'governor.relayBallot'
  | 'governor.queue'
  | 'governor.execute'
  | 'governor.cancel'
  | 'governor.veto'
  | 'governor.advanceTime'

export const governorHandlers: Handlers<GovernorCall> = {
  'governor.list': ({ chainId }, { ctx }) => listGovernorViews(ctx, requireChainFor(ctx.db, chainId)),
  'governor.connect': ({ chainId, ...input }, { ctx }) =>
    connectGovernor(ctx, requireChainFor(ctx.db, chainId), input, WORKSPACE_USER),
  'governor.deploy': ({ chainId, deployer, proposalThreshold, ...params }, { ctx, keys }) =>
    deployGovernorForSafe(ctx, requireChainFor(ctx.db, chainId), keys.wallet(deployer), {
      ...params,
      proposalThreshold: BigInt(proposalThreshold),
    }),
  'governor.deploySandbox': (_input, { ctx }) => deploySandboxGovernor(ctx, requireChainFor(ctx.db, undefined)),
  'governor.proposals': ({ chainId, governor }, { ctx }) =>
    listGovernorProposals(ctx, requireChainFor(ctx.db, chainId), governor),
  'governor.executions': async ({ chainId, safe }, { ctx }) => {
    const chain = requireChainFor(ctx.db, chainId)
    await syncAllExecutions(ctx, chain)
    return listGovernorExecutions(ctx.db, chain.chainId, safe) as GovernorExecutionView[]
  },
  'governor.votes': ({ chainId, governor, proposalId }, { ctx }) =>
    listGovernorVotes(ctx, requireChainFor(ctx.db, chainId), governor, BigInt(proposalId)),
  'governor.propose': ({ chainId, proposer, ...input }, { ctx, keys }) =>
    proposeOnGovernor(ctx, requireChainFor(ctx.db, chainId), keys.wallet(proposer), input),
  'governor.vote': ({ chainId, voter, proposalId, ...input }, { ctx, keys }) =>
    voteOnGovernor(ctx, requireChainFor(ctx.db, chainId), keys.wallet(voter), {
      ...input,
      proposalId: BigInt(proposalId),
    }),
  // Offline: the chain id names the Governor's domain; no RPC is touched.
  'governor.signBallot': ({ chainId, voter, proposalId, nonce, ...input }, { ctx, keys }) =>
    signGovernorBallot(ctx, requireChainFor(ctx.db, chainId), keys.wallet(voter), {
      ...input,
      proposalId: BigInt(proposalId),
      nonce: nonce === undefined ? undefined : BigInt(nonce),
    }),
  'governor.ballotQr': ({ ballot }) => ballotQr(ballot),
  'governor.relayBallot': ({ ballot, qrParts, relayer }, { ctx, keys }) => {
    const file = ballot ?? ballotFromQr(qrParts ?? [])
    return relayGovernorBallot(ctx, requireChainFor(ctx.db, file.chainId), keys.wallet(relayer), file)
  },
  'governor.queue': ({ chainId, sender, governor, proposalId }, { ctx, keys }) =>
    stepGovernorProposal(ctx, requireChainFor(ctx.db, chainId), keys.wallet(sender), 'queue', {
      governor,
      proposalId: BigInt(proposalId),
    }),
  'governor.execute': ({ chainId, sender, governor, proposalId }, { ctx, keys }) =>
    stepGovernorProposal(ctx, requireChainFor(ctx.db, chainId), keys.wallet(sender), 'execute', {
      governor,
      proposalId: BigInt(proposalId),
    }),
  'governor.cancel': ({ chainId, sender, governor, proposalId }, { ctx, keys }) =>
    stepGovernorProposal(ctx, requireChainFor(ctx.db, chainId), keys.wallet(sender), 'cancel', {
      governor,
      proposalId: BigInt(proposalId),
    }),
  'governor.veto': ({ chainId, governor, proposalId }, { ctx }) =>
    vetoGovernorProposal(ctx, requireChainFor(ctx.db, chainId), { governor, proposalId: BigInt(proposalId) }),
  'governor.advanceTime': ({ seconds, blocks }, { ctx }) =>
    advanceSandboxTime(requireChainFor(ctx.db, undefined), seconds, blocks),
}
