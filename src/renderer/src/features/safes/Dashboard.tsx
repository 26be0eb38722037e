import { humanAmount, timeAgo } from '../../lib/format'
import { AddressLabel } from '../addressbook'
import { Busy, DataTable, ErrorNote, type Column } from '../../ui'
import type { SafeOverview } from '../../../../shared/contract'
import { SafeBalancesCard } from '../tokens'
import { SafeCards } from './SafeCards'
import { useSafeOverview } from './queries'
import { errorInfo, useAction, useWorkspaceInfo } from '../../data'
import { startSandbox } from '../workspace'

type Balance = SafeOverview['balances'][number]

const BALANCE_COLUMNS: Column<Balance>[] = [
  { id: 'token', header: 'Token', cell: (b) => b.symbol },
  {
    id: 'amount',
    header: 'Amount',
    numeric: true,
    cell: (b) => <span title={`${b.balance} base units`}>{humanAmount(b.balance, b.decimals)}</span>,
  },
]

export function Dashboard() {
  const workspace = useWorkspaceInfo()
  const starting = useAction()
  const query = useSafeOverview({ refresh: true, enabled: Boolean(workspace?.chain) })
  const overview = query.data
  const overviewLoading = query.isFetching

  if (!workspace) return <Busy label="Loading the workspace…" />
  if (!workspace.chain) {
    return (
      <section className="empty">
        <h1>No chain yet</h1>
        <p>
          Start the built-in sandbox: a local chain with the real Safe v1.4.1 contracts, a 2-of-3 demo Safe and three
          demo signers. Nothing there is real money.
        </p>
        <button
          className="primary"
          onClick={() => void starting.run(startSandbox)}
          disabled={workspace.sandbox.starting || starting.busy}
        >
          {workspace.sandbox.starting ? 'Starting the sandbox…' : 'Start the sandbox'}
        </button>
        {workspace.sandbox.starting && (
          <Busy label="Starting the local chain and deploying the Safe contracts (a few seconds)…" />
        )}
        <ErrorNote error={starting.error ?? workspace.sandbox.error} />
      </section>
    )
  }

  return (
    <section>
      <header className="page-head">
        <div>
          <h1>{overview?.label ?? 'Treasury'}</h1>
          {overview && (
            <p className="mono" data-testid="safe-address">
              {overview.address}
            </p>
          )}
        </div>
        <div className="head-actions">
          {overview && (
            <span className={overview.stale ? 'chip warn' : 'chip'} data-testid="as-of" title={overview.asOf}>
              {overview.stale ? 'Offline · last synced ' : 'As of '}
              {timeAgo(overview.asOf)}
            </span>
          )}
          <button onClick={() => void query.refetch()} disabled={overviewLoading}>
            {overviewLoading ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
      </header>
      {overviewLoading && <Busy label="Reading the Safe from the chain…" />}
      <ErrorNote error={query.error ? errorInfo(query.error) : null} />
      {overview?.stale && (
        <p role="status" className="banner warn">
          The chain is unreachable ({overview.staleReason}). These figures are the last synced state. Offline you can
          still review, sign (keys, files, QR codes) and export; syncing and executing wait for the network.
        </p>
      )}
      {overview && (
        <div className="grid">
          <article className="card" aria-labelledby="balances-h">
            <h2 id="balances-h">Balances</h2>
            <DataTable
              rows={overview.balances}
              columns={BALANCE_COLUMNS}
              rowKey={(b) => b.address ?? 'native'}
              rowTestId={(b) => `balance-${b.symbol}`}
            />
          </article>
          <article className="card" aria-labelledby="policy-h">
            <h2 id="policy-h">Signing policy</h2>
            <p className="big" data-testid="threshold">
              {overview.threshold} of {overview.owners.length}
            </p>
            <p className="muted">
              signatures needed · Safe v{overview.version} · next nonce{' '}
              <span data-testid="nonce">{overview.nonce}</span>
            </p>
            <h3>Owners</h3>
            <ul className="owners" data-testid="owners">
              {overview.owners.map((o) => (
                <li key={o}>
                  <AddressLabel address={o} full />
                </li>
              ))}
            </ul>
            <h3>Modules, guard, fallback handler</h3>
            <dl className="fields small" data-testid="safe-extensions">
              <div>
                <dt>Modules</dt>
                <dd data-testid="modules">
                  {overview.modules.length === 0
                    ? 'none'
                    : overview.modules.map((m) => <AddressLabel key={m} address={m} full />)}
                </dd>
              </div>
              <div>
                <dt>Guard</dt>
                <dd data-testid="guard">{overview.guard ? <AddressLabel address={overview.guard} full /> : 'none'}</dd>
              </div>
              <div>
                <dt>Fallback handler</dt>
                <dd data-testid="fallback-handler">
                  {overview.fallbackHandler ? <AddressLabel address={overview.fallbackHandler} full /> : 'none'}
                </dd>
              </div>
            </dl>
            {overview.modules.length > 0 && (
              <p className="banner warn small">
                Modules can move funds without owner signatures: check each one is expected.
              </p>
            )}
          </article>
        </div>
      )}
      <SafeCards />
      <SafeBalancesCard />
    </section>
  )
}
