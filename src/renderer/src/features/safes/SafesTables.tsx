import type { ChainListItem, SafeListItem } from '../../../../shared/contract'
import { DataTable, type Column } from '../../ui'

const chainContracts = (c: ChainListItem) =>
  c.contracts === 'custom'
    ? `own addresses${c.contractsVersion ? ` (v${c.contractsVersion})` : ''}`
    : 'safe-deployments'

const CHAIN_COLUMNS: Column<ChainListItem>[] = [
  { id: 'name', header: 'Chain', cell: (c) => `${c.name}${c.active ? ' (active)' : ''}`, sortValue: (c) => c.name },
  { id: 'id', header: 'Chain ID', cell: (c) => c.chainId, sortValue: (c) => c.chainId },
  { id: 'rpc', header: 'RPC', cell: (c) => c.rpcUrl, className: 'mono small' },
  { id: 'contracts', header: 'Safe contracts', cell: chainContracts },
  { id: 'safes', header: 'Safes', cell: (c) => c.safes, sortValue: (c) => c.safes },
]

/** Every Safe of the workspace, on every chain; any of them can become the active one. */
export function SafesTable({
  safes,
  busy,
  makeActive,
}: {
  safes: SafeListItem[]
  busy: boolean
  makeActive(safe: SafeListItem): void
}) {
  const columns: Column<SafeListItem>[] = [
    { id: 'label', header: 'Safe', cell: (s) => s.label ?? '—', sortValue: (s) => s.label ?? undefined },
    { id: 'chain', header: 'Chain', cell: (s) => s.chainName ?? s.chainId, sortValue: (s) => s.chainName ?? s.chainId },
    { id: 'address', header: 'Address', cell: (s) => s.address, className: 'mono' },
    { id: 'version', header: 'Version', cell: (s) => (s.version ? `v${s.version}` : '—') },
    {
      id: 'synced',
      header: 'Synced',
      cell: (s) => (s.asOf ? new Date(s.asOf).toLocaleString() : 'not yet'),
      className: 'small',
    },
    {
      id: 'active',
      header: 'Active',
      cell: (s) =>
        s.active ? (
          'Active'
        ) : (
          <button type="button" disabled={busy} onClick={() => makeActive(s)}>
            Make active
          </button>
        ),
    },
  ]
  return (
    <DataTable
      rows={safes}
      columns={columns}
      rowKey={(s) => `${s.chainId}:${s.address}`}
      testId="safes-table"
      keepEmptyTable
    />
  )
}

/** The chains the workspace knows, with their RPC and where their Safe contract addresses come from. */
export function ChainsTable({ chains }: { chains: ChainListItem[] }) {
  if (chains.length === 0) return null
  return (
    <>
      <h2 className="spaced-top">Chains</h2>
      <DataTable
        rows={chains}
        columns={CHAIN_COLUMNS}
        rowKey={(c) => c.chainId}
        rowAriaCurrent={(c) => c.active}
        testId="chains-table"
      />
    </>
  )
}
