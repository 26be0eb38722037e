import type { AddressBookEntry } from '../../../../shared/contract'
import { DataTable, type Column } from '../../ui'

const COLUMNS: Column<AddressBookEntry>[] = [
  { id: 'label', header: 'Name', cell: (e) => e.label, sortValue: (e) => e.label },
  { id: 'address', header: 'Address', className: 'mono', cell: (e) => e.address },
]

/** The named addresses, each with its Remove button. */
export function AddressBookTable({ entries, remove }: { entries: AddressBookEntry[]; remove(address: string): void }) {
  return (
    <DataTable
      rows={entries}
      columns={COLUMNS}
      rowKey={(e) => e.address}
      testId="addressbook-table"
      actionsLabel="Actions"
      rowActions={(e) => (
        <button onClick={() => remove(e.address)} aria-label={`Remove ${e.label}`}>
          Remove
        </button>
      )}
      empty={
        <p className="empty">
          No names yet. Add an address and a name above, or import a Safe{'{'}Wallet{'}'} address book CSV, and every
          page will show the name instead of the raw address.
        </p>
      }
    />
  )
}
