import type { CallInput } from '../../../../shared/contract'
import { read, send } from '../../data'

// Writes of this feature as plain functions over send(): each marks its capability's cached answers stale.

export const proposalsAddSignature = (input: CallInput<'proposals.addSignature'>) =>
  send('proposals.addSignature', input, ['safe', 'budgets', 'disbursements'])
export const proposalsApproveOnChain = (input: CallInput<'proposals.approveOnChain'>) =>
  send('proposals.approveOnChain', input, ['safe', 'budgets', 'disbursements'])
export const proposalsCancel = (input: CallInput<'proposals.cancel'>) =>
  send('proposals.cancel', input, ['safe', 'budgets', 'disbursements'])
export const proposalsCreate = (input: CallInput<'proposals.create'>) =>
  send('proposals.create', input, ['safe', 'budgets', 'disbursements'])
export const proposalsExecute = (input: CallInput<'proposals.execute'>) =>
  send('proposals.execute', input, ['safe', 'budgets', 'disbursements'])
export const proposalsExportSigningRequest = (input: CallInput<'proposals.exportSigningRequest'>) =>
  send('proposals.exportSigningRequest', input, ['safe', 'budgets', 'disbursements'])
export const proposalsExportTxBuilder = (input: CallInput<'proposals.exportTxBuilder'>) =>
  send('proposals.exportTxBuilder', input, ['safe', 'budgets', 'disbursements'])
export const proposalsImportSignatureBundle = (input: CallInput<'proposals.importSignatureBundle'>) =>
  send('proposals.importSignatureBundle', input, ['safe', 'budgets', 'disbursements'])
export const proposalsImportTxBuilder = (input: CallInput<'proposals.importTxBuilder'>) =>
  send('proposals.importTxBuilder', input, ['safe', 'budgets', 'disbursements'])
export const proposalsReject = (input: CallInput<'proposals.reject'>) =>
  send('proposals.reject', input, ['safe', 'budgets', 'disbursements'])
export const proposalsSign = (input: CallInput<'proposals.sign'>) =>
  send('proposals.sign', input, ['safe', 'budgets', 'disbursements'])
export const proposalsSimulate = (input: CallInput<'proposals.simulate'>) =>
  send('proposals.simulate', input, ['safe', 'budgets', 'disbursements'])
export const proposalsSubmit = (input: CallInput<'proposals.submit'>) =>
  send('proposals.submit', input, ['safe', 'budgets', 'disbursements'])
export const proposalsUpdate = (input: CallInput<'proposals.update'>) =>
  send('proposals.update', input, ['safe', 'budgets', 'disbursements'])

/** A proposal read afresh after a write made through another capability (a hardware device's signature). */
export const proposalDetail = (id: number) => read('proposals.get', { id })
