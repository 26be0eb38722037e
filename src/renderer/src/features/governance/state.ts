import { create } from 'zustand'
import type { VoteImportResult } from '../../../../shared/contract'
import { errorMessage } from '../../data'
import { governanceImportVotes } from './mutations'

/**
 * The governance page's UI state: the proposal open in detail (from the route), the action running, and the last
 * action's error, notice and vote-import totals. What the chain and the database say is read through queries.ts.
 */
interface GovernanceUi {
  detailId: string | null
  busy: boolean
  error: string | null
  notice: string | null
  imported: VoteImportResult | null
  open(id: string | null): void
  clear(): void
  /** Runs one governance write, shows its error or notice; its answers refetch (a governance write). True on success. */
  run<T>(work: () => Promise<T>, after?: (value: T) => void | Promise<void>, notice?: string): Promise<boolean>
}

export const useGovernanceUi = create<GovernanceUi>()((set) => ({
  detailId: null,
  busy: false,
  error: null,
  notice: null,
  imported: null,
  open: (detailId) => set({ detailId }),
  clear: () => set({ error: null, notice: null }),
  async run(work, after, notice) {
    set({ busy: true, error: null, notice: null })
    try {
      const value = await work()
      if (after) await after(value)
      if (notice) set({ notice })
      return true
    } catch (error) {
      set({ error: errorMessage(error) })
      return false
    } finally {
      set({ busy: false })
    }
  },
}))

/** Imports vote files one by one; a refused file stops the import and says which it was (the totals stay unshown). */
export async function importVoteFiles(files: Array<{ name: string; text: string }>, skipRefused: boolean) {
  useGovernanceUi.setState({ imported: null })
  const totals: VoteImportResult = { accepted: 0, superseded: 0, duplicates: 0, refused: 0, outcomes: [] }
  const ok = await useGovernanceUi.getState().run(async () => {
    for (const file of files) {
      try {
        const r = await governanceImportVotes({ text: file.text, skipRefused })
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
  // Files before a refused one may have imported votes: the proposal refetches (a governance write) either way.
  if (ok)
    useGovernanceUi.setState({
      imported: totals,
      notice: `Imported ${totals.accepted} vote(s); ${totals.refused} refused, ${totals.duplicates} already known.`,
    })
}
