import type { DecodedCall, RequestView } from '../../../../shared/contract'
import { DataTable, type Column } from '../../ui'

export function Calls({ calls }: { calls: DecodedCall[] }) {
  return (
    <ol className="calls">
      {calls.map((c, i) => (
        <li key={i}>
          <span>{c.text}</span>
          {c.operation === 1 && <span className="chip danger"> delegatecall</span>}
          {c.args && c.args.length > 0 && (
            <dl className="args small">
              {c.args.map((a) => (
                <div key={a.name}>
                  <dt className="muted">{a.name}</dt>
                  <dd className="mono">{a.value}</dd>
                </div>
              ))}
            </dl>
          )}
          {c.parts && <Calls calls={c.parts} />}
        </li>
      ))}
    </ol>
  )
}

type Transfer = RequestView['review']['transfers'][number]

const TRANSFER_COLUMNS: Column<Transfer>[] = [
  {
    id: 'recipient',
    header: 'Recipient',
    className: 'mono small',
    cell: (t) => (
      <>
        {t.kind === 'approval' && <span className="chip warn">may spend</span>} {t.recipient}
      </>
    ),
  },
  {
    id: 'token',
    header: 'Token',
    cell: (t) => (
      <>
        {t.token.symbol}
        {!t.token.known && <span className="muted small"> (not known here)</span>}
      </>
    ),
  },
  {
    id: 'amount',
    header: 'Amount',
    numeric: true,
    cell: (t) => <span title={`${t.amount} base units`}>{t.human}</span>,
  },
]

/** Who receives what, decoded from the calls (approvals marked: they let the spender take later). */
export function Transfers({ transfers }: { transfers: Transfer[] }) {
  return (
    <DataTable
      rows={transfers}
      columns={TRANSFER_COLUMNS}
      testId="transfers"
      empty={<p className="muted">No token or native coin leaves the Safe directly.</p>}
    />
  )
}

/** Every field of the SafeTx as signed, unabridged. */
export function SignedFields({ tx }: { tx: RequestView['review']['safeTx'] }) {
  return (
    <details>
      <summary>Every signed field</summary>
      <dl className="fields small">
        {Object.entries(tx).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd className="mono">{String(v)}</dd>
          </div>
        ))}
      </dl>
    </details>
  )
}
