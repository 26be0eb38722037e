import { read, useCallQuery } from '../../data'

// Reads of this feature: the Safes the chooser lists once one is added (every chain of the workspace).

export const fetchAllSafes = () => read('safe.list', { all: true })

/** The workspaces of this data folder (ids and names only). */
export const useWorkspaces = () => useCallQuery('workspaces.list', {})

/** The sandbox tutorial's state, read while the sandbox is open; polled while it runs (its steps are read from the workspace). */
export const useTutorialState = (enabled: boolean, pollMs: number) =>
  useCallQuery('tutorial.get', {}, { enabled, refetchInterval: (t) => (t?.status === 'active' ? pollMs : false) })
