import { useCallMutation } from '../../data'

// A batch charges budget lines, pays grant milestones and becomes a Safe proposal: those are read again after it moves.
const touches = { invalidates: ['budgets', 'grants', 'proposals'] } as const

/** Checks a batch against budgets and the Safe's balance; writes nothing. */
export const usePreviewBatch = () => useCallMutation('disbursements.preview')
export const useCreateBatch = () => useCallMutation('disbursements.create', touches)
export const useProposeBatch = () => useCallMutation('disbursements.propose', touches)
export const useCancelBatch = () => useCallMutation('disbursements.cancel', touches)
export const useConfirmExecution = () => useCallMutation('disbursements.confirmExecution', touches)
export const useCreateSchedule = () => useCallMutation('disbursements.createSchedule', touches)
export const useDraftDueBatches = () => useCallMutation('disbursements.draftDue', touches)
export const usePauseSchedule = () => useCallMutation('disbursements.pauseSchedule')
