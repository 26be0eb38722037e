// On-chain governance (issue 21): an OpenZeppelin Governor whose timelock executes on the Safe through a module.
import { z } from 'zod'
import { call } from './define'
import { address, baseUnits, empty } from './primitives'
import { partSchema } from './proposals'
import type { DecodedCall } from './signing'
import type { Outflow } from './proposals'

/** OpenZeppelin Governor's ProposalState, in its enum order (4.x and 5.x alike). */
export const GOVERNOR_STATES = [
  'Pending',
  'Active',
  'Canceled',
  'Defeated',
  'Succeeded',
  'Queued',
  'Expired',
  'Executed',
] as const
export type GovernorState = (typeof GOVERNOR_STATES)[number]
/** GovernorCountingSimple's encoding of a vote. */
export const GOVERNOR_SUPPORT = { against: 0, for: 1, abstain: 2 } as const
export type GovernorSupport = keyof typeof GOVERNOR_SUPPORT
/** The support names by their encoding (0, 1, 2). */
export const GOVERNOR_SUPPORT_NAMES: readonly GovernorSupport[] = ['against', 'for', 'abstain']

export interface GovernorView {
  chainId: number
  address: string
  name: string
  version: string
  token: string
  timelock: string
  safe: string | null
  module: string | null
  fromBlock: number
  /** Read from the chain; null when it could not be reached. */
  settings: {
    votingDelay: string
    votingPeriod: string
    proposalThreshold: string
    quorumNumerator: string | null
    quorumDenominator: string | null
    clockMode: string
    clockUnit: 'blocks' | 'seconds'
    timelockDelaySeconds: string
    moduleEnabled: boolean | null
    /** The castVoteBySig the Governor takes (from its BALLOT_TYPEHASH); null when it names none we know. */
    ballotKind: BallotKind | null
  } | null
}

export interface GovernorActionView {
  target: string
  value: string
  calldata: string
  /** What the Safe does when the action is the module's exec (the Safe pays); null for a direct call. */
  bySafe: DecodedCall | null
  /** One sentence: what the chain will do. */
  text: string
}

/** Where a proposal stands and how long until its next step: clock units for voting, seconds for the timelock. */
export interface GovernorTimeLeft {
  phase: 'until voting starts' | 'until voting ends' | 'until executable' | 'none'
  amount: string
  unit: 'blocks' | 'seconds'
}

export interface GovernorProposalView {
  chainId: number
  governor: string
  proposalId: string
  proposer: string
  description: string
  title: string
  state: GovernorState
  actions: GovernorActionView[]
  votes: { for: string; against: string; abstain: string }
  quorum: string
  snapshot: string
  deadline: string
  /** Seconds since the epoch when the timelock lets it execute; '0' until queued. */
  eta: string
  timeLeft: GovernorTimeLeft
  /** The next step anyone may take, or null. */
  next: 'vote' | 'queue' | 'execute' | null
  createdBlock: number
  createdTx: string
}

export interface GovernorVoteView {
  proposalId: string
  voter: string
  support: GovernorSupport
  weight: string
  reason: string
  blockNumber: number
  transactionHash: string
}

/** A Governor proposal the Safe paid through the module: its place in the Safe's history. */
export interface GovernorExecutionView {
  chainId: number
  governor: string
  proposalId: string
  safe: string | null
  title: string
  outflows: Outflow[]
  budgetLineId: number | null
  executedTxHash: string
  executedBlock: number
  executedAt: string
}

export interface GovernorTxResult {
  transactionHash: string
  blockNumber: number
  proposalId: string
  state: GovernorState
}

const hexBytes = (bytes: number) =>
  z.string().regex(new RegExp(`^0x[0-9a-fA-F]{${bytes * 2}}$`), `not ${bytes} bytes of hex`)
const proposalId = z.string().regex(/^[0-9]{1,78}$/, 'not a proposal id (a decimal uint256)')
const support = z.enum(['for', 'against', 'abstain'])
const chainId = z.number().int().positive().optional()

export const BALLOT_FORMAT = 'aitbc-treasury.governor-ballot'
/**
 * Which castVoteBySig a Governor takes, told apart by its BALLOT_TYPEHASH: OpenZeppelin 4.x signs
 * Ballot(proposalId, support) and takes (v, r, s); 5.x signs Ballot(proposalId, support, voter, nonce) and takes
 * (voter, signature).
 */
export const BALLOT_KINDS = ['oz4', 'oz5'] as const
export type BallotKind = (typeof BALLOT_KINDS)[number]
const ballotKind = z.enum(BALLOT_KINDS)
const uint256 = z.string().regex(/^[0-9]{1,78}$/, 'not a decimal uint256')
const ballotFields = {
  format: z.literal(BALLOT_FORMAT),
  chainId: z.number().int().positive(),
  governor: address,
  governorName: z.string().min(1).max(200),
  governorVersion: z.string().min(1).max(50),
  proposalId,
  support: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  voter: address,
  digest: hexBytes(32),
  signature: hexBytes(65),
}
/** Version 1 (the first release): always a 4.x ballot, so it names no kind and no nonce. */
const ballotFileV1 = z.object({ ...ballotFields, version: z.literal(1) }).strict()
/** Version 2 names its kind; a 5.x ballot carries the voter's Governor nonce it was signed with. */
const ballotFileV2 = z
  .object({
    ...ballotFields,
    version: z.literal(2),
    ballotKind,
    nonce: uint256.optional(),
    // A contract voter's (ERC-1271, 5.x only) signature is whatever the contract accepts, e.g. a Safe's owners' list.
    signature: z.string().regex(/^0x(?:[0-9a-fA-F]{2}){65,2048}$/, 'not a signature (65 to 2048 bytes of hex)'),
  })
  .strict()
/** A castVoteBySig ballot as a file: the signed fields and the signature; the importer recomputes the digest. */
export const ballotFileSchema = z
  .discriminatedUnion('version', [ballotFileV1, ballotFileV2])
  .refine((b) => b.version === 1 || (b.ballotKind === 'oz5') === (b.nonce !== undefined), {
    message: 'a 5.x ballot (ballotKind oz5) carries its nonce, a 4.x ballot none',
    path: ['nonce'],
  })
  .refine((b) => b.version === 1 || b.ballotKind === 'oz5' || b.signature.length === 132, {
    message: 'a 4.x ballot is signed by its voter: one 65-byte signature',
    path: ['signature'],
  })
export type BallotFile = z.output<typeof ballotFileSchema>
/** The version the app writes (it reads version 1 too). */
export type BallotFileV2 = Extract<BallotFile, { version: 2 }>

const target = z.object({ chainId, governor: address, proposalId }).strict()
const actor = address.describe('an unlocked key of this workspace: it signs and pays the gas')

export const governorContract = {
  'governor.list': call<GovernorView[]>()(z.object({ chainId }).strict()),
  'governor.connect': call<GovernorView>()(
    z
      .object({
        chainId,
        address,
        /** The Safe the Governor drives through `module`, when it does. */
        safe: address.optional(),
        module: address.optional(),
        fromBlock: z.number().int().min(0).optional(),
      })
      .strict(),
  ),
  /**
   * Deploys Governor, timelock and module for a Safe of the workspace from an unlocked key, and drafts the Safe
   * proposal that enables the module (the owners review and sign it like any other).
   */
  'governor.deploy': call<{ governor: GovernorView; enableModuleProposalId: number }>()(
    z
      .object({
        chainId,
        deployer: actor,
        safe: address,
        token: address,
        votingDelay: z.number().int().min(0).max(10_000_000),
        votingPeriod: z.number().int().min(1).max(100_000_000),
        proposalThreshold: baseUnits,
        quorumPercent: z.number().int().min(0).max(100),
        timelockDelay: z
          .number()
          .int()
          .min(0)
          .max(365 * 24 * 3600),
      })
      .strict(),
  ),
  /** Sandbox only: deploys Governor, timelock and module for the demo Safe and enables the module. */
  'governor.deploySandbox': call<GovernorView>()(empty),
  'governor.executions': call<GovernorExecutionView[]>()(z.object({ chainId, safe: address.optional() }).strict()),
  'governor.proposals': call<GovernorProposalView[]>()(z.object({ chainId, governor: address }).strict()),
  'governor.votes': call<GovernorVoteView[]>()(target),
  'governor.propose': call<GovernorTxResult>()(
    z
      .object({
        chainId,
        governor: address,
        proposer: actor,
        description: z.string().trim().min(1).max(20_000),
        parts: z.array(partSchema).min(1).max(100).optional(),
        /** Charge what the Safe pays to this budget line: spent once executed. */
        budgetLineId: z.number().int().positive().optional(),
        /** Or pay a draft disbursement batch (grant milestones): its milestones are marked paid on execution. */
        disbursementBatchId: z.number().int().positive().optional(),
      })
      .strict()
      .refine((v) => (v.parts === undefined) !== (v.disbursementBatchId === undefined), {
        message: 'give the parts to pay, or a disbursement batch, not both',
      }),
  ),
  'governor.vote': call<GovernorTxResult>()(
    target.extend({ voter: actor, support, reason: z.string().max(2_000).default('') }).strict(),
  ),
  /** Signs a ballot with a local key and returns it as a file's content: needs no chain. */
  /**
   * Signs a ballot with a local key and returns it as a file's content. The Governor's ballot kind (and, for 5.x,
   * the voter's nonce) are read from the chain unless given; given both, it needs no chain.
   */
  'governor.signBallot': call<BallotFile>()(
    target
      .extend({
        voter: address,
        support,
        ballotKind: ballotKind.optional(),
        nonce: uint256.optional().describe("5.x only: the voter's nonces(voter) on the Governor"),
        onBehalfOf: address
          .optional()
          .describe('5.x only: a contract voter (ERC-1271) that accepts what this key signs; the ballot names it'),
      })
      .strict()
      .refine((v) => v.onBehalfOf === undefined || v.ballotKind !== 'oz4', {
        message: 'only a 5.x ballot can name a contract voter',
        path: ['onBehalfOf'],
      })
      .refine((v) => v.nonce === undefined || v.ballotKind !== 'oz4', {
        message: 'a 4.x ballot has no nonce',
        path: ['nonce'],
      }),
  ),
  /** A ballot as QR codes (the app's multi-part QR transport): for a voter whose signing machine has no USB. */
  'governor.ballotQr': call<{ parts: string[]; images: string[] }>()(z.object({ ballot: ballotFileSchema }).strict()),
  /** Relays a ballot given as its file, or as the QR codes read from its images. */
  'governor.relayBallot': call<GovernorTxResult>()(
    z
      .object({
        ballot: ballotFileSchema.optional(),
        qrParts: z.array(z.string().max(8000)).min(1).max(20).optional(),
        relayer: actor,
      })
      .strict()
      .refine((v) => (v.ballot === undefined) !== (v.qrParts === undefined), {
        message: 'give the ballot file, or the QR codes read from it, not both',
      }),
  ),
  'governor.queue': call<GovernorTxResult>()(target.extend({ sender: actor }).strict()),
  'governor.execute': call<GovernorTxResult>()(target.extend({ sender: actor }).strict()),
  'governor.cancel': call<GovernorTxResult>()(target.extend({ sender: actor }).strict()),
  /** The signers' veto: a Safe proposal calling the timelock's cancel for a queued proposal. */
  'governor.veto': call<{ proposalId: number; operationId: string }>()(target),
  /** Sandbox only: moves the chain's clock forward (evm_increaseTime) and mines blocks. */
  'governor.advanceTime': call<{ blockNumber: number; timestamp: number }>()(
    z
      .object({
        seconds: z
          .number()
          .int()
          .min(0)
          .max(365 * 24 * 3600),
        blocks: z.number().int().min(1).max(100_000).default(1),
      })
      .strict(),
  ),
} as const
