import { errorInfo, useAction } from '../../data'
import { Busy, DataTable, ErrorNote, type Column } from '../../ui'
import { humanAmount, shortAddress, timeAgo } from '../../lib/format'
import { refreshBalances, useBalances } from './queries'
import type { BalancesView } from '../../../../shared/contract'

type Balance = BalancesView['safes'][number]['balances'][number]

const COLUMNS: Column<Balance>[] = [
  { id: 'token', header: 'Token', cell: (b) => <span title={b.token ?? 'native coin'}>{b.symbol}</span> },
  {
    id: 'amount',
    header: 'Amount',
    numeric: true,
    cell: (b) => (
      <span title={`${b.balance} base units, ${b.decimals} decimals`}>
        {humanAmount(b.balance, b.decimals, b.decimals)}
      </span>
    ),
  },
  { id: 'block', header: 'Block', className: 'small muted', cell: (b) => b.block },
]

/**
 * Every registered token of every Safe of the chain, as last read (shown offline with the time it was read), each
 * amount scaled by its own token's decimals. Refresh reads them all at one block (Multicall3 where the chain has it).
 */
export function SafeBalancesCard({ chainId }: { chainId?: number }) {
  const query = useBalances(chainId)
  const view = query.data
  const refresh = useAction()
  const busy = refresh.busy || query.isLoading
  const error = refresh.error ?? (query.error ? errorInfo(query.error) : null)

  const readAt = view?.safes.flatMap((s) => s.balances.map((b) => b.readAt)).sort()[0]
  return (
    <article className="card" aria-labelledby="safe-balances-h" data-testid="safe-balances">
      <div className="row">
        <h2 id="safe-balances-h" className="grow">
          Token balances per Safe
        </h2>
        {readAt && (
          <span className={view?.stale ? 'chip warn' : 'chip'} title={readAt} data-testid="balances-read-at">
            {view?.stale ? 'Offline · read ' : 'Read '}
            {timeAgo(readAt)}
          </span>
        )}
        <button onClick={() => void refresh.run(() => refreshBalances(chainId))} disabled={busy}>
          {busy ? 'Reading…' : 'Read balances'}
        </button>
      </div>
      {busy && <Busy label="Reading every token of every Safe at one block…" />}
      <ErrorNote error={error} testId="balances-error" />
      {view?.stale && (
        <p role="status" className="banner warn small">
          The chain could not be read ({view.staleReason}): these are the last figures read.
        </p>
      )}
      {view?.safes.map((s) => (
        <div key={`${s.chainId}:${s.safe}`} data-testid={`safe-balances-${s.safe}`}>
          <h3>
            {s.label ?? 'Safe'}{' '}
            <span className="mono small muted" title={s.safe}>
              {shortAddress(s.safe)}
            </span>{' '}
            <span className="muted small">chain {s.chainId}</span>
          </h3>
          <DataTable
            rows={s.balances}
            columns={COLUMNS}
            rowKey={(b) => b.token ?? 'native'}
            rowTestId={(b) => `token-balance-${b.symbol}`}
            empty={<p className="muted small">Not read yet: press “Read balances”.</p>}
          />
        </div>
      ))}
    </article>
  )
}
