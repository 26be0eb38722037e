import { useCallMutation } from '../../data'

/** An accounting CSV of one Safe; each one is an audit event, so the trail's answers refetch. */
export const useAccountingExport = () => useCallMutation('accounting.export', { invalidates: ['audit'] })
