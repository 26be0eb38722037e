import { z } from 'zod'
import { getAddress } from 'ethers'
import { ApiError } from '../../../shared/errors'
import { address, bytes32, hex } from '../../../shared/contract/primitives'
import { safeTxSchema } from '../../../shared/contract/safe-tx'
import {
  SIGNATURE_BUNDLE_TYPE,
  SIGNING_REQUEST_TYPE,
  type SignatureBundleDoc,
  type SigningRequestContext,
  type SigningRequestDoc,
  type TokenRef,
} from '../../../shared/contract/signing'
import { safeTxHash, type SafeTx } from './safe-tx'
import { decodeSafeTx, type DecodeEnv } from './decode'

/**
 * Safe v1.3.0 and later put the chainId in the EIP-712 domain; older Safes hash differently (and < 1.0 names
 * baseGas "dataGas"). Refusing them beats producing a signature the Safe would reject.
 */
export function supportsSafeVersion(version: string): boolean {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version)
  if (!m) return false
  const [major, minor] = [Number(m[1]), Number(m[2])]
  return major > 1 || (major === 1 && minor >= 3)
}

export interface NewRequest {
  chainId: number
  safe: string
  safeVersion: string
  safeTx: SafeTx
  description?: string
  /** The Safe's owners, threshold and nonce as read when the request is made: shown to offline signers. */
  context?: SigningRequestContext
  /** Token metadata for the summary (the workspace's tokens). */
  tokens: TokenRef[]
  /** Known MultiSend contracts for this chain (see knownMultiSend). */
  multiSend: string[]
  createdBy: string
  now?: Date
}

/**
 * Builds a signing request: every SafeTx field, the hash any EIP-712 implementation recomputes from them, and a
 * decoded summary for humans reading the file. The proposals flow calls this with the SafeTx of a proposal.
 */
export function createSigningRequest(input: NewRequest): SigningRequestDoc {
  if (!supportsSafeVersion(input.safeVersion))
    throw new ApiError('BAD_INPUT', `Safe version ${input.safeVersion} is not supported (1.3.0 or later is).`)
  const safe = getAddress(input.safe)
  const safeTx = safeTxSchema.parse(input.safeTx)
  const decoded = decodeSafeTx(safeTx, envFor(input.chainId, safe, input.tokens, input.multiSend))
  const used = new Map<string, TokenRef>()
  for (const t of decoded.transfers) if (t.token.address) used.set(t.token.address, t.token)
  return {
    type: SIGNING_REQUEST_TYPE,
    version: 1,
    chainId: input.chainId,
    safe,
    safeVersion: input.safeVersion,
    safeTx,
    safeTxHash: safeTxHash(input.chainId, safe, safeTx),
    ...(input.description ? { description: input.description } : {}),
    ...(input.context ? { context: input.context } : {}),
    summary: { calls: decoded.calls, transfers: decoded.transfers, tokens: [...used.values()] },
    createdAt: (input.now ?? new Date()).toISOString(),
    createdBy: input.createdBy,
  }
}

export function envFor(chainId: number, safe: string, tokens: TokenRef[], multiSend: string[]): DecodeEnv {
  const native = tokens.find((t) => t.address === null)
  return {
    chainId,
    safe,
    nativeSymbol: native?.symbol,
    nativeDecimals: native?.decimals,
    tokens: new Map(tokens.filter((t) => t.address).map((t) => [t.address!.toLowerCase(), t])),
    multiSend: new Set(multiSend.map((a) => a.toLowerCase())),
  }
}

// ---- parsing ---------------------------------------------------------------------------------------------------

const tokenRefSchema = z
  .object({
    address: address.nullable(),
    symbol: z.string().max(40),
    decimals: z.number().int().min(0).max(36),
    known: z.boolean(),
  })
  .strict()

const transferSchema = z
  .object({
    recipient: address,
    token: tokenRefSchema,
    amount: z.string().regex(/^\d{1,78}$/),
    human: z.string().max(120),
    kind: z.enum(['transfer', 'approval']),
  })
  .strict()

const requestSchema = z
  .object({
    type: z.literal(SIGNING_REQUEST_TYPE),
    version: z.literal(1),
    chainId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    safe: address,
    safeVersion: z
      .string()
      .regex(/^\d+\.\d+\.\d+/, 'not a version like 1.4.1')
      .max(40),
    safeTx: safeTxSchema,
    safeTxHash: bytes32,
    description: z.string().max(500).optional(),
    context: z
      .object({
        owners: z.array(address).min(1).max(100),
        threshold: z.number().int().min(1).max(100),
        safeNonce: z.string().regex(/^\d{1,78}$/),
        asOf: z.string().max(40),
      })
      .strict()
      .optional(),
    summary: z
      .object({
        // The creator's decoding is informational only: the reviewer decodes the bytes again.
        calls: z.array(z.unknown()).max(1000),
        transfers: z.array(transferSchema).max(1000),
        tokens: z.array(tokenRefSchema).max(200),
      })
      .strict(),
    createdAt: z.string().max(40),
    createdBy: z.string().max(120),
  })
  .strict()

const bundleSchema = z
  .object({
    type: z.literal(SIGNATURE_BUNDLE_TYPE),
    version: z.literal(1),
    chainId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    safe: address,
    safeTxHash: bytes32,
    signer: address,
    signature: hex.refine((v) => v.length === 132, 'a Safe signature is 65 bytes (130 hex digits)'),
    signedAt: z.string().max(40),
  })
  .strict()

export type DocKind = 'request' | 'signature'

/** Reads the envelope of a document (JSON with a known `type` and `version`), naming what is wrong. */
export function readDocument(text: string): { kind: DocKind; value: Record<string, unknown> } {
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    throw new ApiError(
      'BAD_INPUT',
      `This is not valid JSON${text.trim().length ? ' (is the file truncated or corrupt?)' : ' (it is empty)'}.`,
    )
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new ApiError('BAD_INPUT', 'This JSON is not a signing request or a signature bundle (no "type").')
  const doc = value as Record<string, unknown>
  const kind: DocKind | null =
    doc.type === SIGNING_REQUEST_TYPE ? 'request' : doc.type === SIGNATURE_BUNDLE_TYPE ? 'signature' : null
  if (!kind)
    throw new ApiError(
      'BAD_INPUT',
      `Unknown document type ${JSON.stringify(String(doc.type ?? '(none)')).slice(0, 80)}: expected "${SIGNING_REQUEST_TYPE}" or "${SIGNATURE_BUNDLE_TYPE}".`,
    )
  if (doc.version !== 1)
    throw new ApiError(
      'BAD_INPUT',
      `Unknown ${kind === 'request' ? 'signing request' : 'signature bundle'} version ${JSON.stringify(doc.version ?? null).slice(0, 20)}: this app reads version 1. Update the app that is reading it.`,
    )
  return { kind, value: doc }
}

function issues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(document)'}: ${i.message}`)
    .join('; ')
}

/**
 * Parses and checks a signing request: schema, supported Safe version, and the hash re-derived from the fields.
 * A request whose fields do not hash to its safeTxHash was changed after it was made and is refused.
 */
export function parseSigningRequest(text: string): SigningRequestDoc {
  const { kind, value } = readDocument(text)
  if (kind !== 'request') throw new ApiError('BAD_INPUT', 'This is a signature bundle, not a signing request.')
  return checkSigningRequest(value)
}

export function checkSigningRequest(value: unknown): SigningRequestDoc {
  const parsed = requestSchema.safeParse(value)
  if (!parsed.success) throw new ApiError('BAD_INPUT', `The signing request is invalid: ${issues(parsed.error)}.`)
  const doc = parsed.data as SigningRequestDoc
  if (!supportsSafeVersion(doc.safeVersion))
    throw new ApiError('BAD_INPUT', `Safe version ${doc.safeVersion} is not supported (1.3.0 or later is).`)
  const derived = safeTxHash(doc.chainId, doc.safe, doc.safeTx)
  if (derived !== doc.safeTxHash.toLowerCase())
    throw new ApiError(
      'BAD_INPUT',
      `Hash mismatch: the request's fields hash to ${derived}, but it claims ${doc.safeTxHash}. A field was changed after the request was made. Do not sign it.`,
      { derived, claimed: doc.safeTxHash },
    )
  return { ...doc, safeTxHash: derived }
}

export function parseSignatureBundle(text: string): SignatureBundleDoc {
  const { kind, value } = readDocument(text)
  if (kind !== 'signature') throw new ApiError('BAD_INPUT', 'This is a signing request, not a signature bundle.')
  return checkSignatureBundle(value)
}

export function checkSignatureBundle(value: unknown): SignatureBundleDoc {
  const parsed = bundleSchema.safeParse(value)
  if (!parsed.success) throw new ApiError('BAD_INPUT', `The signature bundle is invalid: ${issues(parsed.error)}.`)
  return {
    ...(parsed.data as SignatureBundleDoc),
    safeTxHash: parsed.data.safeTxHash.toLowerCase(),
    signature: parsed.data.signature.toLowerCase(),
  }
}

export function signatureBundle(
  request: Pick<SigningRequestDoc, 'chainId' | 'safe' | 'safeTxHash'>,
  signer: string,
  signature: string,
  now = new Date(),
): SignatureBundleDoc {
  return {
    type: SIGNATURE_BUNDLE_TYPE,
    version: 1,
    chainId: request.chainId,
    safe: request.safe,
    safeTxHash: request.safeTxHash,
    signer: getAddress(signer),
    signature: signature.toLowerCase(),
    signedAt: now.toISOString(),
  }
}

/** Stable file names: what and which nonce, so a folder of them sorts sensibly. */
export function requestFileName(doc: SigningRequestDoc): string {
  return `signing-request-${doc.chainId}-${doc.safe.slice(2, 8).toLowerCase()}-nonce${doc.safeTx.nonce}-${doc.safeTxHash.slice(2, 10)}.json`
}

export function bundleFileName(bundle: SignatureBundleDoc): string {
  return `signature-${bundle.safeTxHash.slice(2, 10)}-${bundle.signer.slice(2, 8).toLowerCase()}.json`
}

export function toJson(doc: SigningRequestDoc | SignatureBundleDoc): string {
  return JSON.stringify(doc, null, 2) + '\n'
}
