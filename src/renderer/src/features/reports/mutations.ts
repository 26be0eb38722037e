import { useCallMutation } from '../../data'

/** An accounting CSV of one Safe; each one is an audit event, so the trail's answers refetch. */
export const useAccountingExport = () => useCallMutation('accounting.export', { invalidates: ['audit'] })

/** Starts an export job in the background; the jobs list refetches (and polls while it runs). */
export const useStartExport = () => useCallMutation('exports.start')
export const useCancelExport = () => useCallMutation('exports.cancel')
