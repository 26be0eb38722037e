import { read } from '../../data'

// Reads of this feature: the Safes the chooser lists once one is added (every chain of the workspace).

export const fetchAllSafes = () => read('safe.list', { all: true })
