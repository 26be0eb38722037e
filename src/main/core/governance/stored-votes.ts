// A second import of a vote file (or the file with lines appended) recovered every signature again: most of its CPU.
// A line identical to a stored vote needs no recovery: the stored vote was stored only after its signature recovered
// to its voter, and recovery is a function of the digest (domain separator and message) and the signature bytes.
import type { Db } from '../db/open'
import { cachedStatement } from '../db/statements'
import type { ParsedVote } from './files'
import { domainSeparator } from './typed-data'

interface StoredLine {
  support: number
  reason: string
  signature: string
  domain_separator: string | null
}

/**
 * A predicate for the line reader: does this vote equal a stored one in every signed byte? The stored vote with the
 * same proposal, voter and signed timestamp (its key) must have the same support, reason and signature (both
 * lower-case hex) and have been verified under the same EIP-712 domain separator as the line's domain. Anything
 * else, one byte of the signature included, answers false and the line is verified in full. Whether a proposal has
 * stored votes at all is asked once, so a first import makes no lookup a line.
 */
export function storedVoteMatcher(db: Db): (vote: ParsedVote) => boolean {
  const hasVotes = new Map<string, boolean>()
  const anyVote = cachedStatement(db, 'SELECT 1 FROM governance_votes WHERE proposal_id = ? LIMIT 1')
  const byKey = cachedStatement(
    db,
    `SELECT support, reason, signature, domain_separator FROM governance_votes
      WHERE proposal_id = ? AND voter = ? AND timestamp = ?`,
  )
  return (vote) => {
    const m = vote.message
    let any = hasVotes.get(m.proposalId)
    if (any === undefined) hasVotes.set(m.proposalId, (any = anyVote.get(m.proposalId) !== undefined))
    if (!any) return false
    const row = byKey.get(m.proposalId, m.voter, m.timestamp) as StoredLine | undefined
    return (
      row !== undefined &&
      row.signature === vote.signature &&
      row.support === m.support &&
      row.reason === m.reason &&
      row.domain_separator !== null &&
      row.domain_separator === domainSeparator(vote.domain)
    )
  }
}
