import { useEffect } from 'react'
import { useApp } from '../store'
import { shortAddress } from '../lib/format'

let requested = false

/**
 * An address as people read it: its address-book name (or the Safe's label) with the short address beside it; the
 * full checksummed address is always in the title and copyable, so a label never hides where funds go.
 */
export function AddressLabel({ address, full = false }: { address: string; full?: boolean }) {
  const label = useApp((s) => s.labels[address])
  const load = useApp((s) => s.loadAddressBook)
  useEffect(() => {
    if (!requested) {
      requested = true
      void load()
    }
  }, [load])
  return (
    <span className="address" title={address} data-address={address}>
      {label && <span className="address-name">{label}</span>}
      {full ? (
        <span className="mono address-hex">{address}</span>
      ) : (
        <>
          {/* Screen readers get the whole address, not the shortened one a sighted reader hovers for. */}
          <span className="mono address-hex" aria-hidden="true">
            {shortAddress(address)}
          </span>
          <span className="visually-hidden">{address}</span>
        </>
      )}
    </span>
  )
}
