import { useEffect } from 'react'
import { useApp } from '../../store'
import { AddressCell } from '../../ui'

let requested = false

/** An address with its address-book name (or the Safe's label), loaded once per session. */
export function AddressLabel({ address, full = false }: { address: string; full?: boolean }) {
  const label = useApp((s) => s.labels[address])
  const load = useApp((s) => s.loadAddressBook)
  useEffect(() => {
    if (!requested) {
      requested = true
      void load()
    }
  }, [load])
  return <AddressCell address={address} label={label} full={full} />
}
