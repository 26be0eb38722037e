import { useCallQuery } from '../../data'
import type { BallotFile } from '../../../../shared/contract/governor'

// Reads of this feature: Governors, their proposals (states move with the chain: re-read on every refresh) and
// the keys that can act.

export const useGovernors = () => useCallQuery('governor.list', {})
export const useGovernorProposals = (governor: string | undefined) =>
  useCallQuery('governor.proposals', { governor: governor ?? '' }, { enabled: !!governor })
export const useGovernorVotes = (governor: string, proposalId: string) =>
  useCallQuery('governor.votes', { governor, proposalId })
/** Draft disbursement batches paid from the Governor's Safe: the ones it can propose. */
export function useDraftBatches(chainId: number, safe: string | null) {
  const batches = useCallQuery('disbursements.list', { status: 'draft' }, { enabled: !!safe })
  return (batches.data ?? []).filter(
    (b) => b.chainId === chainId && !!safe && b.safeAddress.toLowerCase() === safe.toLowerCase(),
  )
}
/** A signed ballot drawn as QR codes (a pure function of the ballot, so cached by it). */
export const useBallotQr = (ballot: BallotFile) => useCallQuery('governor.ballotQr', { ballot })
export const useGovernorExecutions = (safe?: string) => useCallQuery('governor.executions', safe ? { safe } : {})
export const useWorkspaceChain = () => useCallQuery('workspace.info', {})

/** Unlocked local keys: the ones that can propose, vote, sign a ballot or relay one. */
export function useActingKeys() {
  const keys = useCallQuery('keys.list', {})
  return (keys.data?.signers ?? []).filter((s) => s.kind === 'local' && s.unlocked)
}
