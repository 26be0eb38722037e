import type { TokenView } from '../../../../shared/contract'
import { useAction } from '../../data'
import { DataTable, ErrorNote, type Column } from '../../ui'
import { AddressLabel } from '../addressbook'
import { hideToken, removeToken } from './mutations'

const COLUMNS: Column<TokenView>[] = [
  {
    id: 'symbol',
    header: 'Symbol',
    cell: (t) => `${t.symbol}${t.hidden ? ' (hidden)' : ''}`,
    sortValue: (t) => t.symbol,
  },
  { id: 'name', header: 'Name', cell: (t) => t.name, sortValue: (t) => t.name },
  { id: 'address', header: 'Address', cell: (t) => <AddressLabel address={t.address} /> },
  { id: 'decimals', header: 'Decimals', numeric: 'plain', cell: (t) => t.decimals, sortValue: (t) => t.decimals },
  { id: 'source', header: 'Source', className: 'small', cell: (t) => t.source, sortValue: (t) => t.source },
]

/** The registered tokens, each with Hide/Show and Remove (a removal a budget line or proposal uses is refused). */
export function TokensTable({ tokens, loading }: { tokens: TokenView[] | undefined; loading: boolean }) {
  const row = useAction()
  return (
    <>
      <ErrorNote error={row.error} testId="token-row-error" />
      <DataTable
        rows={tokens}
        loading={loading}
        loadingLabel="Reading the token registry…"
        columns={COLUMNS}
        rowKey={(t) => t.address}
        rowTestId={(t) => `token-${t.address}`}
        rowClassName={(t) => (t.hidden ? 'muted' : undefined)}
        testId="tokens-table"
        empty={<p className="muted">No token yet: add one by address, import a list or discover them.</p>}
        actionsLabel="Actions"
        rowActions={(t) => (
          <span className="row">
            <button
              disabled={row.busy}
              onClick={() => void row.run(() => hideToken({ address: t.address, hidden: !t.hidden }))}
            >
              {t.hidden ? `Show ${t.symbol}` : `Hide ${t.symbol}`}
            </button>
            <button disabled={row.busy} onClick={() => void row.run(() => removeToken({ address: t.address }))}>
              Remove {t.symbol}
            </button>
          </span>
        )}
      />
    </>
  )
}
