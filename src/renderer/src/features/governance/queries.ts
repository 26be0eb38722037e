import { useMemo } from 'react'
import { useInfiniteQuery } from '@tanstack/react-query'
import { call, callKey, invalidateCapabilities, queryClient, useCallQuery } from '../../data'
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

/** Votes a page; the table reads the next page as it scrolls near its end. */
export const VOTE_PAGE_SIZE = 500

/**
 * A proposal's votes in the page's order (counted first, heaviest first), read a page at a time so a decision with
 * 80,000 votes opens with its first page and the rest follow as the table scrolls.
 */
export function useGovVotePages(id: string) {
  const first = { id, offset: 0, limit: VOTE_PAGE_SIZE }
  const query = useInfiniteQuery({
    queryKey: [...callKey('governance.votes', first), 'pages'],
    queryFn: ({ pageParam }) => call('governance.votes', { id, offset: pageParam, limit: VOTE_PAGE_SIZE }),
    initialPageParam: 0,
    getNextPageParam: (last) =>
      last.offset + last.votes.length < last.total ? last.offset + last.votes.length : undefined,
  })
  const pages = query.data?.pages
  // One array per page read, not per render: the table rebuilds its row model on a new one.
  const rows = useMemo(() => (pages ?? []).flatMap((p) => p.votes), [pages])
  return { query, rows, total: pages?.[0]?.total ?? 0 }
}
