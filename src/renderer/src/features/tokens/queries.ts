import type { BalancesView, NativeCurrencyInfo } from '../../../../shared/contract'
import { callKey, invalidateCapabilities, queryClient, read, useCallQuery, useWorkspaceInfo } from '../../data'

// Reads of this feature: the token registry, discovery's progress, a Safe's balances, a chain's native currency.

export const useTokenRegistry = () => useCallQuery('tokens.list', {})
export const useNativeInfo = (chainId?: number) => useCallQuery('tokens.native', { chainId })
/** Discovery's progress, polled every 300 ms while it runs. */
export const useDiscoveryStatus = (running: boolean) =>
  useCallQuery('tokens.discoverStatus', {}, { refetchInterval: running ? 300 : undefined })

/** The balances as last read (offline from the last sync). */
export const useBalances = (chainId?: number) => useCallQuery('tokens.balances', { chainId, refresh: false })

/** Reads every balance from the chain now; the answer becomes the last-read figures shown. */
export async function refreshBalances(chainId?: number): Promise<BalancesView> {
  const view = await read('tokens.balances', { chainId, refresh: true })
  queryClient.setQueryData(callKey('tokens.balances', { chainId, refresh: false }), view)
  return view
}

/** What is shown until the chain's native currency is read: a neutral name, never a guessed symbol. */
const PENDING: Pick<NativeCurrencyInfo, 'symbol' | 'decimals' | 'name'> = {
  symbol: 'native',
  decimals: 18,
  name: 'native coin',
}

/**
 * The native currency of a chain (the active one by default), as the workspace names it: symbol, name, decimals.
 * Every amount of the chain's coin the renderer prints goes through this, so no page writes a coin symbol itself;
 * editing it (a tokens write) marks the cached answer stale, so every amount re-renders with the new one.
 */
export function useNative(chainId?: number): Pick<NativeCurrencyInfo, 'symbol' | 'decimals' | 'name'> {
  const active = useWorkspaceInfo()?.chain?.chainId
  const id = chainId ?? active
  const { data } = useCallQuery('tokens.native', { chainId: id }, { enabled: id !== undefined })
  return data ?? PENDING
}

/** Marks the registry (and every tokens answer) stale: after a discovery run added what it found. */
export const registryChanged = () => void invalidateCapabilities(queryClient, ['tokens'])
