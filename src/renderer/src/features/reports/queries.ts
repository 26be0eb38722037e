import { useCallQuery } from '../../data'

export const useChainSafes = () => useCallQuery('safe.list', {})
export const useChainTokens = (chainId: number | null) =>
  useCallQuery('tokens.list', { chainId: chainId ?? 0 }, { enabled: chainId !== null })
