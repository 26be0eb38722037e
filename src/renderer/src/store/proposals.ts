import type { StateCreator } from 'zustand'
import type {
  CallInput,
  ProposalDetail,
  ProposalStatus,
  ProposalSummary,
  NonceInfo,
  SyncReport,
} from '../../../shared/contract'
import { call, errorMessage } from '../data/client'
import type { AppState } from '.'

export interface ProposalFilters {
  view: 'queue' | 'history'
  status: ProposalStatus | ''
  safe: string
  category: string
  signer: string
  signerState: 'signed' | 'not_signed'
}

export const PAGE_SIZE = 200

export interface ProposalsSlice {
  filters: ProposalFilters
  rows: ProposalSummary[]
  total: number
  nonceInfo: NonceInfo | null
  categories: string[]
  listLoading: boolean
  listError: string | null
  detail: ProposalDetail | null
  detailError: string | null
  busy: string | null
  lastSync: SyncReport | null
  setFilters(patch: Partial<ProposalFilters>): void
  loadProposals(): Promise<void>
  loadMoreProposals(): Promise<void>
  loadDetail(id: number): Promise<void>
  /** Runs one proposal action, keeps the detail fresh, and reports the error (if any) on the detail page. */
  proposalAction(label: string, work: () => Promise<ProposalDetail>): Promise<ProposalDetail | null>
  syncProposals(safe?: string): Promise<void>
}

function listInput(f: ProposalFilters, offset: number): CallInput<'proposals.list'> {
  return {
    // Every chain's proposals: each row names its chain and Safe.
    allChains: true,
    view: f.view,
    status: f.status ? [f.status] : undefined,
    safe: f.safe || undefined,
    category: f.category || undefined,
    signer: f.signer || undefined,
    signerState: f.signer ? f.signerState : undefined,
    offset,
    limit: PAGE_SIZE,
  }
}

export const createProposalsSlice: StateCreator<AppState, [], [], ProposalsSlice> = (set, get) => ({
  filters: { view: 'queue', status: '', safe: '', category: '', signer: '', signerState: 'signed' },
  rows: [],
  total: 0,
  nonceInfo: null,
  categories: [],
  listLoading: false,
  listError: null,
  detail: null,
  detailError: null,
  busy: null,
  lastSync: null,
  setFilters(patch) {
    set({ filters: { ...get().filters, ...patch } })
    void get().loadProposals()
  },
  async loadProposals() {
    set({ listLoading: true })
    try {
      const page = await call('proposals.list', listInput(get().filters, 0))
      set({ rows: page.rows, total: page.total, nonceInfo: page.nonce, categories: page.categories, listError: null })
    } catch (error) {
      set({ listError: errorMessage(error) })
    } finally {
      set({ listLoading: false })
    }
  },
  async loadMoreProposals() {
    const { rows, total, listLoading, filters } = get()
    if (listLoading || rows.length >= total) return
    set({ listLoading: true })
    try {
      const page = await call('proposals.list', listInput(filters, rows.length))
      set({ rows: [...get().rows, ...page.rows], total: page.total })
    } catch (error) {
      set({ listError: errorMessage(error) })
    } finally {
      set({ listLoading: false })
    }
  },
  async loadDetail(id) {
    try {
      set({ detail: await call('proposals.get', { id }), detailError: null })
    } catch (error) {
      set({ detail: null, detailError: errorMessage(error) })
    }
  },
  async proposalAction(label, work) {
    set({ busy: label, detailError: null })
    try {
      const detail = await work()
      set({ detail })
      return detail
    } catch (error) {
      set({ detailError: errorMessage(error) })
      const current = get().detail
      if (current)
        await get()
          .loadDetail(current.id)
          .catch(() => undefined)
      set({ detailError: errorMessage(error) })
      return null
    } finally {
      set({ busy: null })
    }
  },
  async syncProposals(safe) {
    set({ busy: 'sync' })
    try {
      set({ lastSync: await call('proposals.sync', { safe }), listError: null })
      await get().loadProposals()
    } catch (error) {
      set({ listError: errorMessage(error) })
    } finally {
      set({ busy: null })
    }
  },
})
