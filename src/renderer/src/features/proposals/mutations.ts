import type { CallInput } from '../../../../shared/contract'
import { useMutation } from '@tanstack/react-query'
import { read, send, sender } from '../../data'

// Writes of this feature as plain functions over send(): each marks its capability's cached answers stale, and
// what a proposal moves: the Safe's balances, the budget lines and batches it is charged to.
const AFFECTS = ['safe', 'budgets', 'disbursements'] as const

export const proposalsAddSignature = sender('proposals.addSignature', AFFECTS)
export const proposalsApproveOnChain = sender('proposals.approveOnChain', AFFECTS)
export const proposalsCancel = sender('proposals.cancel', AFFECTS)
export const proposalsCreate = sender('proposals.create', AFFECTS)
export const proposalsExecute = sender('proposals.execute', AFFECTS)
export const proposalsExportSigningRequest = sender('proposals.exportSigningRequest', AFFECTS)
export const proposalsExportTxBuilder = sender('proposals.exportTxBuilder', AFFECTS)
export const proposalsImportSignatureBundle = sender('proposals.importSignatureBundle', AFFECTS)
export const proposalsImportTxBuilder = sender('proposals.importTxBuilder', AFFECTS)
export const proposalsReject = sender('proposals.reject', AFFECTS)
export const proposalsSign = sender('proposals.sign', AFFECTS)
export const proposalsSimulate = sender('proposals.simulate', AFFECTS)
export const proposalsSubmit = sender('proposals.submit', AFFECTS)
export const proposalsUpdate = sender('proposals.update', AFFECTS)

/** Reads executions and approvals made elsewhere; `mutate` keeps its identity, so a page can sync when it opens. */
export const useProposalsSync = () =>
  useMutation({ mutationFn: (input: CallInput<'proposals.sync'>) => send('proposals.sync', input) })
/** A proposal read afresh after a write made through another capability (a hardware device's signature). */
export const proposalDetail = (id: number) => read('proposals.get', { id })
