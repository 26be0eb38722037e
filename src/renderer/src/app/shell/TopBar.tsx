import { useEffect } from 'react'
import type { ChainStatus } from '../../../../shared/contract'
import { ROLES, THEMES, type Role, type Theme } from '../../../../shared/prefs'
import { useWorkspaceInfo } from '../../data'
import { go } from '../../lib/route'
import { Options } from '../../ui'
import { ROLE_LABELS, THEME_LABELS, useShell } from './store'
import { SafeSwitcher } from '../../features/safes'

const NETWORK_POLL_MS = 30_000

/** Checks the chain at start, every 30 s, and when the operating system says the network came or went. */
export function useNetworkWatch(): void {
  const checkNetwork = useShell((s) => s.checkNetwork)
  const chain = useWorkspaceInfo()?.chain
  const chainKey = chain ? `${chain.chainId}:${chain.rpcUrl}` : null
  useEffect(() => {
    void checkNetwork()
    const timer = setInterval(() => void checkNetwork(), NETWORK_POLL_MS)
    const now = () => void checkNetwork()
    window.addEventListener('online', now)
    window.addEventListener('offline', now)
    return () => {
      clearInterval(timer)
      window.removeEventListener('online', now)
      window.removeEventListener('offline', now)
    }
  }, [checkNetwork, chainKey])
}

export function TopBar() {
  const prefs = useShell((s) => s.prefs)
  const setRole = useShell((s) => s.setRole)
  const setTheme = useShell((s) => s.setTheme)
  const openPalette = useShell((s) => s.openPalette)
  const openHelp = useShell((s) => s.openHelp)
  const network = useShell((s) => s.network)
  const starting = useWorkspaceInfo()?.sandbox.starting ?? false
  const isMac = /Mac|iPhone|iPad/.test(navigator.platform)

  return (
    <header className="topbar">
      <button
        type="button"
        className="palette-open"
        onClick={() => openPalette(true)}
        aria-keyshortcuts="Control+K Meta+K"
      >
        <span aria-hidden="true">⌕</span> Search or jump to… <kbd>{isMac ? '⌘' : 'Ctrl'} K</kbd>
      </button>
      <div className="topbar-tools">
        {starting && (
          <span className="topbar-progress">
            <progress aria-label="Starting the sandbox chain" /> Starting the sandbox…
          </span>
        )}
        <NetworkChip state={network?.state ?? null} name={network?.name ?? null} latency={network?.latencyMs ?? null} />
        <OtherChains chains={network?.chains ?? []} active={network?.chainId ?? null} />
        <SafeSwitcher />
        <label className="topbar-field">
          <span>Role</span>
          <select
            value={prefs?.role ?? ''}
            disabled={!prefs}
            onChange={(e) => {
              const role = e.target.value as Role | ''
              void setRole(role || null).then(() => go('home'))
            }}
          >
            {!prefs?.role && <option value="">Choose…</option>}
            <Options options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
          </select>
        </label>
        <label className="topbar-field">
          <span>Theme</span>
          <select
            value={prefs?.theme ?? 'system'}
            disabled={!prefs}
            onChange={(e) => void setTheme(e.target.value as Theme)}
          >
            <Options options={THEMES.map((t) => ({ value: t, label: THEME_LABELS[t] }))} />
          </select>
        </label>
        <button
          type="button"
          className="icon-button"
          onClick={() => openHelp(true)}
          aria-label="Keyboard shortcuts"
          aria-keyshortcuts="?"
        >
          ?
        </button>
      </div>
    </header>
  )
}

function NetworkChip({ state, name, latency }: { state: string | null; name: string | null; latency: number | null }) {
  if (state === null) return <span className="chip">Checking the chain…</span>
  if (state === 'online')
    return (
      <span
        className="chip ok"
        data-testid="network-state"
        title={latency === null ? undefined : `answered in ${latency} ms`}
      >
        <span aria-hidden="true">●</span> Online{name ? ` · ${name}` : ''}
      </span>
    )
  if (state === 'no_chain')
    return (
      <span className="chip warn" data-testid="network-state">
        No chain
      </span>
    )
  return (
    <span className="chip danger" data-testid="network-state">
      <span aria-hidden="true">○</span> Offline
    </span>
  )
}

/** Under the top bar while the chain does not answer: what still works, what waits, and a way to check again. */
export function OfflineBanner() {
  const network = useShell((s) => s.network)
  const checking = useShell((s) => s.networkChecking)
  const checkNetwork = useShell((s) => s.checkNetwork)
  const offline = network?.state === 'offline'
  return (
    <div aria-live="polite" className="offline-slot">
      {offline && (
        <div className="banner warn offline-banner" data-testid="offline-banner">
          <p>
            <strong>Offline</strong> — {network.name ?? 'the chain'} does not answer: {network.reason}
          </p>
          <p>
            <strong>Works offline:</strong> review proposals, sign (in the app or by request file), export the audit
            trail and reports. <strong>Waits for the network:</strong> sync, simulate, execute, balances.
          </p>
          <button type="button" onClick={() => void checkNetwork()} disabled={checking}>
            {checking ? 'Checking…' : 'Check again'}
          </button>
        </div>
      )}
    </div>
  )
}

/** For buttons that need the chain: true while it does not answer (unknown counts as online). */
export function useOffline(): boolean {
  return useShell((s) => s.network?.state === 'offline')
}

/** The workspace's other chains, each with its own probe: one offline never marks the others offline. */
function OtherChains({ chains, active }: { chains: ChainStatus[]; active: number | null }) {
  const others = chains.filter((c) => c.chainId !== active)
  if (others.length === 0) return null
  return (
    <span className="topbar-chains" data-testid="other-chains">
      {others.map((c) => (
        <span
          key={c.chainId}
          className={c.state === 'online' ? 'chip ok' : 'chip warn'}
          title={c.reason ?? (c.latencyMs === null ? undefined : `answered in ${c.latencyMs} ms`)}
          data-testid={`chain-state-${c.chainId}`}
        >
          <span aria-hidden="true">{c.state === 'online' ? '●' : '○'}</span> {c.name}:{' '}
          {c.state === 'online' ? 'online' : 'offline'}
        </span>
      ))}
    </span>
  )
}
