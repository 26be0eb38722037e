import { z } from 'zod'
import { call } from './define'
import { address, baseUnits, bytes32, hex } from './primitives'
import type { SafeTx } from './safe-tx'
import type { ExportedDoc } from './signing'

export const PROPOSAL_STATUSES = [
  'draft',
  'awaiting_signatures',
  'ready',
  'executed',
  'failed',
  'replaced',
  'cancelled',
] as const
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number]
/** Statuses still in the nonce queue; the others are history. */
export const OPEN_STATUSES: readonly ProposalStatus[] = ['draft', 'awaiting_signatures', 'ready']
export const FINAL_STATUSES: readonly ProposalStatus[] = ['executed', 'failed', 'replaced', 'cancelled']

export const PROPOSAL_KINDS = [
  'eth_transfer',
  'erc20_transfer',
  'contract_call',
  'batch',
  'owner_change',
  'rejection',
] as const
export type ProposalKind = (typeof PROPOSAL_KINDS)[number]

/** Where a proposal's signature came from: signed here, a file or pasted text, an on-chain approveHash, or pulled from the Safe Transaction Service. */
export type SignatureSource = 'local' | 'bundle' | 'onchain' | 'txservice'
export type SignatureKind = 'eip712' | 'eth_sign' | 'approved_hash'

/** What a proposal does, decoded for people: one entry per call (a batch has several). */
export type ProposalAction =
  | { type: 'eth_transfer'; to: string; amount: string }
  | { type: 'erc20_transfer'; token: string; symbol: string; decimals: number; to: string; amount: string }
  | {
      type: 'contract_call'
      to: string
      value: string
      data: string
      /** Function signature when it was built from (or decoded with) an ABI, else null (raw data). */
      method: string | null
      args: Array<{ name: string; type: string; value: string }> | null
    }
  | {
      type: 'owner_change'
      change: 'add_owner' | 'remove_owner' | 'swap_owner' | 'change_threshold'
      owner: string | null
      newOwner: string | null
      threshold: number | null
    }
  | { type: 'rejection'; nonce: number }

export interface Outflow {
  token: string | null // null = native coin
  symbol: string
  decimals: number
  amount: string // base units
}

export interface ProposalSummary {
  id: number
  chainId: number
  safe: string
  kind: ProposalKind
  title: string
  category: string | null
  status: ProposalStatus
  nonce: number
  safeTxHash: string
  proposer: string
  createdAt: string
  updatedAt: string
  signatureCount: number
  threshold: number
  /** Other open proposals on the same nonce: only one of them can ever execute. */
  conflicts: number
  outflows: Outflow[]
  parts: number
}

export interface ProposalSignature {
  signer: string
  kind: SignatureKind
  source: SignatureSource
  addedAt: string
  /** False once the signer is no longer an owner (it then does not count). */
  isOwner: boolean
}

export interface SimulationResult {
  at: string
  blockNumber: number
  /** The transaction's effect, run through Safe's SimulateTxAccessor: needs no signatures. */
  call: { success: boolean; gasUsed: string; revertReason: string | null }
  /** execTransaction itself from the executor with the signatures collected so far (only when enough are in). */
  execution: {
    checked: boolean
    success: boolean
    executor: string | null
    revertReason: string | null
    gasEstimate: string | null
    note: string | null
  }
  ok: boolean
}

export interface ProposalExecution {
  txHash: string
  blockNumber: number | null
  gasUsed: string | null
  outcome: 'success' | 'execution_failure' | 'reverted'
  executor: string | null
  /** Executed by this app, or found on chain (executed elsewhere). */
  origin: 'app' | 'chain'
  at: string
}

export interface ProposalDetail extends ProposalSummary {
  description: string
  budgetLineId: string | null
  grantLink: string | null
  /** The governance (treasury-spending) proposal this Safe proposal carries out, when it was drafted from one. */
  governanceProposalId: string | null
  safeTx: SafeTx
  actions: ProposalAction[]
  signatures: ProposalSignature[]
  owners: Array<{ address: string; signed: boolean }>
  /** The rejection this one answers (for a rejection), or the proposal that took this one's nonce. */
  rejects: number | null
  replacedBy: number | null
  /** The proposal that took this nonce was a rejection. */
  replacedByRejection: boolean
  /** Open proposals sharing this nonce. */
  sameNonce: Array<{ id: number; title: string; kind: ProposalKind; status: ProposalStatus }>
  simulation: SimulationResult | null
  executions: ProposalExecution[]
  /** MultiSend contract a batch delegates to (null for single calls). */
  multiSend: string | null
  /** What can be done now; the UI offers exactly these. */
  can: {
    submit: boolean
    addSignature: boolean
    simulate: boolean
    execute: boolean
    reject: boolean
    cancel: boolean
    edit: boolean
  }
}

export interface NonceInfo {
  /** The Safe's nonce on chain (or in the last synced state). */
  onChain: number
  /** Where a new proposal goes: after the highest open one. */
  suggested: number
  asOf: string | null
}

export interface ProposalList {
  rows: ProposalSummary[]
  total: number
  nonce: NonceInfo | null
  categories: string[]
}

export interface TxBuilderPreview {
  chainId: number
  safe: string | null
  name: string | null
  parts: ProposalAction[]
  checksumOk: boolean | null
}

export interface SyncReport {
  safe: string
  onChainNonce: number
  executed: number[]
  failed: number[]
  replaced: number[]
  onchainApprovals: number
  ready: number[]
}

/* ── inputs ─────────────────────────────────────────────────────────────────────────────────────────────────── */

const text = (max: number) => z.string().trim().max(max)
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()

export const proposalMeta = z.object({
  title: text(140).min(1, 'a title is required'),
  description: text(5000).optional(),
  category: optionalText(60),
  budgetLineId: optionalText(120),
  grantLink: optionalText(500),
})

export const partSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('eth_transfer'), to: address, amount: baseUnits }).strict(),
  z.object({ type: z.literal('erc20_transfer'), token: address, to: address, amount: baseUnits }).strict(),
  z
    .object({
      type: z.literal('contract_call'),
      to: address,
      value: baseUnits.default('0'),
      /** Raw calldata, or … */
      data: hex.optional(),
      /** … an ABI (JSON or human-readable) with a function name or signature and its arguments as text. */
      abi: z.string().max(200_000).optional(),
      method: z.string().trim().max(500).optional(),
      args: z.array(z.string().max(100_000)).max(64).optional(),
    })
    .strict(),
])
export type ProposalPartInput = z.output<typeof partSchema>

export const ownerChangeSchema = z.discriminatedUnion('change', [
  z.object({ change: z.literal('add_owner'), owner: address, threshold: z.number().int().min(1) }).strict(),
  z.object({ change: z.literal('remove_owner'), owner: address, threshold: z.number().int().min(1) }).strict(),
  z.object({ change: z.literal('swap_owner'), owner: address, newOwner: address }).strict(),
  z.object({ change: z.literal('change_threshold'), threshold: z.number().int().min(1) }).strict(),
])
export type OwnerChangeInput = z.output<typeof ownerChangeSchema>

export const MAX_BATCH_PARTS = 1000

const createInput = proposalMeta
  .extend({
    safe: address,
    /** Default: the suggested next nonce. A nonce already used by an open proposal makes a conflict, on purpose. */
    nonce: z.number().int().min(0).optional(),
    draft: z.boolean().optional(),
    proposer: address.optional(),
    body: z.discriminatedUnion('type', [
      z
        .object({
          type: z.literal('transactions'),
          parts: z.array(partSchema).min(1).max(MAX_BATCH_PARTS),
          /** MultiSendCallOnly (default, as Safe{Wallet}) or MultiSend. */
          onlyCalls: z.boolean().optional(),
        })
        .strict(),
      z.object({ type: z.literal('owner_change'), change: ownerChangeSchema }).strict(),
    ]),
  })
  .strict()
export type CreateProposalInput = z.output<typeof createInput>

const id = z.number().int().positive()

export const listInput = z
  .object({
    safe: address.optional(),
    /** Every chain of the workspace (each row names its chain); without it, only the active chain's proposals. */
    allChains: z.boolean().optional(),
    view: z.enum(['queue', 'history', 'all']).default('queue'),
    status: z.array(z.enum(PROPOSAL_STATUSES)).max(7).optional(),
    category: z.string().trim().max(60).optional(),
    signer: address.optional(),
    /** With `signer`: proposals this owner has signed (default) or still has to sign. */
    signerState: z.enum(['signed', 'not_signed']).optional(),
    search: z.string().trim().max(100).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict()
export type ListProposalsInput = z.output<typeof listInput>

export const proposalsContract = {
  'proposals.list': call<ProposalList>()(listInput),
  'proposals.get': call<ProposalDetail>()(z.object({ id }).strict()),
  'proposals.create': call<ProposalDetail>()(createInput),
  /** Title, description, category, budget line, grant link: the parts that do not change the SafeTx hash. */
  'proposals.update': call<ProposalDetail>()(
    z
      .object({
        id,
        title: text(140).min(1).optional(),
        description: text(5000).optional(),
        category: optionalText(60),
        budgetLineId: optionalText(120),
        grantLink: optionalText(500),
      })
      .strict(),
  ),
  /** Draft → awaiting signatures. */
  'proposals.submit': call<ProposalDetail>()(z.object({ id }).strict()),
  /** Local cancel (off chain). Signatures already given stay valid on chain: a rejection transaction voids them. */
  'proposals.cancel': call<ProposalDetail>()(z.object({ id, reason: text(500).optional() }).strict()),
  /** Creates the rejection (0-value self-call on the same nonce) for an open proposal. */
  'proposals.reject': call<ProposalDetail>()(z.object({ id, title: text(140).optional() }).strict()),
  /** A signature made elsewhere (a bundle, a file, a hardware wallet): checked against the hash and the owners. */
  'proposals.addSignature': call<ProposalDetail>()(
    z
      .object({
        id,
        signature: hex.refine((v) => v.length === 132, 'a Safe signature is 65 bytes (0x + 130 hex digits)'),
        signer: address.optional(),
        safeTxHash: bytes32.optional(),
      })
      .strict(),
  ),
  /**
   * The proposal's signing request (`aitbc-treasury/signing-request`, docs/SIGNING.md) as a file and QR codes, for
   * the Sign page or `treasury inspect|sign` on an offline machine. Stored on first export (it then lists on Sign).
   */
  'proposals.exportSigningRequest': call<ExportedDoc>()(z.object({ id }).strict()),
  /** A signature bundle (`aitbc-treasury/signature`) for this proposal, verified like a Sign page import. */
  'proposals.importSignatureBundle': call<ProposalDetail>()(
    z
      .object({
        id,
        text: z
          .string()
          .min(1, 'the bundle is empty')
          .max(64 * 1024, 'a signature bundle is small'),
      })
      .strict(),
  ),
  /** Sign with an unlocked local key of an owner. */
  'proposals.sign': call<ProposalDetail>()(z.object({ id, signer: address }).strict()),
  /**
   * An owner approves the hash on chain (Safe's approveHash), paying gas with their unlocked key (on the sandbox,
   * the node's own account for that owner). The approval is then read back from the contract like any other.
   */
  'proposals.approveOnChain': call<ProposalDetail>()(z.object({ id, owner: address }).strict()),
  'proposals.simulate': call<ProposalDetail>()(z.object({ id, executor: address.optional() }).strict()),
  'proposals.execute': call<ProposalDetail>()(z.object({ id, executor: address.optional() }).strict()),
  /** Reads nonce, owners, threshold, approveHash approvals and execution events; updates proposals accordingly. */
  'proposals.sync': call<SyncReport>()(z.object({ safe: address.optional() }).strict()),
  /** Safe{Wallet} Transaction Builder batch JSON → one proposal. `dryRun` shows what it would add. */
  'proposals.importTxBuilder': call<{ preview: TxBuilderPreview; proposal: ProposalDetail | null }>()(
    proposalMeta
      .partial({ title: true })
      .extend({
        safe: address,
        json: z.string().min(2).max(3_000_000),
        dryRun: z.boolean().optional(),
        nonce: z.number().int().min(0).optional(),
      })
      .strict(),
  ),
  'proposals.exportTxBuilder': call<{ fileName: string; json: string }>()(z.object({ id }).strict()),
}
