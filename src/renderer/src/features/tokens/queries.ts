import type { NativeCurrencyInfo } from '../../../../shared/contract'
import { read, useCallQuery } from '../../data'
import { useApp } from '../../store'

// Reads of this feature: the token registry, discovery's progress, a Safe's balances, a chain's native currency.

export const fetchTokens = () => read('tokens.list', {})
export const fetchDiscoveryStatus = () => read('tokens.discoverStatus', {})
export const fetchNative = (chainId?: number) => read('tokens.native', { chainId })
export const fetchBalances = (chainId: number | undefined, refresh: boolean) =>
  read('tokens.balances', { chainId, refresh })

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
  const active = useApp((s) => s.workspace?.chain?.chainId)
  const id = chainId ?? active
  const { data } = useCallQuery('tokens.native', { chainId: id }, { enabled: id !== undefined })
  return data ?? PENDING
}
