import { invalidateCapabilities, queryClient, useCallQuery } from '../../data'
import { useGovernanceUi } from './state'

// Reads of this feature; every governance write marks them stale (its capability), so they refetch.

/** The rules, the council and the governance token (null until read). */
export const useGovSettings = () => useCallQuery('governance.settings', {}).data ?? null

/** The proposals with their states and the chain's clock; fails while no governance token is chosen. */
export const useGovList = (enabled = true) => useCallQuery('governance.list', {}, { enabled })

/** The proposal open in detail (the route's id), with its tally, timeline and Safe draft state. */
export function useGovDetail() {
  const id = useGovernanceUi((s) => s.detailId)
  return useCallQuery('governance.get', { id: id ?? '' }, { enabled: id !== null })
}

/** The Safe transaction a passed spending proposal drafts, once it is ready. */
export const useSpendingDraft = (id: string, ready: boolean) =>
  useCallQuery('governance.spendingDraft', { id }, { enabled: ready }).data ?? null

export const useDisputes = () => useCallQuery('governance.disputes', {}).data ?? []
export const useParticipation = () => useCallQuery('governance.participation', {}).data ?? null
export const useDelegation = (account: string) =>
  useCallQuery('governance.delegation', { account }, { enabled: account !== '' })

/** Reads every governance answer again (states move with the chain, not with this page). */
export const refreshGovernance = () => invalidateCapabilities(queryClient, ['governance'])
