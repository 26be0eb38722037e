import type { StateCreator } from 'zustand'
import type { AnalyticsOverview, ExportFile, ExportFormat, ExportJob } from '../../../shared/contract'
import { call, errorMessage } from '../data/client'
import type { AppState } from '.'

export interface ExportRequest {
  format: ExportFormat
  from?: string
  to?: string
  stewardAddress?: string
}

export interface ReportsSlice {
  exportJobs: ExportJob[]
  exportFiles: ExportFile[]
  exportsError: string | null
  analytics: AnalyticsOverview | null
  analyticsLoading: boolean
  analyticsError: string | null
  loadExports(): Promise<void>
  startExport(request: ExportRequest): Promise<ExportJob | null>
  cancelExport(id: string): Promise<void>
  loadAnalytics(period: { from?: string; to?: string }): Promise<void>
}

const POLL_MS = 250
let polling: ReturnType<typeof setTimeout> | null = null

export const createReportsSlice: StateCreator<AppState, [], [], ReportsSlice> = (set, get) => {
  /** Polls while any export runs, so progress and the remaining time stay current; stops when all settle. */
  const poll = () => {
    if (polling) return
    polling = setTimeout(async () => {
      polling = null
      await get().loadExports()
      if (get().exportJobs.some((j) => j.state === 'running')) poll()
    }, POLL_MS)
  }
  return {
    exportJobs: [],
    exportFiles: [],
    exportsError: null,
    analytics: null,
    analyticsLoading: false,
    analyticsError: null,
    async loadExports() {
      try {
        const { jobs, files } = await call('exports.list', {})
        set({ exportJobs: jobs, exportFiles: files, exportsError: null })
        if (jobs.some((j) => j.state === 'running')) poll()
      } catch (error) {
        set({ exportsError: errorMessage(error) })
      }
    },
    async startExport(request) {
      try {
        const job = await call('exports.start', request)
        set({ exportJobs: [job, ...get().exportJobs.filter((j) => j.id !== job.id)], exportsError: null })
        poll()
        return job
      } catch (error) {
        set({ exportsError: errorMessage(error) })
        return null
      }
    },
    async cancelExport(id) {
      try {
        await call('exports.cancel', { id })
        await get().loadExports()
      } catch (error) {
        set({ exportsError: errorMessage(error) })
      }
    },
    async loadAnalytics(period) {
      set({ analyticsLoading: true })
      try {
        set({ analytics: await call('analytics.overview', period), analyticsError: null })
      } catch (error) {
        set({ analyticsError: errorMessage(error) })
      } finally {
        set({ analyticsLoading: false })
      }
    },
  }
}
