import { useSafeOverview } from '../safes'
import type { TokenChoice } from '../../lib/amounts'

export const CATEGORIES = ['research', 'development', 'innovation', 'community', 'operations']

export function useTokenChoices(): TokenChoice[] {
  const overview = useSafeOverview().data
  return (overview?.balances ?? []).map((b) => ({
    token: b.address ?? 'native',
    symbol: b.symbol,
    decimals: b.decimals,
  }))
}
