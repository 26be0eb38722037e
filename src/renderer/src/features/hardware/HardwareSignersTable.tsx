import type { HardwareSignerInfo } from '../../../../shared/contract'
import { DataTable, type Column } from '../../ui'
import { errorInfo } from '../../data'
import { useHardwareSigners } from './queries'

const COLUMNS: Column<HardwareSignerInfo>[] = [
  { id: 'label', header: 'Signer', cell: (s) => s.label, sortValue: (s) => s.label, rowHeader: true },
  { id: 'address', header: 'Address', cell: (s) => s.address, className: 'mono small' },
  {
    id: 'device',
    header: 'Device',
    cell: (s) => `${s.device} (${s.transport === 'qr' ? 'QR, ERC-4527' : 'USB'})`,
    sortValue: (s) => s.device,
  },
  { id: 'path', header: 'Path', cell: (s) => s.path, className: 'mono small' },
  { id: 'fingerprint', header: 'Fingerprint', cell: (s) => s.sourceFingerprint ?? '—', className: 'mono small' },
]

export function HardwareSignersTable() {
  const { data, isLoading, error } = useHardwareSigners()
  return (
    <DataTable
      label="Hardware signers"
      testId="hardware-signers"
      rows={data}
      columns={COLUMNS}
      rowKey={(s) => s.address}
      loading={isLoading}
      error={error ? errorInfo(error) : null}
      empty="No hardware signer yet: pair a device above."
    />
  )
}
