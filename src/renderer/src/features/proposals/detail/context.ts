import type { ProposalDetail } from '../../../../../shared/contract'

/** What every panel of a proposal's page shares: the proposal, the action running, and how to report back. */
export interface DetailPanelProps {
  p: ProposalDetail
  /** The label of the action running now (`sign:0x…`, `execute`), or null. */
  busy: string | null
  /** Runs one proposal action; the page's detail is refreshed from its answer, its error shown on the page. */
  act(label: string, work: () => Promise<ProposalDetail>): Promise<ProposalDetail | null>
  /** A message that is not a call's error (a file that does not parse), shown on the page. */
  fail(error: unknown): void
}
