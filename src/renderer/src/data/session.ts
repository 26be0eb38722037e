import type { WorkspaceInfo } from '../../../shared/contract'
import { useCallQuery } from './queries'
import { read } from './send'

// The workspace open now (its name and kind, its active chain, the sandbox's state): every part of the app reads it,
// so it lives here, below the features, as one query. Changing workspace drops every cached answer.

/** The workspace open now, null until it is read. */
export function useWorkspaceInfo(): WorkspaceInfo | null {
  return useWorkspaceInfoQuery().data ?? null
}

/** The same as a query: its error, its loading state. */
export const useWorkspaceInfoQuery = () => useCallQuery('workspace.info', {})

/** Reads it again now (after a write that changed it), through the cache so every reader sees the answer. */
export const refreshWorkspaceInfo = () => read('workspace.info', {})
