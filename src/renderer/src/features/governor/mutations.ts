import { useCallMutation } from '../../data'

// Writes of this feature: every step changes what the chain says about proposals, and an execution moves the
// Safe's history and budgets.
export const useGovernorStep = <N extends 'governor.queue' | 'governor.execute' | 'governor.cancel'>(name: N) =>
  useCallMutation(name, { invalidates: ['budgets', 'proposals', 'safe', 'disbursements'] })
// Proposing a disbursement batch commits it (proposed) in the batches and budgets.
export const usePropose = () => useCallMutation('governor.propose', { invalidates: ['disbursements', 'budgets'] })
export const useVote = () => useCallMutation('governor.vote')
export const useSignBallot = () => useCallMutation('governor.signBallot')
export const useRelayBallot = () => useCallMutation('governor.relayBallot')
export const useVeto = () => useCallMutation('governor.veto', { invalidates: ['proposals'] })
export const useConnectGovernor = () => useCallMutation('governor.connect')
export const useDeploySandboxGovernor = () => useCallMutation('governor.deploySandbox')
export const useAdvanceTime = () => useCallMutation('governor.advanceTime', { invalidates: ['governance'] })
