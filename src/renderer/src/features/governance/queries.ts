import { useMemo } from 'react'
import { useInfiniteQuery } from '@tanstack/react-query'
import { call, invalidateCapabilities, queryClient, useCallQuery } from '../../data'
import type { GovernanceProposalDetail, GovernanceVotePage } from '../../../../shared/contract'
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
 * A proposal's votes in the page's order (counted first, heaviest first): the first 1,000 are the detail's own (so
 * opening the page reads them once), the rest a page at a time after the last one read (keyset paging: a deep page
 * costs its own rows), as the table scrolls.
 *
 * Keyed by what the detail says of its votes rather than under the governance capability: the detail is marked stale
 * by every governance write and re-read, and a changed count or tally then starts the table again from the new
 * detail, without reading its first page a second time.
 */
export function useGovVotePages(p: GovernanceProposalDetail) {
  const total = p.votes.length + p.votesOmitted
  const seed: GovernanceVotePage = { votes: p.votes, offset: 0, total, next: p.votesNext }
  const query = useInfiniteQuery({
    queryKey: ['vote-pages', p.id, total, p.voters, p.tally],
    queryFn: ({ pageParam }) => call('governance.votes', { id: p.id, after: pageParam, limit: VOTE_PAGE_SIZE }),
    initialData: { pages: [seed], pageParams: [undefined as string | undefined] },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    staleTime: Infinity,
  })
  const pages = query.data.pages
  // One array per page read, not per render: the table rebuilds its row model on a new one.
  const rows = useMemo(() => pages.flatMap((page) => page.votes), [pages])
  return { query, rows, total: pages[pages.length - 1]?.total ?? total }
}
