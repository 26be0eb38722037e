import { useEffect, useRef, useState } from 'react'
import { useAction } from '../../data'
import { ErrorNote } from '../../ui'
import { registryChanged, useDiscoveryStatus } from './queries'
import { startDiscovery, stopDiscovery } from './mutations'

/** Discovery from Transfer logs, with its progress polled; Stop keeps the cursor and the next run goes on from it. */
export function DiscoverCard() {
  const { busy, error, run } = useAction()
  const [polling, setPolling] = useState(false)
  const status = useDiscoveryStatus(polling).data
  const running = status?.state === 'running' || status?.state === 'stopping'
  const wasRunning = useRef(false)
  // Polled while a run goes on; when it ends, the registry it filled is read again.
  useEffect(() => {
    setPolling(running)
    if (wasRunning.current && !running) registryChanged()
    wasRunning.current = running
  }, [running])

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
        <button className="primary" disabled={busy || running} onClick={() => void run(() => startDiscovery())}>
          {status?.state === 'stopped' ? 'Go on discovering' : 'Discover tokens'}
        </button>
        {running && <button onClick={() => void run(() => stopDiscovery())}>Stop</button>}
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
