import { useQueries } from '@tanstack/react-query'
import type { Milestone } from '../../../../shared/contract'
import { call, callKey, useCallQuery } from '../../data'
import { useGrants } from '../grants'

export const useBatches = () => useCallQuery('disbursements.list', {})
export const useSchedules = () => useCallQuery('disbursements.schedules', {})
export const useBatch = (batchId: number | null) =>
  useCallQuery('disbursements.get', { batchId: batchId ?? 0 }, { enabled: batchId !== null })

export type PayableMilestone = Milestone & { grantTitle: string; symbol: string; decimals: number }

/** Milestones approved by the council and not yet in a batch, across every approved grant. */
export function useApprovedMilestones(): PayableMilestone[] {
  const approved = (useGrants().data ?? []).filter((g) => g.status === 'approved')
  const details = useQueries({
    queries: approved.map((g) => ({
      queryKey: callKey('grants.get', { grantId: g.id }),
      queryFn: () => call('grants.get', { grantId: g.id }),
    })),
  })
  return details.flatMap(({ data: g }) =>
    g
      ? g.milestones
          .filter((m) => m.status === 'approved' && m.batchId === null)
          .map((m) => ({ ...m, grantTitle: g.title, symbol: g.symbol, decimals: g.decimals }))
      : [],
  )
}
