import { useCallQuery } from '../../data'

// Reads of this feature: the signer keys (addresses, labels, locked or not; never a secret).

/** The workspace's signers; every keys write (unlock, lock, import…) marks it stale, so it is read again. */
export const useKeys = () => useCallQuery('keys.list', {})
