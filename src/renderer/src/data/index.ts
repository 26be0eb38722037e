// The data layer: the one place that talks to the API. Features wrap these per call in their queries/mutations.
export { call, canDownload, downloadExport, errorMessage } from './client'
export { errorInfo, type ShownError } from './errors'
export { callKey, capabilityOf, invalidateCapabilities, type Capability } from './keys'
export { createQueryClient, useCallMutation, useCallQuery, type CallMutation } from './queries'
export { queryClient, read, send, sender } from './send'
export { humanIssue, humanIssues, fieldName } from './messages'
export { useAction, useNamedAction } from './action'
export { useWorkspaceInfo, useWorkspaceInfoQuery, refreshWorkspaceInfo } from './session'
