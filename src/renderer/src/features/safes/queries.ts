import { useCallback, useEffect } from 'react'
import type { ChainListItem, SafeListItem } from '../../../../shared/contract'
import { useCallQuery, useWorkspaceInfo } from '../../data'

// Reads of this feature: every Safe of the workspace across chains, the chains it knows.

/** Every Safe of the workspace on every chain, read again when the workspace or its chain changes. */
export function useAllSafes(): { safes: SafeListItem[] | null } {
  const query = useCallQuery('safe.list', { all: true })
  const info = useWorkspaceInfo()
  const key = `${info?.workspace?.id ?? ''}:${info?.chain?.chainId ?? ''}`
  const { refetch } = query
  useEffect(() => void refetch(), [refetch, key])
  return { safes: query.isError ? [] : (query.data ?? null) }
}

/** The workspace's chains (none while they load or when they cannot be read). */
export function useChains(): ChainListItem[] {
  // Read again when a write changes them (connect, add, deploy) or the workspace changes, not per row that names one.
  return useCallQuery('chains.list', {}, { staleTime: Infinity }).data ?? []
}

/** A chain's name by its id, from the workspace's chains (the id itself until they load, or for a chain not known). */
export function useChainName(): (chainId: number) => string {
  const chains = useCallQuery('chains.list', {}, { staleTime: Infinity }).data
  // The same function until the chains change: a list that builds its columns from it keeps its rows memoised.
  return useCallback((chainId) => chains?.find((c) => c.chainId === chainId)?.name ?? `chain ${chainId}`, [chains])
}

/** The Safes of the active chain, the active one first (proposals and batches are made on them). */
export function useSafes(): SafeListItem[] {
  return useCallQuery('safe.list', {}).data ?? []
}

/**
 * The active Safe's overview (balances, owners, threshold, nonce). `refresh` reads the chain first (the Dashboard);
 * without it the last snapshot will do. Undefined while it loads; `enabled` false while no chain is connected.
 */
export const useSafeOverview = ({ refresh = false, enabled = true }: { refresh?: boolean; enabled?: boolean } = {}) =>
  useCallQuery('safe.overview', { refresh }, { enabled })
