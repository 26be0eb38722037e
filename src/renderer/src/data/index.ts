// The data layer: the one place that talks to the API. Features wrap these per call in their queries/mutations.
export { call, canDownload, downloadExport, errorMessage } from './client'
export { errorInfo, type ShownError } from './errors'
export {
  callKey,
  capabilityOf,
  createQueryClient,
  invalidateCapabilities,
  useCallMutation,
  useCallQuery,
  type Capability,
  type CallMutation,
} from './queries'
export { useAction } from './action'
