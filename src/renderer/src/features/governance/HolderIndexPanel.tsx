import { useState } from 'react'
import type { ConcentrationView } from '../../../../shared/contract'
import { AddressCell, AmountCell, Card, DataTable, ErrorNote, type Column } from '../../ui'
import { useHolderIndex, useHolderMetrics, useStopHolderSync, useSyncHolders } from './holder-index-queries'
import { useGovSettings } from './queries'

const share = (ratio: string | null) => (ratio === null ? '—' : `${(Number(ratio) * 100).toFixed(2)} %`)

function Measures({ title, view, testId }: { title: string; view: ConcentrationView; testId: string }) {
  return (
    <dl className="facts" data-testid={testId}>
      <dt>{title}</dt>
      <dd>{view.holders.toLocaleString()} accounts</dd>
      <dt>Top 10 share</dt>
      <dd>{share(view.top10Share)}</dd>
      <dt>Gini coefficient</dt>
      <dd>{view.gini ?? '—'}</dd>
      <dt>Nakamoto coefficient</dt>
      <dd>{view.nakamoto ?? '—'}</dd>
    </dl>
  )
}

/**
 * The governance token's holder index: how far it reaches, a sync (progress, stop), and concentration of holdings
 * and voting power at its end, answered from the workspace instead of the RPC.
 */
export function HolderIndexPanel() {
  const token = useGovSettings()?.token
  const [syncing, setSyncing] = useState(false)
  const status = useHolderIndex(syncing)
  const running = status.data?.sync.state === 'running' || status.data?.sync.state === 'stopping'
  if (syncing !== running && status.data) setSyncing(running)
  const metrics = useHolderMetrics(running ? null : (status.data?.syncedTo ?? null))
  const sync = useSyncHolders()
  const stop = useStopHolderSync()
  const s = status.data
  const decimals = token?.decimals ?? 18
  const columns: Column<ConcentrationView['top'][number]>[] = [
    { id: 'account', header: 'Account', cell: (r) => <AddressCell address={r.account} />, rowHeader: true },
    {
      id: 'amount',
      header: 'Amount',
      numeric: true,
      cell: (r) => <AmountCell amount={r.amount} decimals={decimals} symbol={token?.symbol} />,
    },
    { id: 'share', header: 'Share', numeric: 'plain', cell: (r) => share(r.share) },
  ]
  return (
    <Card
      title="Holder index"
      testId="holder-index"
      actions={
        running ? (
          <button onClick={() => void stop.run({})} disabled={s?.sync.state === 'stopping'}>
            Stop
          </button>
        ) : (
          <button onClick={() => void sync.run({}).then(() => setSyncing(true))} disabled={sync.busy}>
            Sync
          </button>
        )
      }
    >
      <ErrorNote error={status.error ? status.error.message : null} />
      <ErrorNote error={sync.error ?? stop.error} />
      {s && (
        <p className="muted small" data-testid="holder-index-status">
          {s.syncedTo === null ? 'Not built yet: Sync reads the token’s logs into this workspace.' : null}
          {s.syncedTo !== null && `Holds every transfer and delegation up to block #${s.syncedTo} `}
          {s.syncedTo !== null && `(${s.logs.toLocaleString()} logs, ${s.reorgs} reorgs followed).`}
          {running && ` Syncing to #${s.sync.target ?? '…'}: ${s.sync.logs.toLocaleString()} logs read…`}
          {s.sync.state === 'done' &&
            s.sync.rolledBackTo !== null &&
            ` A reorg was followed from #${s.sync.rolledBackTo + 1}.`}
          {s.sync.state === 'stopped' && ' Stopped: the next sync goes on from there.'}
        </p>
      )}
      {s?.sync.error && <ErrorNote error={s.sync.error} testId="holder-sync-error" />}
      {metrics.data && (
        <>
          <p className="muted small">
            At block #{metrics.data.block}, answered in {metrics.data.tookMs} ms; {metrics.data.delegates} delegates.
          </p>
          <div className="grid">
            <Measures title="Holders" view={metrics.data.holdings} testId="holder-measures" />
            <Measures title="Voting power" view={metrics.data.votingPower} testId="power-measures" />
          </div>
          <h3>Largest holders</h3>
          <DataTable rows={metrics.data.holdings.top} columns={columns} rowKey={(r) => r.account} />
        </>
      )}
      <ErrorNote error={metrics.error ? metrics.error.message : null} />
    </Card>
  )
}
