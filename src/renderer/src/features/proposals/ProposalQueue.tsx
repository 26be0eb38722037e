import { useCallback, useEffect } from 'react'
import { errorMessage, useWorkspaceInfo } from '../../data'
import { go } from '../../lib/route'
import { useProposalsSync } from './mutations'
import { useProposalPages } from './queries'
import { QueueFilters } from './QueueFilters'
import { QueueTable } from './QueueTable'
import { useProposalFilters } from './state'

/** Queue (open proposals by nonce) or history, filtered; virtualised and paged, so 10,000 rows scroll smoothly. */
export function ProposalQueue({ view }: { view: 'queue' | 'history' }) {
  const filters = useProposalFilters((s) => s.filters)
  const setFilters = useProposalFilters((s) => s.setFilters)
  const { query, rows, total, nonce: nonceInfo, categories } = useProposalPages({ ...filters, view })
  const { fetchNextPage, hasNextPage, isFetchingNextPage } = query
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage()
  }, [hasNextPage, isFetchingNextPage, fetchNextPage])
  const sync = useProposalsSync()
  const runSync = sync.mutate

  useEffect(() => {
    setFilters({ view, status: '' })
  }, [view, setFilters])
  // Sync when the queue opens: proposals executed elsewhere and on-chain approvals show without a click.
  // Offline, the last synced state stays on screen with the error above it.
  const hasChain = useWorkspaceInfo()?.chain != null
  useEffect(() => {
    if (hasChain && view === 'queue') runSync({})
  }, [hasChain, view, runSync])
  const listError = sync.error ?? query.error
  const lastSync = sync.data

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
          <button onClick={() => runSync({ safe: filters.safe || undefined })} disabled={sync.isPending}>
            {sync.isPending ? 'Syncing…' : 'Sync with chain'}
          </button>
          <button onClick={() => go('proposals/import')}>Import batch</button>
          <button className="primary" onClick={() => go('proposals/new')}>
            New proposal
          </button>
        </div>
      </header>
      {listError && (
        <p role="alert" className="error">
          {errorMessage(listError)}
        </p>
      )}
      {lastSync && (
        <p role="status" className="banner ok" data-testid="sync-report">
          Synced at nonce {lastSync.onChainNonce}: {lastSync.executed.length} executed elsewhere,{' '}
          {lastSync.replaced.length} replaced, {lastSync.onchainApprovals} on-chain approvals read.
        </p>
      )}
      <QueueFilters categories={categories} />
      <QueueTable
        rows={rows}
        total={total}
        loading={query.isLoading}
        onEndReached={loadMore}
        empty={view === 'queue' ? 'Nothing waits for signatures.' : 'No closed proposals match these filters.'}
      />
    </section>
  )
}
