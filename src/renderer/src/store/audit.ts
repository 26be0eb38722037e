import type { StateCreator } from 'zustand'
import type { AuditEvent, AuditVerdict } from '../../../shared/contract'
import { call, errorMessage } from '../api/client'
import type { AppState } from '.'

export interface AuditSlice {
  auditEvents: AuditEvent[]
  auditTotal: number
  auditVerdict: AuditVerdict | null
  auditError: string | null
  loadAudit(): Promise<void>
  verifyAudit(): Promise<void>
}

export const createAuditSlice: StateCreator<AppState, [], [], AuditSlice> = (set) => ({
  auditEvents: [],
  auditTotal: 0,
  auditVerdict: null,
  auditError: null,
  async loadAudit() {
    try {
      const page = await call('audit.list', { limit: 200 })
      set({ auditEvents: page.events, auditTotal: page.total, auditError: null })
    } catch (error) {
      set({ auditError: errorMessage(error) })
    }
  },
  async verifyAudit() {
    try {
      set({ auditVerdict: await call('audit.verify', {}), auditError: null })
    } catch (error) {
      set({ auditError: errorMessage(error) })
    }
  },
})
