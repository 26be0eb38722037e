import { z } from 'zod'
import { call } from './define'
import { address, baseUnits, bytes32, hex } from './primitives'
import type { SafeTx } from './safe-tx'

export const SIGNING_REQUEST_TYPE = 'aitbc-treasury/signing-request'
export const SIGNATURE_BUNDLE_TYPE = 'aitbc-treasury/signature'

/** A token as a decoder saw it; `known` = in this workspace, otherwise only as stated by the request. */
export interface TokenRef {
  address: string | null // null = the chain's native coin
  symbol: string
  decimals: number
  known: boolean
}

export type DecodedKind =
  | 'native-transfer'
  | 'erc20-transfer'
  | 'erc20-transfer-from'
  | 'erc20-approve'
  | 'safe-owners'
  | 'safe-settings'
  | 'multisend'
  | 'rejection'
  | 'contract-call'

/** One call of a Safe transaction, decoded from its bytes (never taken from the request's own summary). */
export interface DecodedCall {
  kind: DecodedKind
  to: string
  value: string // base units of the native coin
  operation: 0 | 1
  /** One human sentence, e.g. "Send 1,000 AITBC to 0x…". */
  text: string
  method?: string
  args?: Array<{ name: string; type: string; value: string }>
  token?: TokenRef
  amount?: string
  recipient?: string
  parts?: DecodedCall[]
  dataBytes: number
}

export interface Transfer {
  recipient: string
  token: TokenRef
  amount: string // base units
  human: string // exact, grouped: never rounded on a signing screen
  kind: 'transfer' | 'approval'
}

export type WarningCode =
  | 'delegatecall'
  | 'unknown-call'
  | 'unknown-token'
  | 'unlimited-approval'
  | 'gas-refund'
  | 'nonce-used'
  | 'nonce-far'
  | 'nonce-unchecked'
  | 'unknown-chain'
  | 'unknown-safe'
  | 'owner-change'
  | 'safe-settings'
  | 'summary-mismatch'
  | 'not-owner'

export interface Warning {
  code: WarningCode
  severity: 'danger' | 'caution'
  message: string
}

/** What a signer reviews: recomputed by this app from the request's fields and this machine's knowledge. */
export interface Review {
  chainId: number
  safe: string
  safeVersion: string
  safeTx: SafeTx
  safeTxHash: string
  description: string | null
  calls: DecodedCall[]
  transfers: Transfer[]
  warnings: Warning[]
  /** Where the Safe's nonce and owners used for the checks came from. */
  stateSource: 'chain' | 'snapshot' | 'request' | 'none'
  safeNonce: string | null
  owners: string[] | null
  threshold: number | null
}

export interface SigningRequestContext {
  owners: string[]
  threshold: number
  safeNonce: string
  asOf: string
}

/** The versioned signing request file (see docs/SIGNING.md). */
export interface SigningRequestDoc {
  type: typeof SIGNING_REQUEST_TYPE
  version: 1
  chainId: number
  safe: string
  safeVersion: string
  safeTx: SafeTx
  safeTxHash: string
  description?: string
  context?: SigningRequestContext
  summary: { calls: DecodedCall[]; transfers: Transfer[]; tokens: TokenRef[] }
  createdAt: string
  createdBy: string
}

export interface SignatureBundleDoc {
  type: typeof SIGNATURE_BUNDLE_TYPE
  version: 1
  chainId: number
  safe: string
  safeTxHash: string
  signer: string
  signature: string
  signedAt: string
}

export interface SignatureInfo {
  signer: string
  label: string | null
  kind: 'eip712' | 'eth_sign' | 'approved_hash'
  source: 'local' | 'imported' | 'onchain' | 'txservice'
  addedAt: string
  /** False when the signer is not (or no longer) among the Safe's owners: it does not count. */
  isOwner: boolean | null
}

/** A document ready to leave the machine: file name, JSON text, and QR parts with their PNG data URLs. */
export interface ExportedDoc {
  fileName: string
  json: string
  qr: { parts: string[]; images: string[] }
}

export interface RequestView {
  request: SigningRequestDoc
  review: Review
  origin: 'created' | 'imported'
  addedAt: string
  signatures: SignatureInfo[]
  progress: { collected: number; threshold: number | null }
}

export interface RequestSummary {
  safeTxHash: string
  chainId: number
  safe: string
  nonce: string
  /** The creator's note, as written in the request. */
  description: string | null
  /** What the first call does, decoded by this app. */
  text: string
  /** Danger warnings of the review (nonce checks aside, which need the Safe's state). */
  dangers: number
  origin: 'created' | 'imported'
  addedAt: string
  signatures: number
  threshold: number | null
}

const docInput = z
  .object({
    text: z.string().max(1_000_000).optional(),
    qrParts: z.array(z.string().max(8000)).max(200).optional(),
  })
  .strict()
  .refine((v) => (v.text === undefined) !== (v.qrParts === undefined), 'give either text or qrParts')

const transferInput = z
  .object({
    kind: z.literal('transfer'),
    token: address.nullable(), // null = native coin
    to: address,
    amount: baseUnits.refine((v) => v !== '0', 'the amount must be more than zero'),
  })
  .strict()

const callInput = z
  .object({
    kind: z.literal('call'),
    to: address,
    value: baseUnits.default('0'),
    data: hex.default('0x'),
    operation: z.union([z.literal(0), z.literal(1)]).default(0),
    safeTxGas: baseUnits.optional(),
    baseGas: baseUnits.optional(),
    gasPrice: baseUnits.optional(),
    gasToken: address.optional(),
    refundReceiver: address.optional(),
  })
  .strict()

export const signingContract = {
  /** Makes a signing request for a Safe transaction (a simple transfer or any call) and stores it. */
  'signing.createRequest': call<RequestView>()(
    z
      .object({
        safe: address.optional(),
        tx: z.discriminatedUnion('kind', [transferInput, callInput]),
        nonce: baseUnits.optional(),
        description: z.string().trim().max(500).optional(),
      })
      .strict(),
  ),
  'signing.list': call<RequestSummary[]>()(z.object({ safe: address.optional() }).strict()),
  'signing.get': call<RequestView>()(z.object({ safeTxHash: bytes32 }).strict()),
  /**
   * Imports a signing request or a signature bundle (told apart by its `type`), from a file's text, pasted text
   * or scanned QR parts. A request is checked and stored for review; a signature is verified and stored.
   */
  'signing.import': call<
    { kind: 'request'; view: RequestView } | { kind: 'signature'; view: RequestView; signer: string }
  >()(docInput),
  /** Imports many signature bundles at once (a folder of files): all verified, then stored together or not at all. */
  'signing.importSignatures': call<{ accepted: Array<{ safeTxHash: string; signer: string }> }>()(
    z
      .object({
        texts: z.array(z.string().max(10_000)).min(1).max(5000),
        names: z.array(z.string().max(300)).max(5000).optional(),
      })
      .strict(),
  ),
  'signing.exportRequest': call<ExportedDoc>()(z.object({ safeTxHash: bytes32 }).strict()),
  'signing.exportSignature': call<ExportedDoc>()(z.object({ safeTxHash: bytes32, signer: address }).strict()),
  /** Signs with an unlocked local key (EIP-712, no network) and stores the signature. */
  'signing.sign': call<{ view: RequestView; bundle: ExportedDoc }>()(
    z
      .object({
        safeTxHash: bytes32,
        signer: address,
        /** Required when the review has danger warnings: the signer read them and signs anyway. */
        acceptWarnings: z.boolean().default(false),
      })
      .strict(),
  ),
}
