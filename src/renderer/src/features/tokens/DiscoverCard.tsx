import { useEffect, useRef, useState } from 'react'
import { useAction } from '../../data'
import { ErrorNote } from '../../ui'
import { fetchDiscoveryStatus } from './queries'
import { startDiscovery, stopDiscovery } from './mutations'
import type { DiscoveryStatus } from '../../../../shared/contract'

/** Discovery from Transfer logs, with its progress polled; Stop keeps the cursor and the next run goes on from it. */
export function DiscoverCard({ onChange }: { onChange(): void }) {
  const [status, setStatus] = useState<DiscoveryStatus | null>(null)
  const { busy, error, run } = useAction()
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  const poll = async () => {
    const next = await fetchDiscoveryStatus()
    setStatus(next)
    if (next.state === 'running' || next.state === 'stopping') timer.current = setTimeout(() => void poll(), 300)
    else onChange()
  }
  useEffect(() => {
    void poll().catch(() => {})
    return () => {
      if (timer.current) clearTimeout(timer.current)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const running = status?.state === 'running' || status?.state === 'stopping'
  const span =
    status && status.toBlock !== null && status.fromBlock !== null ? status.toBlock - status.fromBlock + 1 : 0
  const done =
    status && status.scannedTo !== null && status.fromBlock !== null ? status.scannedTo - status.fromBlock + 1 : 0
  return (
    <article className="card" aria-labelledby="discover-h">
      <h2 id="discover-h">Discover from the Safes’ history</h2>
      <p className="muted small">
        Reads the ERC-20 Transfer logs to and from every Safe of this chain in bounded block ranges (halved when the RPC
        refuses one), registers each contract that answers as an ERC-20 and lists the ones that do not, with why.
      </p>
      <div className="row">
        <button
          className="primary"
          disabled={busy || running}
          onClick={() =>
            void run(async () => {
              setStatus(await startDiscovery())
              await poll()
            })
          }
        >
          {status?.state === 'stopped' ? 'Go on discovering' : 'Discover tokens'}
        </button>
        {running && <button onClick={() => void run(async () => setStatus(await stopDiscovery()))}>Stop</button>}
      </div>
      {status && status.state !== 'idle' && (
        <div data-testid="discover-status" role="status">
          {span > 0 && <progress max={span} value={Math.max(0, done)} aria-label="Blocks read" />}
          <p className="small">
            <strong data-testid="discover-state">{status.state}</strong>: blocks {status.fromBlock}–
            {status.scannedTo ?? '…'} of {status.toBlock}, {status.logs} Transfer logs, {status.added.length} added,{' '}
            {status.known} already known
            {status.splits > 0 && `, ${status.splits} ranges split because the RPC refused them`}
            {status.resumedFrom !== null && ` (went on from block ${status.resumedFrom})`}.
          </p>
          {status.added.length > 0 && (
            <p className="small" data-testid="discover-added">
              Added: {status.added.map((a) => `${a.symbol} (${a.decimals} decimals)`).join(', ')}
            </p>
          )}
          {status.error && <p className="banner warn small">{status.error}</p>}
        </div>
      )}
      <ErrorNote error={error} testId="discover-error" />
    </article>
  )
}
