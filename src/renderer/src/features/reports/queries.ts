import type { ExportJob } from '../../../../shared/contract'
import { useCallQuery } from '../../data'

const POLL_MS = 250
const POLL_WHILE_RUNNING = (data: { jobs: ExportJob[] } | undefined) =>
  data?.jobs.some((j) => j.state === 'running') ? POLL_MS : false

export const useChainSafes = () => useCallQuery('safe.list', {})
export const useChainTokens = (chainId: number | null) =>
  useCallQuery('tokens.list', { chainId: chainId ?? 0 }, { enabled: chainId !== null })

/** This session's export jobs and the saved files; polled every 250 ms while a job runs, so progress stays current. */
export const useExports = () => useCallQuery('exports.list', {}, { refetchInterval: POLL_WHILE_RUNNING })
