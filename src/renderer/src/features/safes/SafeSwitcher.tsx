import { useState } from 'react'
import type { SafeListItem } from '../../../../shared/contract'
import { useAllSafes } from './queries'
import { switchSafe } from './mutations'

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
