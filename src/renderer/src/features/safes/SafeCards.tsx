import { useState } from 'react'
import { humanAmount, timeAgo } from '../../lib/format'
import { errorInfo, type ShownError } from '../../data'
import { ErrorNote } from '../../ui'
import { useAllSafes } from './queries'
import { switchSafe } from './mutations'

/** Every Safe of the workspace side by side (e.g. on Ethereum, Arbitrum and Base), from their last synced state. */
export function SafeCards() {
  const { safes } = useAllSafes()
  const [error, setError] = useState<ShownError | null>(null)
  if (!safes || safes.length < 2) return null
  return (
    <section aria-labelledby="all-safes-h" className="spaced-top">
      <h2 id="all-safes-h">All Safes in this workspace</h2>
      <ErrorNote error={error} />
      <div className="grid" data-testid="safe-cards">
        {safes.map((s) => (
          <article
            key={`${s.chainId}:${s.address}`}
            className="card"
            data-testid="safe-card"
            aria-current={s.active ? 'true' : undefined}
            aria-label={`${s.label ?? s.address} on ${s.chainName ?? `chain ${s.chainId}`}`}
          >
            <h3>{s.label ?? 'Safe'}</h3>
            <p className="muted small">
              {s.chainName ?? 'Chain'} · chain {s.chainId}
              {s.version ? ` · Safe v${s.version}` : ''}
            </p>
            <p className="mono small">{s.address}</p>
            <p>
              {s.threshold != null ? `${s.threshold} of ${s.owners} signatures` : 'Not synced yet'}
              {s.nativeBalance != null ? ` · ${humanAmount(s.nativeBalance, 18)} native` : ''}
            </p>
            <p className="muted small">{s.asOf ? `Synced ${timeAgo(s.asOf)}` : ''}</p>
            {s.active ? (
              <span className="chip ok">Active</span>
            ) : (
              <button
                type="button"
                onClick={() => void switchSafe(s.chainId, s.address).catch((e) => setError(errorInfo(e)))}
              >
                Make active
              </button>
            )}
          </article>
        ))}
      </div>
    </section>
  )
}
