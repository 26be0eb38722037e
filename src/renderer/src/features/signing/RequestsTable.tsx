import type { RequestSummary } from '../../../../shared/contract'
import { DataTable, type Column } from '../../ui'

/** The workspace's signing requests; the title opens one for review. */
export function RequestsTable({ requests, open }: { requests: RequestSummary[]; open(safeTxHash: string): void }) {
  const columns: Column<RequestSummary>[] = [
    { id: 'nonce', header: 'Nonce', numeric: 'plain', cell: (r) => r.nonce, sortValue: (r) => Number(r.nonce) },
    {
      id: 'what',
      header: 'What',
      cell: (r) => (
        <>
          <button type="button" className="link" onClick={() => open(r.safeTxHash)}>
            {r.text}
          </button>
          {r.dangers > 0 && <span className="chip danger">{r.dangers} danger</span>}
          {r.description && <div className="muted small">Note: {r.description}</div>}
        </>
      ),
    },
    { id: 'signatures', header: 'Signatures', cell: (r) => `${r.signatures} of ${r.threshold ?? '?'}` },
    { id: 'origin', header: 'Origin', cell: (r) => r.origin, sortValue: (r) => r.origin },
    { id: 'hash', header: 'Hash', className: 'mono small', cell: (r) => `${r.safeTxHash.slice(0, 12)}…` },
  ]
  return (
    <DataTable
      rows={requests}
      columns={columns}
      rowKey={(r) => r.safeTxHash}
      testId="requests"
      empty={
        <p className="empty">
          No signing requests yet. Make one with New transfer request above, or import a request file or QR images a
          colleague sent you; it is listed here for review before anyone signs.
        </p>
      }
    />
  )
}
