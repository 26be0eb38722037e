import { useEffect } from 'react'
import { useApp } from '../../store'
import type { TokenChoice } from '../../lib/amounts'

export const CATEGORIES = ['research', 'development', 'innovation', 'community', 'operations']

export function useTokenChoices(): TokenChoice[] {
  const overview = useApp((s) => s.overview)
  const loadOverview = useApp((s) => s.loadOverview)
  useEffect(() => {
    if (!overview) void loadOverview()
  }, [overview, loadOverview])
  return (overview?.balances ?? []).map((b) => ({
    token: b.address ?? 'native',
    symbol: b.symbol,
    decimals: b.decimals,
  }))
}
