import canonicalize from 'canonicalize'
import { getAddress } from 'ethers'
import type { Db } from '../db/open'
import type { ChainRecord } from '../chain/store'
import type { TokenRecord } from '../tokens/registry'
import { listTokens } from '../tokens/registry'
import { nativeCurrency } from '../tokens/native'
import type {
  ChainClockInfo,
  DisputeView,
  GovernanceState,
  GovernanceProposalDetail,
  GovernanceProposalSummary,
  SupportChoice,
  VoteView,
} from '../../../shared/contract/governance'
import { findSafeExecution, readClock, readPastTotalSupply } from './chain'
import { listDisputes, openDisputes, type DisputeRecord } from './disputes'
import { getRules, governanceClockMode, governanceTokenAddress } from './settings'
import { draftReadiness } from './spending'
import { deriveState, quorumReached, quorumVotes, voteSucceeded, type ChainClock, type Tally } from './state'
import {
  listProposals,
  setExecution,
  setTotalSupply,
  tallyOf,
  voteCount,
  votePage,
  placeText,
  type ProposalRecord,
  type StoredVote,
} from './store'
import { proposalId, spendingToJson, type ProposalContent } from './typed-data'
import { KIND_LABELS, SUPPORT_NAMES, type ProposalKind, type SpendingPayload } from './types'

export const MAX_VOTES_SHOWN = 1_000

export interface GovEnv {
  db: Db
  chain: ChainRecord
  token: TokenRecord
}

const CLOCK_SETTING = (chainId: number) => `governance.clock.${chainId}`

/** The workspace's governance token on a chain: the one the user chose (governance.setToken), else none. */
export function governanceToken(db: Db, chainId: number): TokenRecord | null {
  const chosen = governanceTokenAddress(db, chainId)
  return chosen ? (listTokens(db, chainId).find((t) => t.address === chosen) ?? null) : null
}

/**
 * The chain's clock, remembered so the app can still show states (marked stale) when the chain is unreachable.
 * Remembering it is a cache of chain state, not a decision, so it is not audited.
 */
export async function chainClock(db: Db, chain: ChainRecord): Promise<{ clock: ChainClock; info: ChainClockInfo }> {
  try {
    const read = await readClock(chain.rpcUrl)
    // A timestamp-clock token (ERC-6372 "mode=timestamp") counts snapshots in seconds: its "block" is the time.
    const mode = governanceClockMode(db, chain.chainId)
    const clock = mode === 'timestamp' ? { block: read.timestamp, timestamp: read.timestamp } : read
    const info: ChainClockInfo = { ...clock, mode, asOf: new Date().toISOString(), stale: false }
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ).run(CLOCK_SETTING(chain.chainId), JSON.stringify(info))
    return { clock, info }
  } catch (error) {
    const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(CLOCK_SETTING(chain.chainId)) as
      { value: string } | undefined
    const reason = error instanceof Error ? error.message.split('\n')[0].slice(0, 200) : String(error)
    if (!row) throw new Error(`the chain could not be read: ${reason}`)
    const info = { ...(JSON.parse(row.value) as ChainClockInfo), stale: true, staleReason: reason }
    return { clock: { block: info.block, timestamp: info.timestamp }, info }
  }
}

export interface NewProposalInput {
  kind: ProposalKind
  title: string
  body: string
  proposer: string
  spending?: SpendingPayload
}

/** The proposal's content and id; the snapshot is `votingDelay` blocks after the current block, as in Governor. */
export function prepareProposal(env: GovEnv, input: NewProposalInput, clock: ChainClock, now = new Date()) {
  const rules = getRules(env.db, input.kind)
  if (input.kind === 'treasury_spending' && !input.spending)
    throw new Error('a treasury-spending proposal needs its transfers (recipient, token, amount)')
  if (input.kind !== 'treasury_spending' && input.spending)
    throw new Error('only a treasury-spending proposal carries transfers')
  const snapshotBlock = clock.block + rules.votingDelayBlocks
  const content: ProposalContent = {
    format: 'aitbc-governance-proposal',
    version: 1,
    chainId: env.chain.chainId,
    token: env.token.address,
    kind: input.kind,
    title: input.title,
    body: input.body,
    proposer: getAddress(input.proposer),
    createdBlock: clock.block,
    snapshotBlock,
    endBlock: snapshotBlock + rules.votingPeriodBlocks,
    rules,
    spending: spendingToJson(input.spending ?? null),
    createdAt: now.toISOString(),
  }
  return { id: proposalId(content), content, canonical: canonicalize(content)! }
}

/**
 * Reads what a proposal's state needs from the chain and caches it: the past total supply once the snapshot is in
 * the past, and the Safe's execution of a linked SafeTx. Both are chain facts, cached without an audit event.
 */
export async function syncChainFacts(env: GovEnv, p: ProposalRecord, clock: ChainClock, stale: boolean) {
  if (stale) return
  if (p.totalSupply === null && clock.block > p.snapshotBlock) {
    const supply = await readPastTotalSupply(env.chain.rpcUrl, env.token.address, p.snapshotBlock)
    setTotalSupply(env.db, p.id, supply)
    p.totalSupply = supply
  }
  if (p.safeLink && !p.execution && p.spending) {
    const found = await findSafeExecution(
      env.chain.rpcUrl,
      env.chain.chainId,
      p.spending.safe,
      p.safeLink.safeTxHash,
      // With a timestamp clock, createdBlock is a unix time, not a block number.
      governanceClockMode(env.db, env.chain.chainId) === 'timestamp'
        ? { timestamp: p.createdBlock }
        : { block: p.createdBlock },
    )
    if (found) {
      setExecution(env.db, p.id, found.txHash, found.timestamp)
      p.execution = { txHash: found.txHash, at: found.timestamp }
    }
  }
}

export interface Evaluation {
  state: GovernanceState
  tally: Tally
  voters: number
  quorum: bigint | null
  quorumReached: boolean | null
  passed: boolean | null
  openDisputes: DisputeRecord[]
  draftReady: boolean
  draftReason: string | null
}

export function evaluate(env: GovEnv, p: ProposalRecord, clock: ChainClock): Evaluation {
  const { tally, voters } = tallyOf(env.db, p.id)
  const open = openDisputes(env.db, 'governance_proposal', p.id)
  const state = deriveState(
    {
      snapshotBlock: p.snapshotBlock,
      endBlock: p.endBlock,
      quorumBps: p.rules.quorumBps,
      passThresholdBps: p.rules.passThresholdBps,
      gracePeriodSeconds: p.rules.gracePeriodSeconds,
      canceled: p.canceled !== null,
      executed: p.implemented !== null || p.execution !== null,
      eta: p.eta,
      totalSupply: p.totalSupply,
      tally,
    },
    clock,
  )
  const quorum = p.totalSupply === null ? null : quorumVotes(p.totalSupply, p.rules.quorumBps)
  const readiness =
    p.kind === 'treasury_spending' ? draftReadiness(p, state, clock, open.length) : { ready: false, reason: null }
  return {
    state,
    tally,
    voters,
    quorum,
    quorumReached: p.totalSupply === null ? null : quorumReached(tally, p.totalSupply, p.rules.quorumBps),
    passed: tally.for + tally.against === 0n ? null : voteSucceeded(tally, p.rules.passThresholdBps),
    openDisputes: open,
    draftReady: readiness.ready,
    draftReason: readiness.ready ? null : (readiness.reason ?? null),
  }
}

const bpsOf = (part: bigint, whole: bigint | null) =>
  whole === null || whole === 0n ? null : Number((part * 10_000n) / whole)

const tallyView = (t: Tally) => ({
  for: t.for.toString(),
  against: t.against.toString(),
  abstain: t.abstain.toString(),
})

export function summaryOf(p: ProposalRecord, e: Evaluation): GovernanceProposalSummary {
  return {
    id: p.id,
    kind: p.kind,
    kindLabel: KIND_LABELS[p.kind],
    title: p.title,
    proposer: p.proposer,
    state: e.state,
    createdAt: p.createdAt,
    createdBlock: p.createdBlock,
    snapshotBlock: p.snapshotBlock,
    endBlock: p.endBlock,
    eta: p.eta,
    tally: tallyView(e.tally),
    voters: e.voters,
    quorum: e.quorum?.toString() ?? null,
    quorumReached: e.quorumReached,
    turnoutBps: bpsOf(e.tally.for + e.tally.against + e.tally.abstain, p.totalSupply),
    openDisputes: e.openDisputes.length,
    draftReady: e.draftReady,
  }
}

export function disputeView(d: DisputeRecord): DisputeView {
  return {
    id: d.id,
    uid: d.uid,
    subjectKind: d.subjectKind,
    subjectRef: d.subjectRef,
    raisedBy: d.raisedBy,
    reason: d.reason,
    raisedAt: d.raisedAt,
    status: d.status,
    decision: d.decision,
    resolvedBy: d.resolvedBy,
    resolvedAt: d.resolvedAt,
  }
}

export function voteView(v: StoredVote & { counted: boolean }): VoteView {
  return {
    voter: v.voter,
    support: SUPPORT_NAMES[v.support] as SupportChoice,
    weight: v.weight.toString(),
    timestamp: v.timestamp,
    reason: v.reason,
    signature: v.signature,
    counted: v.counted,
  }
}

export function detailOf(
  env: GovEnv,
  p: ProposalRecord,
  e: Evaluation,
  clock: ChainClockInfo,
): GovernanceProposalDetail {
  // The page lists the heaviest votes, read in that order from an index; all of them are in the export
  // (governance.exportVotes) and further pages come from governance.votes.
  const read = votePage(env.db, p.id, 0, MAX_VOTES_SHOWN)
  const shown = read.map(voteView)
  const total = voteCount(env.db, p.id)
  const tokens = listTokens(env.db, env.chain.chainId)
  const native = nativeCurrency(env.db, env.chain.chainId)
  const warnings: string[] = []
  if (p.execution && p.eta !== null && p.execution.at < p.eta)
    warnings.push('The Safe executed this spending before the timelock ended.')
  if (p.execution && p.eta === null)
    warnings.push('The Safe executed this spending although the proposal was never queued.')
  if (e.state === 'Expired' && p.safeLink && !p.execution)
    warnings.push('Expired: its Safe transaction must not be executed any more; reject it in the Safe.')
  if (clock.stale) warnings.push(`The chain is unreachable (${clock.staleReason}); states are as of ${clock.asOf}.`)
  const forAgainst = e.tally.for + e.tally.against
  const open = e.state === 'Pending' || e.state === 'Active'
  return {
    ...summaryOf(p, e),
    body: p.body,
    chainId: p.chainId,
    token: { address: env.token.address, symbol: env.token.symbol, decimals: env.token.decimals },
    rules: p.rules,
    content: p.content,
    spending: p.spending
      ? {
          safe: p.spending.safe,
          transfers: p.spending.transfers.map((t) => {
            const known = t.token === null ? null : tokens.find((k) => k.address === t.token)
            return {
              recipient: t.recipient,
              token: t.token,
              symbol: t.token === null ? native.symbol : (known?.symbol ?? 'token'),
              decimals: t.token === null ? native.decimals : (known?.decimals ?? 0),
              amount: t.amount.toString(),
            }
          }),
        }
      : null,
    totalSupply: p.totalSupply?.toString() ?? null,
    forShareBps: bpsOf(e.tally.for, forAgainst === 0n ? null : forAgainst),
    passed: e.passed,
    timeline: {
      createdBlock: p.createdBlock,
      snapshotBlock: p.snapshotBlock,
      endBlock: p.endBlock,
      queuedAt: p.queuedAt,
      eta: p.eta,
      expiresAt: p.eta === null ? null : p.eta + p.rules.gracePeriodSeconds,
      executedAt: p.execution?.at ?? null,
    },
    canceled: p.canceled ? { at: p.canceled.at, by: p.canceled.by, note: p.canceled.note } : null,
    implemented: p.implemented ? { at: p.implemented.at, by: p.implemented.by, note: p.implemented.note } : null,
    safe:
      p.kind === 'treasury_spending'
        ? {
            link: p.safeLink,
            execution: p.execution,
            draft: { ready: e.draftReady, reason: e.draftReason },
          }
        : null,
    votes: shown,
    votesOmitted: total - shown.length,
    votesNext: total > read.length && read.length > 0 ? placeText(read[read.length - 1]) : null,
    disputes: listDisputes(env.db, { subjectKind: 'governance_proposal', subjectRef: p.id }).map(disputeView),
    actions: {
      queue: e.state === 'Succeeded' && e.openDisputes.length === 0,
      cancel: open,
      markImplemented:
        p.kind !== 'treasury_spending' &&
        e.state === 'Queued' &&
        p.eta !== null &&
        clock.timestamp >= p.eta &&
        e.openDisputes.length === 0,
    },
    warnings,
    clock,
  }
}

/**
 * Treasury-spending proposals whose Safe proposal should be drafted now (passed, queued, timelock over, undisputed,
 * not yet drafted): what the proposals core drafts automatically, then links back with `setSafeLink`.
 */
export async function proposalsReadyToDraft(env: GovEnv, clock: ChainClock): Promise<ProposalRecord[]> {
  const ready: ProposalRecord[] = []
  for (const p of listProposals(env.db, env.chain.chainId)) {
    if (p.kind !== 'treasury_spending' || p.safeLink || p.canceled) continue
    await syncChainFacts(env, p, clock, false)
    if (evaluate(env, p, clock).draftReady) ready.push(p)
  }
  return ready
}
