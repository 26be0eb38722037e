import { useCallQuery } from '../../data'

// Reads of this feature: the workspace's hardware signers (device, path, fingerprint; never a key).

export const useHardwareSigners = () => useCallQuery('hardware.list', {})
