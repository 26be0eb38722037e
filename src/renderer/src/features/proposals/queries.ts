import { useMemo } from 'react'
import { useInfiniteQuery } from '@tanstack/react-query'
import type { CallInput } from '../../../../shared/contract'
import { call, callKey, useCallQuery } from '../../data'
import type { ProposalFilters } from './state'

// Reads of this feature: the queue or history (paged), one proposal, the nonce the next one takes.

export const PAGE_SIZE = 200

function listInput(f: ProposalFilters, offset: number): CallInput<'proposals.list'> {
  return {
    // Every chain's proposals: each row names its chain and Safe.
    allChains: true,
    view: f.view,
    status: f.status ? [f.status] : undefined,
    safe: f.safe || undefined,
    category: f.category || undefined,
    signer: f.signer || undefined,
    signerState: f.signer ? f.signerState : undefined,
    offset,
    limit: PAGE_SIZE,
  }
}

/** The proposals matching the filters, 200 a page; `fetchNextPage` reads the next one as the table scrolls. */
export function useProposalPages(filters: ProposalFilters) {
  const first = listInput(filters, 0)
  const query = useInfiniteQuery({
    queryKey: [...callKey('proposals.list', first), 'pages'],
    queryFn: ({ pageParam }) => call('proposals.list', listInput(filters, pageParam)),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const read = pages.reduce((n, p) => n + p.rows.length, 0)
      return read < last.total ? read : undefined
    },
  })
  const pages = query.data?.pages
  // One array per page read, not per render: the table rebuilds its row model (every row read so far) on a new one.
  const rows = useMemo(() => (pages ?? []).flatMap((p) => p.rows), [pages])
  return {
    query,
    rows,
    total: pages?.[0]?.total ?? 0,
    nonce: pages?.[0]?.nonce ?? null,
    categories: pages?.[0]?.categories ?? [],
  }
}

/** The active Safe's nonce on chain and the one a new proposal takes. */
export const useNonceInfo = () =>
  useCallQuery('proposals.list', { allChains: true, view: 'queue', limit: 1 }).data?.nonce ?? null

/** One proposal with its signatures, simulation and executions. */
export const useProposal = (id: number) => useCallQuery('proposals.get', { id })
