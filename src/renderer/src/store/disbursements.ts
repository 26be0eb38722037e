import type { StateCreator } from 'zustand'
import type { BatchDetail, BatchSummary, ScheduleStatus } from '../../../shared/contract'
import { call, errorMessage } from '../data/client'
import type { AppState } from '.'

export interface DisbursementsSlice {
  batches: BatchSummary[]
  batch: BatchDetail | null
  schedules: ScheduleStatus[]
  batchesError: string | null
  loadBatches(): Promise<void>
  openBatch(batchId: number | null): Promise<void>
  showBatch(batch: BatchDetail): Promise<void>
}

export const createDisbursementsSlice: StateCreator<AppState, [], [], DisbursementsSlice> = (set, get) => ({
  batches: [],
  batch: null,
  schedules: [],
  batchesError: null,
  async loadBatches() {
    try {
      const [batches, schedules] = await Promise.all([
        call('disbursements.list', {}),
        call('disbursements.schedules', {}),
      ])
      set({ batches, schedules, batchesError: null })
    } catch (error) {
      set({ batchesError: errorMessage(error) })
    }
  },
  async openBatch(batchId) {
    try {
      set({ batch: batchId === null ? null : await call('disbursements.get', { batchId }), batchesError: null })
    } catch (error) {
      set({ batchesError: errorMessage(error) })
    }
  },
  async showBatch(batch) {
    set({ batch })
    await get().loadBatches()
  },
})
