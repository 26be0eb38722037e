import { useCallback, useEffect, useState } from 'react'
import type { SafeListItem } from '../../../../shared/contract'
import { read } from '../../data'
import { useApp } from '../../store'

// Reads of this feature: every Safe of the workspace across chains, the chains it knows.

export const fetchAllSafes = () => read('safe.list', { all: true })
export const fetchChains = () => read('chains.list', {})

/** Every Safe of the workspace on every chain, reloaded when the workspace or its chain changes. */
export function useAllSafes(): { safes: SafeListItem[] | null; reload(): Promise<void> } {
  const [safes, setSafes] = useState<SafeListItem[] | null>(null)
  const key = useApp((s) => `${s.workspace?.workspace?.id ?? ''}:${s.workspace?.chain?.chainId ?? ''}`)
  const reload = useCallback(async () => {
    try {
      setSafes(await fetchAllSafes())
    } catch {
      setSafes([])
    }
  }, [])
  useEffect(() => void reload(), [reload, key])
  return { safes, reload }
}
