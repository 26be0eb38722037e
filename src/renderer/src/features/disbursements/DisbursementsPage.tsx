import { useEffect } from 'react'
import type { BatchSummary } from '../../../../shared/contract'
import { humanAmount } from '../../lib/format'
import { Card, DataTable, ErrorNote, StatusChip, type Column, PageHead } from '../../ui'
import { PendingCouncilActs } from '../council'
import { BatchView } from './BatchView'
import { NewBatch } from './NewBatch'
import { ScheduleForm } from './ScheduleForm'
import { Schedules } from './Schedules'
import { useBatch, useBatches } from './queries'
import { useDisbursementsView } from './state'
import { SafeOnChain } from '../safes'

function columns(open: (id: number) => void): Column<BatchSummary>[] {
  return [
    { id: 'id', header: '#', cell: (b) => b.id, sortValue: (b) => b.id },
    {
      id: 'title',
      header: 'Title',
      rowHeader: true,
      sortValue: (b) => b.title,
      cell: (b) => (
        <>
          <button className="link" onClick={() => open(b.id)}>
            {b.title}
          </button>
          {b.override && <span className="chip warn">override</span>}
        </>
      ),
    },
    { id: 'status', header: 'Status', cell: (b) => <StatusChip status={b.status} />, sortValue: (b) => b.status },
    {
      id: 'safe',
      header: 'Safe',
      cell: (b) => <SafeOnChain chainId={b.chainId} address={b.safeAddress} />,
      sortValue: (b) => `${b.chainId}:${b.safeAddress}`,
    },
    { id: 'items', header: 'Payments', className: 'num', cell: (b) => b.items, sortValue: (b) => b.items },
    {
      id: 'totals',
      header: 'Totals',
      className: 'mono small',
      cell: (b) => b.totals.map((t) => `${humanAmount(t.total, t.decimals)} ${t.symbol}`).join(' · '),
    },
    {
      id: 'hash',
      header: 'safeTxHash',
      className: 'mono small',
      cell: (b) => (b.safeTxHash ? `${b.safeTxHash.slice(0, 12)}…` : '—'),
    },
  ]
}

export function DisbursementsPage() {
  const batches = useBatches()
  const batchId = useDisbursementsView((s) => s.batchId)
  const openBatch = useDisbursementsView((s) => s.openBatch)
  const batch = useBatch(batchId)
  useEffect(() => {
    const linked = Number(window.location.hash.split('/')[2])
    if (Number.isInteger(linked) && linked > 0) openBatch(linked)
  }, [openBatch])
  const error = batches.error ?? batch.error
  return (
    <section>
      <PageHead
        title="Disbursements"
        intro={
          <>
            Batches paid by one MultiSend Safe transaction, checked against budgets and the Safe’s balance before anyone
            signs.
          </>
        }
      />
      <ErrorNote error={error ? { message: error.message } : null} />
      <Card title="Batches" headingId="batches-h">
        <DataTable
          rows={batches.data ?? []}
          columns={columns(openBatch)}
          rowKey={(b) => b.id}
          rowAriaSelected={(b) => batchId === b.id}
          testId="batches"
          empty={
            <p className="empty">
              No batches yet. Make one with New batch: pick approved grant milestones or a Safe CSV Airdrop file, check
              it against the budget, then create the draft and propose it for signing.
            </p>
          }
        />
      </Card>
      {batch.data && <BatchView key={`${batch.data.id}-${batch.data.status}`} batch={batch.data} />}
      <NewBatch />
      <PendingCouncilActs />
      <Schedules />
      <ScheduleForm />
    </section>
  )
}
