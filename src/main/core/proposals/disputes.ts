import type { Db } from '../db/open'
import { ApiError } from '../../../shared/errors'
import { DisputeBlockedError, assertNoOpenDispute } from '../governance/disputes'
import { batchByHash } from '../disbursements/store'
import type { ProposalRecord } from './store'

/** What a Safe proposal stands for in disputes: its own refs, its batch's, the batch's milestones, its governance vote. */
function disputeRefs(db: Db, p: Pick<ProposalRecord, 'id' | 'safeTxHash'>) {
  const hash = p.safeTxHash.toLowerCase()
  const disbursement = [hash, `proposal:${p.id}`]
  const milestones: string[] = []
  const batch = batchByHash(db, hash)
  if (batch) {
    disbursement.push(`batch:${batch.id}`, String(batch.id))
    const rows = db
      .prepare('SELECT milestone_id FROM disbursement_items WHERE batch_id = ? AND milestone_id IS NOT NULL')
      .all(batch.id) as Array<{ milestone_id: number }>
    for (const r of rows) milestones.push(String(r.milestone_id))
  }
  const governance = (
    db
      .prepare('SELECT id FROM governance_proposals WHERE safe_proposal_id = ? OR lower(safe_tx_hash) = ?')
      .all(String(p.id), hash) as Array<{ id: string }>
  ).map((r) => r.id)
  return { disbursement, milestones, governance }
}

/**
 * Refuses to sign or execute a proposal while a dispute is open against it, against the disbursement batch it
 * carries, one of that batch's milestones, or the governance proposal it implements.
 */
export function assertProposalNotDisputed(db: Db, p: Pick<ProposalRecord, 'id' | 'safeTxHash'>, doing: string): void {
  const refs = disputeRefs(db, p)
  try {
    for (const ref of refs.disbursement) assertNoOpenDispute(db, 'disbursement', ref, doing)
    for (const ref of refs.milestones) assertNoOpenDispute(db, 'milestone', ref, doing)
    for (const ref of refs.governance) assertNoOpenDispute(db, 'governance_proposal', ref, doing)
  } catch (error) {
    if (error instanceof DisputeBlockedError)
      throw new ApiError('CONFLICT', `Proposal #${p.id}: ${error.message}`, {
        disputes: error.disputes.map((d) => ({ id: d.id, subjectKind: d.subjectKind, subjectRef: d.subjectRef })),
      })
    throw error
  }
}
