import { useState } from 'react'
import type { ProposalSummary, SafeSummary, SyncReport } from '../../../../shared/contract'
import { errorMessage } from '../../data/client'
import { read, send } from '../../data'
import { QuickExports } from '../../features/reports'
import { timeAgo } from '../../lib/format'
import { useShell } from '../shell/store'
import { useOffline } from '../shell/TopBar'
import { Empty, GoButton, HomeCard, ProposalItem, useLoad } from './common'

interface StewardData {
  ready: ProposalSummary[]
  conflicts: Array<{ safe: string; nonce: number; rows: ProposalSummary[] }>
  safes: SafeSummary[]
  nonce: { onChain: number; suggested: number; asOf: string | null } | null
}

async function loadQueue(): Promise<StewardData> {
  const [ready, queue, safes] = await Promise.all([
    read('proposals.list', { view: 'queue', status: ['ready'], limit: 500 }),
    read('proposals.list', { view: 'queue', limit: 500 }),
    read('safe.list', {}),
  ])
  const groups = new Map<string, { safe: string; nonce: number; rows: ProposalSummary[] }>()
  for (const row of queue.rows.filter((r) => r.conflicts > 0)) {
    const key = `${row.safe}:${row.nonce}`
    const group = groups.get(key) ?? { safe: row.safe, nonce: row.nonce, rows: [] }
    group.rows.push(row)
    groups.set(key, group)
  }
  return { ready: ready.rows, conflicts: [...groups.values()], safes, nonce: queue.nonce }
}

export function StewardHome() {
  const state = useLoad(loadQueue)
  const { data, reload } = state
  const offline = useOffline()
  const network = useShell((s) => s.network)
  const [sync, setSync] = useState<{ busy: boolean; report: SyncReport | null; error: string | null }>({
    busy: false,
    report: null,
    error: null,
  })

  const runSync = async () => {
    setSync({ busy: true, report: null, error: null })
    try {
      const report = await send('proposals.sync', {})
      setSync({ busy: false, report, error: null })
      await reload()
    } catch (e) {
      setSync({ busy: false, report: null, error: errorMessage(e) })
    }
  }

  return (
    <div className="home-grid">
      <HomeCard
        id="ready-to-execute"
        title="Ready to execute"
        load={{
          state,
          what: 'proposals ready to execute',
          reload: true,
          failed: 'The queue',
          count: (d) => d.ready.length,
        }}
      >
        {data && data.ready.length === 0 && (
          <Empty action={{ label: 'Open the queue', to: 'proposals' }}>
            Nothing is ready to execute. A proposal appears here once enough owners have signed it (its threshold is
            met); the queue shows those still collecting signatures.
          </Empty>
        )}
        {data && data.ready.length > 0 && (
          <>
            {offline && (
              <p className="banner warn small" id="execute-offline">
                Offline: execution waits for the chain to answer. You can still review these and export their records.
              </p>
            )}
            <ul className="home-list" data-testid="ready-list">
              {data.ready.map((p) => (
                <ProposalItem key={p.id} p={p} act="Review and execute" />
              ))}
            </ul>
          </>
        )}
      </HomeCard>

      <HomeCard
        id="nonce-conflicts"
        title="Nonce conflicts"
        load={{ state, what: 'the nonce queue', count: (d) => d.conflicts.length }}
      >
        {data && data.conflicts.length === 0 && (
          <p className="muted">
            No two open proposals share a nonce.
            {data.nonce &&
              ` The next nonce on chain is ${data.nonce.onChain}; a new proposal takes ${data.nonce.suggested}.`}
          </p>
        )}
        {data && data.conflicts.length > 0 && (
          <ul className="home-list compact">
            {data.conflicts.map((g) => (
              <li key={`${g.safe}:${g.nonce}`}>
                <strong>Nonce {g.nonce}</strong>: only one of {g.rows.map((r) => `“${r.title}”`).join(', ')} can
                execute; executing one voids the others.{' '}
                <GoButton to={`proposals/${g.rows[0].id}`}>Compare them</GoButton>
              </li>
            ))}
          </ul>
        )}
      </HomeCard>

      <HomeCard id="chain-sync" title="Chain and sync">
        <p>
          {network === null
            ? 'Checking the chain…'
            : network.state === 'online'
              ? `Online: ${network.name ?? 'the chain'} answers${network.latencyMs === null ? '' : ` in ${network.latencyMs} ms`}.`
              : network.state === 'no_chain'
                ? 'No chain is configured: connect one (or start the sandbox) on the Dashboard.'
                : `Offline: ${network.reason}`}
        </p>
        {data && data.safes.length > 0 && (
          <ul className="home-list compact">
            {data.safes.map((s) => (
              <li key={s.address}>
                {s.label ?? 'Safe'} <span className="mono small">{s.address}</span> ·{' '}
                {s.asOf ? `last read ${timeAgo(s.asOf)}` : 'never read'}
              </li>
            ))}
          </ul>
        )}
        <div className="row">
          <button
            type="button"
            onClick={() => void runSync()}
            disabled={sync.busy || offline}
            aria-describedby={offline ? 'sync-offline' : undefined}
          >
            {sync.busy ? 'Syncing…' : 'Sync with the chain'}
          </button>
          {sync.busy && <progress aria-label="Syncing the queue with the chain" />}
        </div>
        {offline && (
          <p id="sync-offline" className="small muted">
            Sync waits for the network: it reads nonces, approvals and executions from the chain.
          </p>
        )}
        <div aria-live="polite">
          {sync.report && (
            <p className="small" data-testid="sync-report">
              Synced: nonce {sync.report.onChainNonce} on chain; {sync.report.executed.length} executed,{' '}
              {sync.report.replaced.length} replaced, {sync.report.ready.length} ready.
            </p>
          )}
        </div>
        {sync.error && <p className="error">Sync failed: {sync.error} Check the network, then try again.</p>}
      </HomeCard>

      <HomeCard id="exports" title="Exports">
        <QuickExports />
        <GoButton to="reports">All reports and periods</GoButton>
      </HomeCard>
    </div>
  )
}
