import { useCallMutation } from '../../data'

// A grant's money is drawn from a budget line and paid by disbursement batches: both read again after a change.
const touches = { invalidates: ['budgets', 'disbursements'] } as const

export const useCreateProgram = () => useCallMutation('grants.createProgram', touches)
export const useApplyForGrant = () => useCallMutation('grants.apply', touches)
export const useMilestoneAction = () => useCallMutation('grants.milestone', touches)
export const useRecordOutcome = () => useCallMutation('grants.recordOutcome', touches)
export const useScheduleMilestonePayouts = () =>
  useCallMutation('disbursements.createSchedule', { invalidates: ['grants', 'budgets'] })
