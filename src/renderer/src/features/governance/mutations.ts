import type { CallInput } from '../../../../shared/contract'
import { send } from '../../data'

// Writes of this feature as plain functions over send(): each marks its capability's cached answers stale.

export const governanceActionRequest = (input: CallInput<'governance.actionRequest'>) =>
  send('governance.actionRequest', input, ['proposals'])
export const governanceCancel = (input: CallInput<'governance.cancel'>) =>
  send('governance.cancel', input, ['proposals'])
export const governanceDelegate = (input: CallInput<'governance.delegate'>) =>
  send('governance.delegate', input, ['proposals'])
export const governanceDelegationRequest = (input: CallInput<'governance.delegationRequest'>) =>
  send('governance.delegationRequest', input, ['proposals'])
export const governanceDraftSafeProposal = (input: CallInput<'governance.draftSafeProposal'>) =>
  send('governance.draftSafeProposal', input, ['proposals'])
export const governanceMarkImplemented = (input: CallInput<'governance.markImplemented'>) =>
  send('governance.markImplemented', input, ['proposals'])
export const governanceQueue = (input: CallInput<'governance.queue'>) => send('governance.queue', input, ['proposals'])
export const governanceRaiseDispute = (input: CallInput<'governance.raiseDispute'>) =>
  send('governance.raiseDispute', input, ['proposals'])
export const governanceSubmitDelegation = (input: CallInput<'governance.submitDelegation'>) =>
  send('governance.submitDelegation', input, ['proposals'])
export const governanceUpdateRules = (input: CallInput<'governance.updateRules'>) =>
  send('governance.updateRules', input, ['proposals'])
export const governanceSetToken = (input: CallInput<'governance.setToken'>) =>
  send('governance.setToken', input, ['proposals'])
