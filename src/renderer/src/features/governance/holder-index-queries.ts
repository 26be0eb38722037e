import { useCallMutation, useCallQuery } from '../../data'

/** The holder index's reach and its sync; polled twice a second while a sync runs. */
export const useHolderIndex = (syncing: boolean) =>
  useCallQuery('governance.holderIndex', {}, { refetchInterval: syncing ? 500 : undefined })

export const useHolderMetrics = (syncedTo: number | null) =>
  useCallQuery('governance.holderMetrics', {}, { enabled: syncedTo !== null })

export const useSyncHolders = () => useCallMutation('governance.syncHolders')
export const useStopHolderSync = () => useCallMutation('governance.stopHolderSync')
