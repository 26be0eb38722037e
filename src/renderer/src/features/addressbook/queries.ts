import { useMemo } from 'react'
import { useCallQuery } from '../../data'

// Reads of this feature: the named addresses, and the names every page shows for an address.

// Names change only through this app's writes (which invalidate them) or a workspace switch, so a label on every row
// of a long list does not read them again each time a row mounts.
const UNTIL_CHANGED = { staleTime: Infinity }

export const useAddressBook = () => useCallQuery('addressbook.list', {}, UNTIL_CHANGED)

/** Address → name: the workspace's Safes by their labels, then the address book (its names win). */
export function useLabels(): Record<string, string> {
  const entries = useAddressBook().data
  // The active chain's Safes, as the labels always were; the safes feature shows them (it imports this one).
  const safes = useCallQuery('safe.list', {}, UNTIL_CHANGED).data
  return useMemo(() => {
    const labels: Record<string, string> = {}
    for (const s of safes ?? []) if (s.label) labels[s.address] = s.label
    for (const e of entries ?? []) labels[e.address] = e.label
    return labels
  }, [entries, safes])
}
