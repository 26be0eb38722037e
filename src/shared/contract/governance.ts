import { z } from 'zod'
import { call } from './define'
import { address, baseUnits, bytes32, empty } from './primitives'
import { safeTxSchema, type SafeTx } from './safe-tx'

/**
 * A place in a proposal's votes (a page's `next`): counted flag, weight, voter and timestamp of the vote it follows.
 * Opaque to callers; checked here so a forged one is refused at the boundary, not misread.
 */
const votePlace = z
  .string()
  .regex(/^[01]:(0|[1-9][0-9]{0,77}):0x[0-9a-fA-F]{40}:[0-9]{1,15}$/, "not a place in the votes: pass a page's next")

export const PROPOSAL_KIND_VALUES = ['technical', 'treasury_spending', 'partnership', 'policy'] as const
export type ProposalKindName = (typeof PROPOSAL_KIND_VALUES)[number]
export type GovernanceState =
  'Pending' | 'Active' | 'Canceled' | 'Defeated' | 'Succeeded' | 'Queued' | 'Expired' | 'Executed'
export type SupportChoice = 'for' | 'against' | 'abstain'
export type DisputeSubject = 'governance_proposal' | 'disbursement' | 'milestone'

/**
 * A proposal type's rules. The voting delay and period count the governance token's ERC-6372 clock: blocks for a
 * block-number clock, seconds for a timestamp clock (see GovernanceSettings.clockMode). Their `*Blocks` names are
 * those of the signed proposal format (version 1, hashed into every proposal id), kept so existing ids still verify.
 */
export interface GovernanceRules {
  /** Clock units (blocks, or seconds with a timestamp clock) from creation to the snapshot. */
  votingDelayBlocks: number
  /** Clock units (blocks, or seconds with a timestamp clock) the vote stays open after the snapshot. */
  votingPeriodBlocks: number
  quorumBps: number
  passThresholdBps: number
  timelockSeconds: number
  gracePeriodSeconds: number
}

export interface GovernanceTokenInfo {
  address: string
  symbol: string
  decimals: number
}

export interface GovernanceSettings {
  chainId: number | null
  token: GovernanceTokenInfo | null
  kinds: Array<{ kind: ProposalKindName; label: string; rules: GovernanceRules }>
  /** Owners of the workspace's Safes: who may cancel proposals and resolve disputes. */
  council: string[]
  /** Where votes are signed (EIP-712 domain), so voters can check what their wallet shows. */
  domain: { name: string; version: string; chainId: number; verifyingContract: string } | null
  /** The token's ERC-6372 clock: snapshots and rule periods count blocks, or seconds for a timestamp clock. */
  clockMode?: 'blocknumber' | 'timestamp'
}

/** Where the chain was when states were derived. `stale`: unreachable, these are the last figures read. */
export interface ChainClockInfo {
  /** The governance token's clock: a block number, or a unix time when its CLOCK_MODE is timestamp. */
  block: number
  mode?: 'blocknumber' | 'timestamp'
  timestamp: number
  asOf: string
  stale: boolean
  staleReason?: string
}

export interface TallyView {
  for: string
  against: string
  abstain: string
}

export interface GovernanceProposalSummary {
  id: string
  kind: ProposalKindName
  kindLabel: string
  title: string
  proposer: string
  state: GovernanceState
  createdAt: string
  createdBlock: number
  snapshotBlock: number
  endBlock: number
  /** Earliest execution (unix seconds) once queued. */
  eta: number | null
  tally: TallyView
  voters: number
  /** Votes needed (For + Abstain), known once the snapshot is in the past. */
  quorum: string | null
  quorumReached: boolean | null
  /** Votes cast over past total supply at the snapshot, in basis points. */
  turnoutBps: number | null
  openDisputes: number
  /** A passed spending proposal past its timelock, whose Safe proposal can now be drafted. */
  draftReady: boolean
}

export interface VoteView {
  voter: string
  support: SupportChoice
  weight: string
  timestamp: number
  reason: string
  signature: string
  /** The latest vote of its voter: the one that counts. */
  counted: boolean
}

/** One page of a proposal's votes in the page's order (counted first, heaviest first, then voter and timestamp). */
export interface GovernanceVotePage {
  votes: VoteView[]
  /** The offset asked for; null for a page read after a place (`after`). */
  offset: number | null
  /** All the proposal's stored votes, counted and superseded (of the voters asked for, with `voters`). */
  total: number
  /** The place after this page's last vote, to read the next page with `after`; null when no vote follows. */
  next: string | null
}

export interface DisputeView {
  id: number
  uid: string
  subjectKind: DisputeSubject
  subjectRef: string
  raisedBy: string
  reason: string
  raisedAt: string
  status: 'open' | 'upheld' | 'dismissed'
  decision: string | null
  resolvedBy: string | null
  resolvedAt: string | null
}

export interface SpendingTransferView {
  recipient: string
  token: string | null
  symbol: string
  decimals: number
  amount: string
}

export interface SignedDecisionView {
  at: string
  by: string
  note: string
}

export interface GovernanceProposalDetail extends GovernanceProposalSummary {
  body: string
  chainId: number
  token: GovernanceTokenInfo
  rules: GovernanceRules
  /** The canonical JSON the id is the keccak256 of. */
  content: string
  spending: { safe: string; transfers: SpendingTransferView[] } | null
  totalSupply: string | null
  /** For's share of For + Against, in basis points (null with no For/Against votes). */
  forShareBps: number | null
  passed: boolean | null
  timeline: {
    createdBlock: number
    snapshotBlock: number
    endBlock: number
    queuedAt: number | null
    eta: number | null
    expiresAt: number | null
    executedAt: number | null
  }
  canceled: SignedDecisionView | null
  implemented: SignedDecisionView | null
  safe: {
    link: { safeProposalId: string | null; safeTxHash: string; nonce: number; safeTx: SafeTx } | null
    execution: { txHash: string; at: number } | null
    draft: { ready: boolean; reason: string | null }
  } | null
  /** Counted votes first, heaviest first; at most 1,000 (the export holds them all). */
  votes: VoteView[]
  votesOmitted: number
  /** With votes omitted: the place after the last vote shown, to read the rest with governance.votes `after`. */
  votesNext: string | null
  disputes: DisputeView[]
  actions: { queue: boolean; cancel: boolean; markImplemented: boolean }
  warnings: string[]
  clock: ChainClockInfo
}

export interface VoteImportOutcome {
  index: number
  proposalId: string
  voter: string
  support: SupportChoice
  status: 'accepted' | 'superseded' | 'duplicate' | 'refused'
  reason?: string
  weight?: string
}

export interface VoteImportResult {
  accepted: number
  superseded: number
  duplicates: number
  refused: number
  outcomes: VoteImportOutcome[]
}

export interface TypedDataRequest {
  types: Record<string, Array<{ name: string; type: string }>>
  primaryType: string
  domain: Record<string, string | number>
  message: Record<string, string | number>
}

export interface DelegationInfo {
  account: string
  token: GovernanceTokenInfo
  balance: string
  votes: string
  delegate: string | null
  delegators: Array<{ address: string; balance: string }>
  /** Power others delegated to this account (votes minus own balance when self-delegated). */
  delegatedToMe: string
  nonce: string
}

export interface SpendingDraftView {
  ready: boolean
  reason: string | null
  draft: {
    governanceProposalId: string
    safe: string
    title: string
    description: string
    transactions: Array<{ to: string; value: string; data: string; operation: 0 }>
  } | null
  /** The SafeTx at the Safe's next nonce and its hash, for a Safe proposal drafted now. */
  safeTx: SafeTx | null
  safeTxHash: string | null
}

export interface ParticipationReport {
  asOf: string
  proposals: Array<{
    id: string
    title: string
    kind: ProposalKindName
    state: GovernanceState
    createdAt: string
    snapshotBlock: number
    voters: number
    cast: string
    totalSupply: string | null
    turnoutBps: number | null
  }>
  success: { decided: number; passed: number; rateBps: number | null }
  delegates: Array<{ delegate: string; votes: string; delegators: number; shareBps: number }>
  concentration: {
    totalDelegated: string
    top1Bps: number | null
    top5Bps: number | null
    /** Fewest delegates holding more than half of the delegated power. */
    nakamoto: number | null
  }
  delegatesError?: string
}

const proposalId = bytes32.transform((v) => v.toLowerCase())
const support = z.enum(['for', 'against', 'abstain'])
const note = z.string().trim().max(1000)
const signature = z.string().regex(/^0x[0-9a-fA-F]{130}$/, 'a signature is 0x followed by 130 hex digits')
const bps = (max: number) => z.number().int().min(0).max(max)

export const rulesSchema = z
  .object({
    votingDelayBlocks: z
      .number()
      .int()
      .min(1)
      .max(10_000_000)
      .describe("in the token's clock units: blocks, or seconds for a timestamp clock"),
    votingPeriodBlocks: z
      .number()
      .int()
      .min(1)
      .max(10_000_000)
      .describe("in the token's clock units: blocks, or seconds for a timestamp clock"),
    quorumBps: bps(10_000),
    passThresholdBps: bps(9_999),
    timelockSeconds: z
      .number()
      .int()
      .min(0)
      .max(365 * 86_400),
    gracePeriodSeconds: z
      .number()
      .int()
      .min(60)
      .max(365 * 86_400),
  })
  .strict()

const transfer = z
  .object({
    recipient: address,
    /** null = the chain's native coin. */
    token: address.nullable(),
    amount: baseUnits.refine((v) => v !== '0', 'amount must be more than zero'),
  })
  .strict()

export const governanceContract = {
  'governance.settings': call<GovernanceSettings>()(empty),
  'governance.updateRules': call<GovernanceSettings>()(
    z.object({ kind: z.enum(PROPOSAL_KIND_VALUES), rules: rulesSchema }).strict(),
  ),
  'governance.list': call<{ clock: ChainClockInfo; proposals: GovernanceProposalSummary[] }>()(empty),
  'governance.get': call<GovernanceProposalDetail>()(z.object({ id: proposalId }).strict()),
  'governance.create': call<GovernanceProposalDetail>()(
    z
      .object({
        kind: z.enum(PROPOSAL_KIND_VALUES),
        title: z.string().trim().min(3, 'a title needs at least 3 characters').max(200),
        body: z.string().trim().max(20_000),
        proposer: address,
        spending: z
          .object({ safe: address, transfers: z.array(transfer).min(1, 'at least one transfer').max(50) })
          .strict()
          .optional(),
      })
      .strict(),
  ),
  /** The EIP-712 payload a voter signs in any wallet (eth_signTypedData_v4), and the vote file it becomes. */
  'governance.voteRequest': call<{ typedData: TypedDataRequest }>()(
    z
      .object({
        id: proposalId,
        voter: address,
        support,
        reason: z.string().max(1000).default(''),
        timestamp: z.number().int().min(0).optional(),
      })
      .strict(),
  ),
  /** Signs a vote with an unlocked local key and answers the vote file. */
  'governance.signVote': call<{ fileName: string; text: string }>()(
    z.object({ id: proposalId, voter: address, support, reason: z.string().max(1000).default('') }).strict(),
  ),
  /** Imports a vote file or a bundle. Refused votes make the whole import fail unless skipRefused is set. */
  'governance.importVotes': call<VoteImportResult>()(
    z
      .object({
        text: z
          .string()
          .min(1, 'the file is empty')
          .max(32 * 1024 * 1024),
        skipRefused: z.boolean().default(false),
      })
      .strict(),
  ),
  /**
   * A page of a proposal's votes in the page's order, beyond the first 1,000 that governance.get shows; the export
   * holds them all. Read after a place (`after`: the previous page's `next`) to cost the page's own rows at any depth;
   * an offset steps over the votes before it.
   */
  'governance.votes': call<GovernanceVotePage>()(
    z
      .object({
        id: proposalId,
        offset: z.number().int().min(0).max(100_000_000).default(0),
        limit: z.number().int().min(1).max(1_000).default(500),
        /** Only these voters' votes (counted and superseded): e.g. whether my keys have voted, at any size. */
        voters: z.array(address).min(1).max(200).optional(),
        after: votePlace.optional(),
      })
      .strict()
      .refine((i) => !i.after || (i.offset === 0 && !i.voters), {
        message: 'read a page either after a place or by offset and voters, not both',
        path: ['after'],
      }),
  ),
  'governance.exportVotes': call<{ fileName: string; text: string }>()(z.object({ id: proposalId }).strict()),
  'governance.queue': call<GovernanceProposalDetail>()(z.object({ id: proposalId }).strict()),
  /**
   * The EIP-712 payload an author or council member signs to cancel or record an implementation. A dispute is
   * resolved by a council act (`council.request` kind dispute-resolution).
   */
  'governance.actionRequest': call<{ typedData: TypedDataRequest }>()(
    z.discriminatedUnion('action', [
      z.object({ action: z.literal('cancel'), id: proposalId, by: address, note }).strict(),
      z.object({ action: z.literal('implemented'), id: proposalId, by: address, note }).strict(),
    ]),
  ),
  'governance.cancel': call<GovernanceProposalDetail>()(
    z.object({ id: proposalId, by: address, note, signature: signature.optional() }).strict(),
  ),
  'governance.markImplemented': call<GovernanceProposalDetail>()(
    z.object({ id: proposalId, by: address, note, signature: signature.optional() }).strict(),
  ),
  'governance.spendingDraft': call<SpendingDraftView>()(z.object({ id: proposalId }).strict()),
  /** Links the Safe transaction that carries out a spending proposal; it must make exactly the approved transfers. */
  'governance.linkSafeTx': call<GovernanceProposalDetail>()(
    z.object({ id: proposalId, safeTx: safeTxSchema, safeProposalId: z.string().max(100).optional() }).strict(),
  ),
  /** Drafts the Safe proposal of a passed spending proposal past its timelock, in the Proposals queue, linked both ways. */
  'governance.draftSafeProposal': call<GovernanceProposalDetail>()(z.object({ id: proposalId }).strict()),
  'governance.delegation': call<DelegationInfo>()(z.object({ account: address }).strict()),
  /** A delegate() transaction from an unlocked local key. */
  'governance.delegate': call<{ txHash: string; delegation: DelegationInfo }>()(
    z.object({ from: address, to: address }).strict(),
  ),
  /** The token's own EIP-712 Delegation payload for delegateBySig, signed offline by the delegator. */
  'governance.delegationRequest': call<{ typedData: TypedDataRequest }>()(
    z
      .object({
        delegator: address,
        delegatee: address,
        expiry: z.number().int().positive().optional(),
      })
      .strict(),
  ),
  /** Submits a signed Delegation with delegateBySig; the relayer (an unlocked key) pays the gas. */
  'governance.submitDelegation': call<{ txHash: string; delegation: DelegationInfo }>()(
    z
      .object({
        delegator: address,
        delegatee: address,
        nonce: baseUnits,
        expiry: baseUnits,
        signature,
        relayer: address,
      })
      .strict(),
  ),
  'governance.disputes': call<DisputeView[]>()(
    z
      .object({
        status: z.enum(['open', 'upheld', 'dismissed']).optional(),
        subjectKind: z.enum(['governance_proposal', 'disbursement', 'milestone']).optional(),
        subjectRef: z.string().max(200).optional(),
      })
      .strict(),
  ),
  'governance.raiseDispute': call<DisputeView>()(
    z
      .object({
        subjectKind: z.enum(['governance_proposal', 'disbursement', 'milestone']),
        subjectRef: z.string().trim().min(1, 'name what is disputed').max(200),
        raisedBy: z.string().trim().min(1, 'say who raises it').max(120),
        reason: z.string().trim().min(10, 'give a reason of at least 10 characters').max(5000),
      })
      .strict(),
  ),
  'governance.participation': call<ParticipationReport>()(empty),
}
