import { useEffect, useState } from 'react'
import type { ViewProps } from './FirstRunStart'
import { fetchAllSafes } from './queries'

/** After a Safe is added: another chain, another Safe, or the dashboard. */
export function MoreView({
  heading,
  onAnotherChain,
  onAnotherSafe,
  onDone,
}: ViewProps & { onAnotherChain(): void; onAnotherSafe(): void; onDone(): void }) {
  const [safes, setSafes] = useState<Array<{ key: string; text: string }> | null>(null)
  useEffect(() => {
    void fetchAllSafes().then((list) =>
      setSafes(
        list.map((s) => ({
          key: `${s.chainId}:${s.address}`,
          text: `${s.label ?? s.address} · ${s.chainName ?? `chain ${s.chainId}`}${s.version ? ` · Safe ${s.version}` : ''}${s.threshold ? ` · ${s.threshold} of ${s.owners}` : ''}`,
        })),
      ),
    )
  }, [])
  return (
    <>
      <h1 id="firstrun-title" ref={heading} tabIndex={-1}>
        Safe added
      </h1>
      <ul className="plain" aria-label="Safes in this workspace" data-testid="firstrun-safes">
        {(safes ?? []).map((s) => (
          <li key={s.key}>{s.text}</li>
        ))}
      </ul>
      <ul className="firstrun-choices plain">
        <li>
          <button type="button" className="primary" onClick={onDone}>
            Open the dashboard
          </button>
        </li>
        <li>
          <button type="button" onClick={onAnotherChain}>
            Connect another chain
          </button>
          <span className="muted small">Its own RPC; its Safes appear beside these.</span>
        </li>
        <li>
          <button type="button" onClick={onAnotherSafe}>
            Add another Safe on this chain
          </button>
        </li>
      </ul>
    </>
  )
}
