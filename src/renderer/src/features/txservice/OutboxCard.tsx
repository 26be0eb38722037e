import { useAction } from '../../data'
import { Card, DataTable, ErrorNote, type Column } from '../../ui'
import { AddressLabel } from '../addressbook'
import type { TxServiceOutboxView } from '../../../../shared/contract'
import { cancelOutboxItem, pushService, retryOutboxItem } from './mutations'

const STATUS_TEXT: Record<TxServiceOutboxView['status'], string> = {
  pending: 'waiting',
  delivered: 'posted',
  refused: 'refused by the service',
  cancelled: 'cancelled',
}
const POSTED_AS: Record<NonNullable<TxServiceOutboxView['postedAs']>, string> = {
  proposal: 'as the proposal',
  confirmation: 'as a confirmation',
  already_there: 'the service had it',
}

const COLUMNS: Column<TxServiceOutboxView>[] = [
  {
    id: 'proposal',
    header: 'Proposal',
    rowHeader: true,
    cell: (o) =>
      o.proposalId ? <a href={`#/proposals/${o.proposalId}`}>#{o.proposalId}</a> : o.safeTxHash.slice(0, 10),
    sortValue: (o) => o.proposalId ?? 0,
  },
  { id: 'signer', header: 'Signature of', cell: (o) => <AddressLabel address={o.signer} /> },
  {
    id: 'status',
    header: 'Status',
    testId: 'outbox-status',
    cell: (o) => `${STATUS_TEXT[o.status]}${o.postedAs ? ` (${POSTED_AS[o.postedAs]})` : ''}`,
    sortValue: (o) => o.status,
  },
  { id: 'attempts', header: 'Attempts', numeric: 'plain', cell: (o) => o.attempts, sortValue: (o) => o.attempts },
  {
    id: 'next',
    header: 'Next attempt / last error',
    className: 'small',
    cell: (o) =>
      o.status === 'pending' ? (
        <>
          {new Date(o.nextAttemptAt).toLocaleTimeString()}
          {o.lastError && <div className="muted">{o.lastError}</div>}
        </>
      ) : (
        (o.lastError ?? '')
      ),
  },
]

/** Signatures on their way to the service: each waits for its backoff, can be retried now or held back. */
export function OutboxCard({ chainId, items }: { chainId: number; items: TxServiceOutboxView[] | undefined }) {
  const row = useAction()
  const push = useAction()
  const waiting = items?.filter((o) => o.status === 'pending' || o.status === 'refused').length ?? 0
  return (
    <Card
      title={`Outbox (${waiting} waiting)`}
      testId="txservice-outbox"
      actions={
        <button
          disabled={push.busy}
          onClick={() => void push.run(() => pushService({ chainId, retryNow: true }))}
          data-testid="txservice-push"
        >
          Post now
        </button>
      }
    >
      <p className="muted small">
        A signature is kept on its proposal whatever happens here: cancelling only stops posting it.
      </p>
      <ErrorNote error={row.error ?? push.error} testId="txservice-outbox-error" />
      <DataTable
        rows={items}
        columns={COLUMNS}
        rowKey={(o) => o.id}
        rowTestId={(o) => `outbox-${o.id}`}
        testId="txservice-outbox-table"
        label="Outbox"
        empty={<p className="muted">Nothing posted yet: signatures of open proposals are posted once made.</p>}
        actionsLabel="Actions"
        rowActions={(o) =>
          o.status === 'pending' || o.status === 'refused' ? (
            <span className="row">
              <button disabled={row.busy} onClick={() => void row.run(() => retryOutboxItem(o.id))}>
                Retry now
              </button>
              <button disabled={row.busy} onClick={() => void row.run(() => cancelOutboxItem(o.id))}>
                Cancel
              </button>
            </span>
          ) : null
        }
      />
    </Card>
  )
}
