import { AddressCell } from '../../ui'
import { useLabels } from './queries'

/** An address with its address-book name (or the Safe's label). */
export function AddressLabel({ address, full = false }: { address: string; full?: boolean }) {
  return <AddressCell address={address} label={useLabels()[address]} full={full} />
}
