import type { AuditEvent } from '../../../../shared/contract'
import { DataTable, type Column } from '../../ui'

const COLUMNS: Column<AuditEvent>[] = [
  { id: 'seq', header: '#', numeric: 'plain', cell: (e) => e.seq, sortValue: (e) => e.seq },
  { id: 'at', header: 'Time (UTC)', className: 'mono', cell: (e) => e.at.replace('T', ' ').slice(0, 19) },
  { id: 'actor', header: 'Actor', className: 'mono', cell: (e) => e.actor, sortValue: (e) => e.actor },
  { id: 'action', header: 'Action', cell: (e) => e.action, sortValue: (e) => e.action },
  { id: 'subject', header: 'Subject', className: 'mono small', cell: (e) => e.subject },
  {
    id: 'hash',
    header: 'Hash',
    className: 'mono small',
    cell: (e) => <span title={e.hash}>{e.hash.slice(0, 12)}…</span>,
  },
]

/** The latest events, newest first as the API answers them. */
export function AuditTable({ events, loading }: { events: AuditEvent[] | undefined; loading: boolean }) {
  return (
    <DataTable
      rows={events}
      columns={COLUMNS}
      rowKey={(e) => e.seq}
      loading={loading}
      testId="audit-table"
      empty={
        <p className="empty">
          Nothing has happened in this workspace yet. Every change you make (a proposal, a signature, a budget) is
          recorded here with its hash; come back after your first action.
        </p>
      }
    />
  )
}
