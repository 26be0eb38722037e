import { useEffect, useState } from 'react'
import { useAction } from '../../data'
import { Busy, ErrorNote } from '../../ui'
import { humanAmount, shortAddress, timeAgo } from '../../lib/format'
import { fetchBalances } from './queries'
import type { BalancesView } from '../../../../shared/contract'

/**
 * Every registered token of every Safe of the chain, as last read (shown offline with the time it was read), each
 * amount scaled by its own token's decimals. Refresh reads them all at one block (Multicall3 where the chain has it).
 */
export function SafeBalancesCard({ chainId }: { chainId?: number }) {
  const [view, setView] = useState<BalancesView | null>(null)
  const { busy, error, run } = useAction()
  const load = (refresh: boolean) => run(async () => setView(await fetchBalances(chainId, refresh)))

  useEffect(() => {
    void load(false)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chainId])

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
        <button onClick={() => void load(true)} disabled={busy}>
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
          {s.balances.length === 0 ? (
            <p className="muted small">Not read yet: press “Read balances”.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Token</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col">Block</th>
                </tr>
              </thead>
              <tbody>
                {s.balances.map((b) => (
                  <tr key={b.token ?? 'native'} data-testid={`token-balance-${b.symbol}`}>
                    <td title={b.token ?? 'native coin'}>{b.symbol}</td>
                    <td className="num mono" title={`${b.balance} base units, ${b.decimals} decimals`}>
                      {humanAmount(b.balance, b.decimals, b.decimals)}
                    </td>
                    <td className="small muted">{b.block}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
    </article>
  )
}
