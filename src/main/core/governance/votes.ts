import type { Db } from '../db/open'
import type { ParsedVote } from './files'
import { recoverSignerLower } from './recover'
import type { ChainClock } from './state'
import {
  cachedWeights,
  getProposal,
  voteHistory,
  type ProposalRecord,
  type StoredVote,
  type VoteHistoryEntry,
} from './store'
import { getAddress } from 'ethers'
import { GOVERNANCE_DOMAIN_NAME, GOVERNANCE_DOMAIN_VERSION, domainSeparator, voteDigestFast } from './typed-data'

export type VoteStatus = 'accepted' | 'superseded' | 'duplicate' | 'refused'

export interface VoteOutcome {
  index: number
  proposalId: string
  voter: string
  support: 0 | 1 | 2
  timestamp: number
  status: VoteStatus
  reason?: string
  weight?: bigint
}

export interface VoteCheckEnv {
  db: Db
  chainId: number
  token: string
  clock: ChainClock
  /** Wall-clock seconds, for the "signed in the future" check (chain time may run ahead in a test chain). */
  nowSeconds: number
  /** getPastVotes for accounts at a past block, from the chain; the cache is consulted first. */
  readWeights(block: number, accounts: string[]): Promise<Map<string, bigint>>
  /**
   * Signers recovered beforehand (in a worker, while the file was read), by vote index: the lower-case address,
   * or why the signature recovers to none. Votes missing here are recovered in this thread. While it is still a
   * promise (the workers still recovering), the weights of the voters the votes name are read meanwhile: a vote
   * counts only if its signer is the voter it names, so those are the weights the check needs, and a few more.
   */
  recovered?: Map<number, string | { error: string }> | Promise<Map<number, string | { error: string }>>
}

export interface VoteCheckResult {
  outcomes: VoteOutcome[]
  /** Votes to store (accepted and superseded ones), with their weights. */
  toStore: Array<Omit<StoredVote, 'importedAt'>>
  /** Weights read from the chain in this check, to cache: block → account → votes. */
  freshWeights: Map<number, Map<string, bigint>>
}

/** A signed timestamp more than this far ahead of both clocks is refused: it would outrank every later vote. */
export const FUTURE_TOLERANCE_SECONDS = 3_600

/**
 * Checks signed votes against the workspace and the chain, in the order a reader would: is it for this chain, this
 * token and a proposal we have; is voting open; does the signature recover to the voter it names; did the voter hold
 * voting power at the snapshot; is it newer than what we already have from that voter. Writes nothing.
 */
export async function checkVotes(env: VoteCheckEnv, votes: ParsedVote[]): Promise<VoteCheckResult> {
  const outcomes: VoteOutcome[] = []
  const proposals = new Map<string, ProposalRecord | null>()
  const proposal = (id: string) => {
    if (!proposals.has(id)) proposals.set(id, getProposal(env.db, id))
    return proposals.get(id)!
  }
  const candidates: Array<{ vote: ParsedVote; p: ProposalRecord; outcome: VoteOutcome }> = []
  // Votes that passed every check before the signature's, in the file's order.
  const signed: Array<{ vote: ParsedVote; p: ProposalRecord; outcome: VoteOutcome }> = []

  for (const vote of votes) {
    const m = vote.message
    const outcome: VoteOutcome = {
      index: vote.index,
      proposalId: m.proposalId,
      voter: m.voter,
      support: m.support,
      timestamp: m.timestamp,
      status: 'refused',
    }
    outcomes.push(outcome)
    const refuse = (reason: string) => void (outcome.reason = reason)
    const d = vote.domain
    if (d.chainId !== env.chainId) {
      refuse(`signed for chain ${d.chainId}; this workspace's chain is ${env.chainId}`)
      continue
    }
    if (d.verifyingContract !== env.token) {
      refuse(`signed for token ${d.verifyingContract}; the governance token is ${env.token}`)
      continue
    }
    if (d.name !== GOVERNANCE_DOMAIN_NAME || d.version !== GOVERNANCE_DOMAIN_VERSION) {
      refuse(`signed under domain "${d.name}" v${d.version}; expected "${GOVERNANCE_DOMAIN_NAME}" v1`)
      continue
    }
    const p = proposal(m.proposalId)
    if (!p || p.chainId !== env.chainId) {
      refuse(`proposal ${m.proposalId} is not in this workspace`)
      continue
    }
    // Weights are read (and cached) for the workspace's governance token: a decision opened for another token (the
    // setting changed since) would be counted in the wrong token's votes.
    if (p.token.toLowerCase() !== env.token.toLowerCase()) {
      refuse(`proposal ${m.proposalId} was opened for token ${p.token}; the governance token is now ${env.token}`)
      continue
    }
    if (p.canceled) {
      refuse('the proposal was canceled')
      continue
    }
    if (env.clock.block <= p.snapshotBlock) {
      refuse(`voting has not started: it opens after block ${p.snapshotBlock} (latest block ${env.clock.block})`)
      continue
    }
    if (env.clock.block > p.endBlock) {
      refuse(`voting ended at block ${p.endBlock} (latest block ${env.clock.block})`)
      continue
    }
    if (m.timestamp > Math.max(env.clock.timestamp, env.nowSeconds) + FUTURE_TOLERANCE_SECONDS) {
      refuse(`signed with a timestamp in the future (${new Date(m.timestamp * 1000).toISOString()})`)
      continue
    }
    signed.push({ vote, p, outcome })
  }

  // Past voting power, once per (snapshot, voter): the workspace cache first, then one batched read of the rest.
  const weightsOf = async (voters: Array<{ vote: ParsedVote; p: ProposalRecord }>) => {
    const weights = new Map<number, Map<string, bigint>>()
    const freshWeights = new Map<number, Map<string, bigint>>()
    const bySnapshot = new Map<number, Set<string>>()
    for (const c of voters) {
      const set = bySnapshot.get(c.p.snapshotBlock) ?? new Set<string>()
      set.add(c.vote.message.voter)
      bySnapshot.set(c.p.snapshotBlock, set)
    }
    for (const [block, accounts] of bySnapshot) {
      const list = [...accounts]
      const known = cachedWeights(env.db, env.chainId, env.token, block, list)
      const missing = list.filter((a) => !known.has(a))
      if (missing.length) {
        const read = await env.readWeights(block, missing)
        freshWeights.set(block, read)
        for (const [a, w] of read) known.set(a, w)
      }
      weights.set(block, known)
    }
    return { weights, freshWeights }
  }
  // Signers still being recovered: the claimed voters' weights are read meanwhile (a failure kept for below).
  type Read = Awaited<ReturnType<typeof weightsOf>>
  let early: Promise<Read | { failed: unknown }> | null = null
  if (env.recovered instanceof Promise && signed.length)
    early = weightsOf(signed).catch((failed: unknown) => ({ failed }))
  const recovered = await env.recovered

  for (const { vote, p, outcome } of signed) {
    const refuse = (reason: string) => void (outcome.reason = reason)
    const d = vote.domain
    const m = vote.message
    let signer: string
    try {
      const known = recovered?.get(vote.index)
      if (typeof known === 'object') throw new Error(known.error)
      signer = known ?? recoverSignerLower(voteDigestFast(d, m), vote.signature)
    } catch (error) {
      refuse(`bad signature: ${error instanceof Error ? error.message : String(error)}`)
      continue
    }
    if (signer !== m.voter.toLowerCase()) {
      refuse(
        `the signature is not ${m.voter}'s over this vote (it recovers to ${getAddress(signer)}: ` +
          'another key, or altered content)',
      )
      continue
    }
    candidates.push({ vote, p, outcome })
  }

  const readEarly = early ? await early : null
  // A read that failed fails the check as the read after the signatures would have, unless no signature held (then
  // no weight is needed: the votes are refused for their signatures, and weightsOf of no candidates reads nothing).
  if (readEarly && 'failed' in readEarly && candidates.length) throw readEarly.failed
  const read = readEarly && !('failed' in readEarly) ? readEarly : await weightsOf(candidates)
  const { weights, freshWeights } = read
  if (read === readEarly) {
    // Cache only what a read after the signatures would have: the weights of voters whose signatures hold.
    const voters = new Set(candidates.map((c) => c.vote.message.voter))
    for (const [block, fresh] of freshWeights)
      freshWeights.set(block, new Map([...fresh].filter(([account]) => voters.has(account))))
  }

  // Existing votes per (proposal, voter) of the voters whose votes hold, plus those accepted earlier in this file.
  const votersOf = new Map<string, Set<string>>()
  for (const { vote, p } of candidates) {
    const set = votersOf.get(p.id) ?? new Set<string>()
    set.add(vote.message.voter)
    votersOf.set(p.id, set)
  }
  const existing = new Map<string, Map<string, VoteHistoryEntry[]>>()
  const history = (p: ProposalRecord, voter: string) => {
    let byVoter = existing.get(p.id)
    if (!byVoter) existing.set(p.id, (byVoter = voteHistory(env.db, p.id, votersOf.get(p.id)!)))
    return byVoter.get(voter)!
  }

  const toStore: VoteCheckResult['toStore'] = []
  for (const { vote, p, outcome } of candidates) {
    const m = vote.message
    const weight = weights.get(p.snapshotBlock)?.get(m.voter) ?? 0n
    if (weight === 0n) {
      outcome.reason =
        `${m.voter} had no voting power at snapshot block ${p.snapshotBlock}: ` +
        'only tokens delegated (to oneself or another) before the snapshot vote'
      continue
    }
    outcome.weight = weight
    const past = history(p, m.voter)
    const same = past.find((v) => v.timestamp === m.timestamp)
    if (same) {
      if (same.support === m.support && same.reason === m.reason) outcome.status = 'duplicate'
      else
        outcome.reason =
          `another vote by ${m.voter} with the same timestamp (${m.timestamp}) is already recorded; ` +
          'a changed vote must be signed with a later timestamp'
      continue
    }
    outcome.status = past.some((v) => v.timestamp > m.timestamp) ? 'superseded' : 'accepted'
    past.push({ timestamp: m.timestamp, support: m.support, reason: m.reason })
    toStore.push({
      proposalId: p.id,
      voter: m.voter,
      support: m.support,
      timestamp: m.timestamp,
      reason: m.reason,
      signature: vote.signature,
      weight,
      domainSeparator: domainSeparator(vote.domain),
    })
  }
  // A later vote in the same file supersedes an earlier "accepted" one of the same voter.
  const latest = new Map<string, number>()
  for (const s of toStore) {
    const key = `${s.proposalId}:${s.voter}`
    latest.set(key, Math.max(latest.get(key) ?? 0, s.timestamp))
  }
  for (const o of outcomes)
    if (o.status === 'accepted' && (latest.get(`${o.proposalId}:${o.voter}`) ?? 0) > o.timestamp)
      o.status = 'superseded'
  return { outcomes, toStore, freshWeights }
}
