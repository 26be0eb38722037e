import { sender } from '../../data'

// Writes of this feature as plain functions over send(): each marks its capability's cached answers stale.

export const governanceActionRequest = sender('governance.actionRequest', ['proposals'])
export const governanceCancel = sender('governance.cancel', ['proposals'])
export const governanceDelegate = sender('governance.delegate', ['proposals'])
export const governanceDelegationRequest = sender('governance.delegationRequest', ['proposals'])
export const governanceDraftSafeProposal = sender('governance.draftSafeProposal', ['proposals'])
export const governanceMarkImplemented = sender('governance.markImplemented', ['proposals'])
export const governanceQueue = sender('governance.queue', ['proposals'])
export const governanceRaiseDispute = sender('governance.raiseDispute', ['proposals'])
export const governanceSubmitDelegation = sender('governance.submitDelegation', ['proposals'])
export const governanceUpdateRules = sender('governance.updateRules', ['proposals'])
export const governanceSetToken = sender('governance.setToken', ['proposals'])
export const governanceCreate = sender('governance.create', ['proposals'])
export const governanceImportVotes = sender('governance.importVotes', ['proposals'])
