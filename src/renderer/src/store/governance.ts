import type { StateCreator } from 'zustand'
import type {
  CallInput,
  ChainClockInfo,
  DelegationInfo,
  DisputeView,
  GovernanceSettings,
  ParticipationReport,
  GovernanceProposalDetail,
  GovernanceProposalSummary,
  SpendingDraftView,
  VoteImportResult,
} from '../../../shared/contract'
import { call, errorMessage } from '../data/client'
import type { AppState } from '.'

export interface GovernanceSlice {
  govSettings: GovernanceSettings | null
  govClock: ChainClockInfo | null
  govProposals: GovernanceProposalSummary[]
  govDetail: GovernanceProposalDetail | null
  govDraft: SpendingDraftView | null
  govImport: VoteImportResult | null
  govDisputes: DisputeView[]
  govParticipation: ParticipationReport | null
  govDelegation: DelegationInfo | null
  govError: string | null
  govNotice: string | null
  govBusy: boolean
  loadGovernance(): Promise<void>
  loadProposal(id: string): Promise<void>
  /** Runs one governance call, shows its error or notice, and refreshes what it changed. Resolves true on success. */
  govRun<T>(work: () => Promise<T>, after?: (value: T) => void | Promise<void>, notice?: string): Promise<boolean>
  createProposal(input: CallInput<'governance.create'>): Promise<string | null>
  importVoteFiles(files: Array<{ name: string; text: string }>, skipRefused: boolean): Promise<void>
  loadDraft(id: string): Promise<void>
  loadDisputes(): Promise<void>
  loadParticipation(): Promise<void>
  loadDelegation(account: string): Promise<void>
  clearGovMessages(): void
}

export const createGovernanceSlice: StateCreator<AppState, [], [], GovernanceSlice> = (set, get) => ({
  govSettings: null,
  govClock: null,
  govProposals: [],
  govDetail: null,
  govDraft: null,
  govImport: null,
  govDisputes: [],
  govParticipation: null,
  govDelegation: null,
  govError: null,
  govNotice: null,
  govBusy: false,

  async loadGovernance() {
    try {
      // Settings first and on their own: with no governance token chosen yet, the list fails but the settings tab
      // is where one is chosen.
      set({ govSettings: await call('governance.settings', {}) })
      const list = await call('governance.list', {})
      set({ govClock: list.clock, govProposals: list.proposals, govError: null })
    } catch (error) {
      set({ govError: errorMessage(error) })
    }
  },

  async loadProposal(id) {
    try {
      const detail = await call('governance.get', { id })
      set({ govDetail: detail, govClock: detail.clock, govError: null })
      if (detail.safe?.draft.ready) await get().loadDraft(id)
      else set({ govDraft: null })
    } catch (error) {
      set({ govError: errorMessage(error), govDetail: null })
    }
  },

  async govRun(work, after, notice) {
    set({ govBusy: true, govError: null, govNotice: null })
    try {
      const value = await work()
      if (after) await after(value)
      if (notice) set({ govNotice: notice })
      return true
    } catch (error) {
      set({ govError: errorMessage(error) })
      return false
    } finally {
      set({ govBusy: false })
    }
  },

  async createProposal(input) {
    let id: string | null = null
    await get().govRun(
      () => call('governance.create', input),
      async (detail) => {
        id = detail.id
        set({ govDetail: detail })
        await get().loadGovernance()
      },
      'Proposal created.',
    )
    return id
  },

  async importVoteFiles(files, skipRefused) {
    set({ govImport: null })
    const totals: VoteImportResult = { accepted: 0, superseded: 0, duplicates: 0, refused: 0, outcomes: [] }
    const ok = await get().govRun(async () => {
      for (const file of files) {
        try {
          const r = await call('governance.importVotes', { text: file.text, skipRefused })
          totals.accepted += r.accepted
          totals.superseded += r.superseded
          totals.duplicates += r.duplicates
          totals.refused += r.refused
          totals.outcomes.push(...r.outcomes)
        } catch (error) {
          throw new Error(`${file.name}: ${errorMessage(error)}`)
        }
      }
    })
    // After a refused file the error says what happened; partial totals would read as a result.
    if (ok)
      set({
        govImport: totals,
        govNotice: `Imported ${totals.accepted} vote(s); ${totals.refused} refused, ${totals.duplicates} already known.`,
      })
    // Files before a refused one may have imported votes: the proposal is read again, and the refusal stays shown.
    const refusal = get().govError
    const id = get().govDetail?.id
    if (id) await get().loadProposal(id)
    if (refusal) set({ govError: refusal })
  },

  async loadDraft(id) {
    try {
      set({ govDraft: await call('governance.spendingDraft', { id }) })
    } catch (error) {
      set({ govError: errorMessage(error) })
    }
  },

  async loadDisputes() {
    try {
      set({ govDisputes: await call('governance.disputes', {}) })
    } catch (error) {
      set({ govError: errorMessage(error) })
    }
  },

  async loadParticipation() {
    try {
      set({ govParticipation: await call('governance.participation', {}), govError: null })
    } catch (error) {
      set({ govError: errorMessage(error) })
    }
  },

  async loadDelegation(account) {
    await get().govRun(
      () => call('governance.delegation', { account }),
      (info) => set({ govDelegation: info }),
    )
  },

  clearGovMessages() {
    set({ govError: null, govNotice: null })
  },
})
