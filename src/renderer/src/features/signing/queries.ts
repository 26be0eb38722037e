import type { RequestView } from '../../../../shared/contract'
import { callKey, queryClient, useCallQuery } from '../../data'
import { useSigningView } from './state'

// Reads of this feature: the signing requests stored in the workspace, and one of them in full for review.

export const useRequests = () => useCallQuery('signing.list', {})

export const useRequest = (safeTxHash: string | null) =>
  useCallQuery('signing.get', { safeTxHash: safeTxHash ?? '' }, { enabled: safeTxHash !== null })

/** Opens a request an answer just carried (created, imported, signed): cached as its `signing.get`, then shown. */
export function showRequest(view: RequestView): void {
  queryClient.setQueryData(callKey('signing.get', { safeTxHash: view.request.safeTxHash }), view)
  useSigningView.getState().open(view.request.safeTxHash)
}
