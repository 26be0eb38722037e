import { z } from 'zod'
import { call } from './define'
import { address, bytes32, empty } from './primitives'
import { reason } from './budgets'
import { batchSource } from './disbursements'

/**
 * Council acts (issue 18): every decision taken in the council's name is an EIP-712 message signed by members. The
 * content of each kind is validated here, at the boundary, and again when a request file is read offline.
 */
export const COUNCIL_ACT_KINDS = [
  'grant-evaluation',
  'grant-decision',
  'milestone-decision',
  'budget-reallocation',
  'budget-override',
  'dispute-resolution',
  'council-change',
] as const
export type CouncilActKind = (typeof COUNCIL_ACT_KINDS)[number]

const id = z.number().int().positive()

export const councilContent = {
  'grant-evaluation': z
    .object({
      grantId: id,
      scores: z
        .array(z.object({ criterionId: id, score: z.number().int().min(0).max(10) }).strict())
        .min(1)
        .max(20),
      comment: z.string().trim().max(4000).default(''),
    })
    .strict(),
  'grant-decision': z.object({ grantId: id, decision: z.enum(['approve', 'reject']), reason }).strict(),
  'milestone-decision': z
    .object({
      milestoneId: id,
      decision: z.enum(['approve', 'reject']),
      note: z.string().trim().max(2000).default(''),
    })
    .strict()
    .refine((m) => m.decision === 'approve' || m.note.length >= 3, {
      message: 'a rejection needs a reason (at least 3 characters)',
      path: ['note'],
    }),
  'budget-reallocation': z
    .object({
      fromLineId: id,
      toLineId: id,
      amount: z.string().regex(/^[1-9][0-9]{0,77}$/, 'a reallocation moves a positive integer amount of base units'),
      reason,
    })
    .strict()
    .refine((r) => r.fromLineId !== r.toLineId, { message: 'a line cannot give to itself', path: ['toLineId'] }),
  /** Over budget on purpose: either a new batch (created when the act takes effect) or an existing draft. */
  'budget-override': z.union([
    z.object({ batchId: id, reason }).strict(),
    z
      .object({
        batch: z
          .object({ title: z.string().trim().min(1).max(120), source: batchSource, safeAddress: address.optional() })
          .strict(),
        reason,
      })
      .strict(),
  ]),
  'dispute-resolution': z
    .object({
      disputeId: id,
      outcome: z.enum(['upheld', 'dismissed']),
      decision: z.string().trim().min(10, 'record a decision of at least 10 characters').max(5000),
    })
    .strict(),
  /**
   * The council itself: `members` null goes back to the Safe's owners; `threshold` is the members needed to change
   * the council again; `thresholds` the members needed per act kind (missing kinds keep their default).
   */
  'council-change': z
    .object({
      members: z.array(address).min(1).max(50).nullable(),
      threshold: z.number().int().min(1).max(50),
      thresholds: z.partialRecord(z.enum(COUNCIL_ACT_KINDS), z.number().int().min(1).max(50)).default({}),
    })
    .strict()
    .refine((c) => c.members === null || new Set(c.members).size === c.members.length, {
      message: 'a member is listed twice',
      path: ['members'],
    })
    .refine((c) => c.members === null || c.threshold <= c.members.length, {
      message: 'the threshold is more than the members',
      path: ['threshold'],
    }),
} satisfies Record<CouncilActKind, z.ZodType>

export type CouncilContent<K extends CouncilActKind> = z.output<(typeof councilContent)[K]>

/** What a member signs (primaryType CouncilAct); the domain names the workspace's chain and Safe. */
export const councilMessage = z
  .object({
    act: z.enum(COUNCIL_ACT_KINDS),
    subject: z.string().min(1).max(200),
    contentHash: bytes32,
    nonce: bytes32,
    expiry: z.number().int().positive(),
  })
  .strict()
export type CouncilMessage = z.output<typeof councilMessage>

export const councilDomain = z
  .object({
    name: z.string().max(100),
    version: z.string().max(20),
    chainId: z.number().int().positive(),
    verifyingContract: address,
  })
  .strict()
export type CouncilDomain = z.output<typeof councilDomain>

/** The request file (out to a signer, by file or QR): the act in full, so the signer reads what it signs. */
export const councilActRequest = z
  .object({
    format: z.literal('aitbc-council-act-request'),
    version: z.literal(1),
    kind: z.enum(COUNCIL_ACT_KINDS),
    /** A human summary for the signer; not signed (the content hash is). */
    summary: z.string().max(2000),
    content: z.unknown(),
    domain: councilDomain,
    message: councilMessage,
  })
  .strict()
export type CouncilActRequest = z.output<typeof councilActRequest>

const signatureHex = z.string().regex(/^0x[0-9a-fA-F]{130}$/, 'a signature is 65 bytes (0x and 130 hex digits)')

export const councilSignature = z.object({ signer: address, signature: signatureHex }).strict()
export type CouncilSignature = z.output<typeof councilSignature>

/** The answer file (back from a signer): who signed which digest. */
export const councilSignatureBundle = z
  .object({
    format: z.literal('aitbc-council-act-signature'),
    version: z.literal(1),
    digest: bytes32,
    signer: address,
    signature: signatureHex,
    /** The request it answers, so a first signature can be imported where the act is not known yet. */
    request: councilActRequest.optional(),
  })
  .strict()
export type CouncilSignatureBundle = z.output<typeof councilSignatureBundle>

export interface CouncilView {
  chainId: number
  safe: string
  /** safe-chain: the Safe's owners read now; safe-snapshot: the last synced owners (chain unreachable); list: a signed list. */
  source: 'safe-chain' | 'safe-snapshot' | 'list'
  members: string[]
  /** Members needed to change the council. */
  threshold: number
  thresholds: Record<CouncilActKind, number>
  readAt: string
}

export interface CouncilActSigner {
  member: string
  signature: string
  signedAt: string
  /** The council as it was when this signature was accepted. */
  councilSource: CouncilView['source']
}

export interface CouncilActView {
  id: number
  kind: CouncilActKind
  subject: string
  summary: string
  content: unknown
  contentHash: string
  nonce: string
  expiry: number
  digest: string
  status: 'pending' | 'effective' | 'expired'
  needed: number
  signers: CouncilActSigner[]
  /** Members whose signature could still make it effective. */
  missing: string[]
  createdAt: string
  effectiveAt: string | null
  /** What the act changed (e.g. the batch it created), once effective. */
  result: unknown
  request: CouncilActRequest
}

export const councilContract = {
  'council.get': call<CouncilView>()(empty),
  /** The request every member signs: content checked, subject derived, a fresh nonce and the expiry set. */
  'council.request': call<CouncilActRequest>()(
    z
      .object({
        kind: z.enum(COUNCIL_ACT_KINDS),
        content: z.unknown(),
        /** Seconds the signatures stay valid (default one day). */
        validFor: z
          .number()
          .int()
          .min(60)
          .max(90 * 24 * 3600)
          .optional(),
      })
      .strict(),
  ),
  /** The request as QR codes (one or more parts) for an air-gapped signer; `treasury sign` reads the images. */
  'council.requestQr': call<{ parts: string[]; images: string[] }>()(z.object({ request: councilActRequest }).strict()),
  /** Signs a request with an unlocked key in the main process and submits the signature. */
  'council.sign': call<CouncilActView>()(z.object({ request: councilActRequest, signer: address }).strict()),
  /** Submits signatures made elsewhere (signature files); the act takes effect once enough members signed. */
  'council.submit': call<CouncilActView>()(
    z
      .object({
        request: councilActRequest,
        signatures: z.array(councilSignature).min(1, 'no signature: an act needs a member’s signature').max(50),
      })
      .strict(),
  ),
  /** Reads a signature file (the bundle `treasury sign` writes) and submits it against its pending act. */
  'council.importSignature': call<CouncilActView>()(z.object({ text: z.string().min(2).max(100_000) }).strict()),
  'council.acts': call<CouncilActView[]>()(
    z
      .object({
        status: z.enum(['pending', 'effective', 'expired']).optional(),
        subject: z.string().max(200).optional(),
      })
      .strict(),
  ),
}
