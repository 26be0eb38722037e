import type { StateCreator } from 'zustand'
import type { AuditBundleVerdict, AuditEvent, AuditVerdict } from '../../../shared/contract'
import { call, errorMessage } from '../data/client'
import type { AppState } from '.'

export interface AuditSlice {
  auditEvents: AuditEvent[]
  auditTotal: number
  auditVerdict: AuditVerdict | null
  auditError: string | null
  bundleVerdict: (AuditBundleVerdict & { fileName: string }) | null
  loadAudit(): Promise<void>
  verifyAudit(): Promise<void>
  /** Checks an exported bundle picked by the person, with the same code as `treasury audit verify`. */
  verifyBundle(fileName: string, text: string): Promise<void>
}

export const createAuditSlice: StateCreator<AppState, [], [], AuditSlice> = (set) => ({
  auditEvents: [],
  auditTotal: 0,
  auditVerdict: null,
  auditError: null,
  bundleVerdict: null,
  async loadAudit() {
    try {
      const page = await call('audit.list', { limit: 200 })
      set({ auditEvents: page.events, auditTotal: page.total, auditError: null })
    } catch (error) {
      set({ auditError: errorMessage(error) })
    }
  },
  async verifyBundle(fileName, text) {
    try {
      set({ bundleVerdict: { ...(await call('audit.verifyBundle', { text })), fileName }, auditError: null })
    } catch (error) {
      set({ bundleVerdict: null, auditError: errorMessage(error) })
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
