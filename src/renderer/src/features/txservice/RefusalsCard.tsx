import { Card, DataTable, type Column } from '../../ui'
import { AddressLabel } from '../addressbook'
import type { TxServiceRefusalView } from '../../../../shared/contract'

const COLUMNS: Column<TxServiceRefusalView>[] = [
  {
    id: 'hash',
    header: 'Transaction (as the service names it)',
    rowHeader: true,
    className: 'mono small',
    cell: (r) => r.safeTxHash,
  },
  {
    id: 'owner',
    header: 'Confirmation of',
    cell: (r) => (r.owner ? <AddressLabel address={r.owner} /> : 'whole transaction'),
  },
  { id: 'reason', header: 'Why it was refused', testId: 'refusal-reason', cell: (r) => r.reason },
  {
    id: 'seen',
    header: 'Last seen',
    className: 'small',
    cell: (r) => new Date(r.lastSeenAt).toLocaleString(),
    sortValue: (r) => r.lastSeenAt,
  },
]

/** What the service gave that did not hold up (a hash that its fields do not give, a signature by a non-owner). */
export function RefusalsCard({ refusals }: { refusals: TxServiceRefusalView[] | undefined }) {
  return (
    <Card title="Refused from the service" testId="txservice-refusals">
      <p className="muted small">
        The service is a mailbox, not an authority: every transaction is re-hashed from its fields and every
        confirmation recovered and checked against the Safe&apos;s owners on chain. These did not count.
      </p>
      <DataTable
        rows={refusals}
        columns={COLUMNS}
        rowKey={(r) => `${r.safeTxHash}:${r.owner ?? ''}`}
        testId="txservice-refusals-table"
        label="Refused from the service"
        empty={<p className="muted">Nothing refused.</p>}
      />
    </Card>
  )
}
