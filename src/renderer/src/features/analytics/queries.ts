import { useCallQuery } from '../../data'

/** The treasury's analytics series over a period (all of the records when no end is chosen). */
export const useAnalytics = (period: { from?: string; to?: string }) => useCallQuery('analytics.overview', period)
