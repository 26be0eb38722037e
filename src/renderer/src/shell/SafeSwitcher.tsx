import { useCallback, useEffect, useState } from 'react'
import { call } from '../api/client'
import { useApp } from '../store'
import type { SafeListItem } from '../../../shared/contract'

/** Every Safe of the workspace on every chain, reloaded when the workspace or its chain changes. */
export function useAllSafes(): { safes: SafeListItem[] | null; reload(): Promise<void> } {
  const [safes, setSafes] = useState<SafeListItem[] | null>(null)
  const key = useApp((s) => `${s.workspace?.workspace?.id ?? ''}:${s.workspace?.chain?.chainId ?? ''}`)
  const reload = useCallback(async () => {
    try {
      setSafes(await call('safe.list', { all: true }))
    } catch {
      setSafes([])
    }
  }, [])
  useEffect(() => void reload(), [reload, key])
  return { safes, reload }
}

/**
 * Makes a Safe the active one (its chain becomes the active chain), then reloads the app so every page reads the
 * new Safe: proposals, batches and signing go to it. No new workspace.
 */
export async function switchSafe(chainId: number, address: string): Promise<void> {
  await call('safe.select', { chainId, address })
  window.location.reload()
}

export function safeName(s: SafeListItem): string {
  return `${s.label ?? `${s.address.slice(0, 6)}…${s.address.slice(-4)}`} · ${s.chainName ?? `chain ${s.chainId}`}`
}

/** The top bar's Safe switcher: shown when the workspace has more than one Safe. */
export function SafeSwitcher() {
  const { safes } = useAllSafes()
  const [switching, setSwitching] = useState(false)
  if (!safes || safes.length < 2) return null
  const active = safes.find((s) => s.active)
  return (
    <label className="topbar-field">
      <span>Safe</span>
      <select
        data-testid="safe-switcher"
        value={active ? `${active.chainId}:${active.address}` : ''}
        disabled={switching}
        onChange={(e) => {
          const [chainId, address] = e.target.value.split(':')
          setSwitching(true)
          void switchSafe(Number(chainId), address).catch(() => setSwitching(false))
        }}
      >
        {!active && <option value="">Choose…</option>}
        {safes.map((s) => (
          <option key={`${s.chainId}:${s.address}`} value={`${s.chainId}:${s.address}`}>
            {safeName(s)}
          </option>
        ))}
      </select>
    </label>
  )
}
