import { useEffect, useRef } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useApp } from '../../store'
import { PROPOSAL_STATUSES, OPEN_STATUSES, FINAL_STATUSES } from '../../../../shared/contract'
import { go } from '../../lib/route'
import { STATUS_LABEL } from './common'
import { QueueRow } from './QueueRow'
import { useAllSafes, useSafeOverview, useSafes } from '../safes'
import { useLabels } from '../addressbook'

const ROW_HEIGHT = 52

/** Queue (open proposals by nonce) or history, filtered; virtualised and paged, so 10,000 rows scroll smoothly. */
export function ProposalQueue({ view }: { view: 'queue' | 'history' }) {
  const { rows, total, nonceInfo, categories, listLoading, listError, filters, busy, lastSync } = useApp()
  const overview = useSafeOverview().data
  const safes = useSafes()
  const labels = useLabels()
  const setFilters = useApp((s) => s.setFilters)
  const loadMore = useApp((s) => s.loadMoreProposals)
  const sync = useApp((s) => s.syncProposals)
  // The list holds every chain's proposals, so the filter offers every Safe of the workspace.
  const everySafe = useAllSafes().safes ?? safes

  useEffect(() => {
    setFilters({ view, status: '' })
  }, [view, setFilters])
  // Sync when the queue opens: proposals executed elsewhere and on-chain approvals show without a click.
  // Offline, the last synced state stays on screen with the error above it.
  const hasChain = useApp((s) => s.workspace?.chain != null)
  useEffect(() => {
    if (hasChain && view === 'queue') void sync()
  }, [hasChain, view, sync])

  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  })
  const items = virtualizer.getVirtualItems()
  const lastIndex = items.length ? items[items.length - 1].index : -1
  useEffect(() => {
    if (lastIndex >= rows.length - 40 && rows.length < total) void loadMore()
  }, [lastIndex, rows.length, total, loadMore])

  const statuses = view === 'queue' ? OPEN_STATUSES : FINAL_STATUSES
  const owners = overview?.owners ?? []

  return (
    <section>
      <header className="page-head">
        <div>
          <h1>{view === 'queue' ? 'Proposal queue' : 'Proposal history'}</h1>
          <p className="muted" data-testid="proposal-total">
            {total.toLocaleString()} {view === 'queue' ? 'open' : 'closed'} proposal{total === 1 ? '' : 's'}
            {nonceInfo && view === 'queue' && (
              <>
                {' '}
                · Safe nonce on chain <strong data-testid="onchain-nonce">{nonceInfo.onChain}</strong> · next proposal
                goes to nonce <strong data-testid="suggested-nonce">{nonceInfo.suggested}</strong>
              </>
            )}
          </p>
        </div>
        <div className="head-actions">
          <button onClick={() => void sync(filters.safe || undefined)} disabled={busy === 'sync'}>
            {busy === 'sync' ? 'Syncing…' : 'Sync with chain'}
          </button>
          <button onClick={() => go('proposals/import')}>Import batch</button>
          <button className="primary" onClick={() => go('proposals/new')}>
            New proposal
          </button>
        </div>
      </header>
      {listError && (
        <p role="alert" className="error">
          {listError}
        </p>
      )}
      {lastSync && (
        <p role="status" className="banner ok" data-testid="sync-report">
          Synced at nonce {lastSync.onChainNonce}: {lastSync.executed.length} executed elsewhere,{' '}
          {lastSync.replaced.length} replaced, {lastSync.onchainApprovals} on-chain approvals read.
        </p>
      )}
      <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select value={filters.status} onChange={(e) => setFilters({ status: e.target.value as never })}>
            <option value="">All</option>
            {PROPOSAL_STATUSES.filter((s) => statuses.includes(s)).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Safe
          <select value={filters.safe} onChange={(e) => setFilters({ safe: e.target.value })}>
            <option value="">All Safes</option>
            {[...new Map(everySafe.map((s) => [s.address, s])).values()].map((s) => (
              <option key={s.address} value={s.address}>
                {s.label ?? s.address}
              </option>
            ))}
          </select>
        </label>
        <label>
          Category
          <select value={filters.category} onChange={(e) => setFilters({ category: e.target.value })}>
            <option value="">All</option>
            {categories.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label>
          Signer
          <select value={filters.signer} onChange={(e) => setFilters({ signer: e.target.value })}>
            <option value="">Anyone</option>
            {owners.map((o) => (
              <option key={o} value={o}>
                {labels[o] ?? o}
              </option>
            ))}
          </select>
        </label>
        {filters.signer && (
          <label>
            Has
            <select value={filters.signerState} onChange={(e) => setFilters({ signerState: e.target.value as never })}>
              <option value="signed">signed</option>
              <option value="not_signed">not signed yet</option>
            </select>
          </label>
        )}
      </form>
      {rows.length === 0 && !listLoading ? (
        <p className="empty">
          {view === 'queue' ? 'Nothing waits for signatures.' : 'No closed proposals match these filters.'}
        </p>
      ) : (
        <div
          className="vtable"
          role="table"
          aria-label="Proposals"
          aria-rowcount={total + 1}
          data-testid="proposal-table"
        >
          <div className="vrow vhead" role="row" aria-rowindex={1}>
            <span role="columnheader">Nonce</span>
            <span role="columnheader">Proposal</span>
            <span role="columnheader">Status</span>
            <span role="columnheader" className="num">
              Signatures
            </span>
            <span role="columnheader">Outflow</span>
            <span role="columnheader">Safe</span>
          </div>
          <div className="vbody" ref={scroller}>
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => (
                <QueueRow
                  key={rows[item.index].id}
                  r={rows[item.index]}
                  index={item.index}
                  start={item.start}
                  size={item.size}
                />
              ))}
            </div>
          </div>
        </div>
      )}
    </section>
  )
}
