// Signature recovery of a batch of votes, the step an import of 80,000 votes is bound by: run in the core worker
// (reports/worker.ts, kind "recover-votes") beside the thread that reads and checks the file.
import { recoverSignerLower } from './recover'
import { voteDigestFast, type GovernanceDomain, type VoteMessage } from './typed-data'

export interface VoteToRecover {
  index: number
  domain: GovernanceDomain
  message: VoteMessage
  signature: string
}

/** [index, lower-case signer or why there is none] per vote. */
export type RecoveredSigner = [number, string | { error: string }]

export function recoverVoteBatch(votes: VoteToRecover[]): RecoveredSigner[] {
  return votes.map((v) => {
    try {
      return [v.index, recoverSignerLower(voteDigestFast(v.domain, v.message), v.signature)]
    } catch (error) {
      return [v.index, { error: error instanceof Error ? error.message : String(error) }]
    }
  })
}
