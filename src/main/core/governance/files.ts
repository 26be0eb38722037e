import { z } from 'zod'
import { address, bytes32 } from '../../../shared/contract/primitives'
import { jsonNestingExceeds } from '../json-depth'
import { EIP712_DOMAIN_TYPE, VOTE_TYPES, type GovernanceDomain, type VoteMessage } from './typed-data'

/**
 * Vote files. One vote:
 *   { "format": "aitbc-governance-vote", "version": 1,
 *     "typedData": { types, primaryType: "Vote", domain, message },   ← the eth_signTypedData_v4 payload
 *     "signature": "0x…65 bytes" }
 * Many votes: { "format": "aitbc-governance-votes", "version": 1, "votes": [ <vote file>, … ] }.
 * The payload is complete, so any EIP-712 tool can check a vote without this app.
 */
export const VOTE_FILE_FORMAT = 'aitbc-governance-vote'
export const VOTE_BUNDLE_FORMAT = 'aitbc-governance-votes'
/** Larger than any honest file (10,000 votes ≈ 8 MB); keeps a hostile file from exhausting memory. */
export const MAX_VOTE_FILE_BYTES = 32 * 1024 * 1024
export const MAX_VOTES_PER_FILE = 20_000
export const MAX_REASON_LENGTH = 1_000
export const MAX_VOTE_FILE_DEPTH = 32

const uint = (what: string) =>
  z.union([z.number(), z.string().regex(/^[0-9]{1,16}$/, `${what} must be a decimal integer`)]).transform((v, ctx) => {
    const n = Number(v)
    if (!Number.isSafeInteger(n) || n < 0) {
      ctx.addIssue({ code: 'custom', message: `${what} must be a non-negative integer` })
      return z.NEVER
    }
    return n
  })

// The domain's address repeats in every vote of a bundle: checksum it once, not 10,000 times.
const domainAddresses = new Map<string, string>()
const domainAddress = z.string().transform((value, ctx) => {
  const known = domainAddresses.get(value)
  if (known) return known
  const parsed = address.safeParse(value)
  if (!parsed.success) {
    ctx.addIssue({ code: 'custom', message: parsed.error.issues[0].message })
    return z.NEVER
  }
  if (domainAddresses.size < 64) domainAddresses.set(value, parsed.data)
  return parsed.data
})

const fieldList = z.array(z.object({ name: z.string(), type: z.string() }).strict())

const voteFileSchemaOf = <T extends z.ZodType>(types: T) =>
  z
    .object({
      format: z.literal(VOTE_FILE_FORMAT, { error: `format must be "${VOTE_FILE_FORMAT}"` }),
      version: z.literal(1, { error: 'version must be 1' }),
      typedData: z
        .object({
          types,
          primaryType: z.literal('Vote', { error: 'primaryType must be "Vote"' }),
          domain: z
            .object({
              name: z.string().max(100),
              version: z.string().max(20),
              chainId: uint('domain.chainId'),
              verifyingContract: domainAddress,
            })
            .strict(),
          message: z
            .object({
              proposalId: bytes32.transform((v) => v.toLowerCase()),
              support: z.union([z.literal(0), z.literal(1), z.literal(2)], {
                error: 'support must be 0 (against), 1 (for) or 2 (abstain)',
              }),
              voter: address,
              timestamp: uint('timestamp'),
              reason: z.string().max(MAX_REASON_LENGTH),
            })
            .strict(),
        })
        .strict(),
      signature: z.string().regex(/^0x[0-9a-fA-F]{130}$/, 'signature must be 65 bytes: 0x followed by 130 hex digits'),
    })
    .strict()

const voteFileSchema = voteFileSchemaOf(z.record(z.string(), fieldList))
/** The same checks but the `types` subtree, which parseOne compares with the canonical types instead. */
const voteFileSchemaFast = voteFileSchemaOf(z.unknown())

export type VoteFile = z.input<typeof voteFileSchema>

export interface ParsedVote {
  /** Position in the file (0 for a single-vote file), so refusals can be traced to the entry. */
  index: number
  domain: GovernanceDomain
  message: VoteMessage
  signature: string
}

export class VoteFileError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'VoteFileError'
  }
}

const canonicalTypes = JSON.stringify({ EIP712Domain: EIP712_DOMAIN_TYPE, ...VOTE_TYPES })

function describe(error: z.ZodError): string {
  const first = error.issues[0]
  const path = first.path.map(String).join('.') || '(file)'
  return `${path}: ${first.message}${error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : ''}`
}

function parseOne(raw: unknown, index: number, where: string): ParsedVote {
  // Fast path: a vote that declares exactly the canonical types (every honest one) needs no field-by-field check of
  // them; anything else goes through the full schema below, for the same answer and the same error message.
  const fast = voteFileSchemaFast.safeParse(raw)
  if (fast.success && isCanonicalTypes(fast.data.typedData.types)) {
    const { typedData, signature } = fast.data
    return { index, domain: typedData.domain, message: typedData.message, signature: signature.toLowerCase() }
  }
  const parsed = voteFileSchema.safeParse(raw)
  if (!parsed.success) throw new VoteFileError(`${where}is not a valid vote: ${describe(parsed.error)}`)
  const { typedData, signature } = parsed.data
  // We hash with our own types, never the file's; a file that declares others was signed over something else.
  if (!isCanonicalTypes(typedData.types))
    throw new VoteFileError(`${where}declares EIP-712 types other than AITBC governance Vote v1`)
  return { index, domain: typedData.domain, message: typedData.message, signature: signature.toLowerCase() }
}

function isCanonicalTypes(types: unknown): boolean {
  if (typeof types !== 'object' || types === null || Array.isArray(types)) return false
  const t = types as Record<string, unknown>
  return (
    Object.keys(t).length === 2 && JSON.stringify({ EIP712Domain: t.EIP712Domain, Vote: t.Vote }) === canonicalTypes
  )
}

/** Parses a vote file or a bundle of votes. Throws VoteFileError naming the first thing that is wrong. */
export function parseVoteFile(text: string): ParsedVote[] {
  if (text.length > MAX_VOTE_FILE_BYTES) throw new VoteFileError('the file is larger than 32 MiB')
  // An honest bundle nests 6 levels; a hostile one nested thousands deep overflowed the stack further on.
  if (jsonNestingExceeds(text, MAX_VOTE_FILE_DEPTH).exceeds)
    throw new VoteFileError(`the file nests deeper than ${MAX_VOTE_FILE_DEPTH} levels`)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new VoteFileError(`the file is not JSON (${error instanceof Error ? error.message : 'parse error'})`)
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new VoteFileError('the file must hold one JSON object')
  const format = (json as { format?: unknown }).format
  if (format === VOTE_FILE_FORMAT) return [parseOne(json, 0, 'the file ')]
  if (format === VOTE_BUNDLE_FORMAT) {
    const bundle = json as { version?: unknown; votes?: unknown }
    const extra = Object.keys(json).filter((k) => !['format', 'version', 'votes'].includes(k))
    if (extra.length) throw new VoteFileError(`unexpected field in the bundle: ${extra[0]}`)
    if (bundle.version !== 1) throw new VoteFileError('bundle version must be 1')
    if (!Array.isArray(bundle.votes) || bundle.votes.length === 0)
      throw new VoteFileError('a bundle needs a non-empty "votes" array')
    if (bundle.votes.length > MAX_VOTES_PER_FILE)
      throw new VoteFileError(`a bundle holds at most ${MAX_VOTES_PER_FILE} votes, this one ${bundle.votes.length}`)
    return bundle.votes.map((v, i) => parseOne(v, i, `votes[${i}] `))
  }
  throw new VoteFileError(
    `unknown format ${JSON.stringify(format)}: expected "${VOTE_FILE_FORMAT}" or "${VOTE_BUNDLE_FORMAT}"`,
  )
}

/** Longest line of a vote-lines file: one honest vote is under 2 KB, its reason at most 1,000 characters. */
export const MAX_VOTE_LINE_BYTES = 16 * 1024

/**
 * One line of a vote-lines file (JSON Lines: one vote file object per line, what a bulk signer writes), `line`
 * counted from 1. Throws VoteFileError saying what is wrong with that line.
 */
export function parseVoteLine(text: string, line: number): ParsedVote {
  if (text.length > MAX_VOTE_LINE_BYTES) throw new VoteFileError(`longer than ${MAX_VOTE_LINE_BYTES} characters`)
  if (jsonNestingExceeds(text, MAX_VOTE_FILE_DEPTH).exceeds)
    throw new VoteFileError(`nests deeper than ${MAX_VOTE_FILE_DEPTH} levels`)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new VoteFileError(`not JSON (${error instanceof Error ? error.message : 'parse error'})`)
  }
  return parseOne(json, line, '')
}

/** A vote file for one signed vote, as the app writes it. */
export function voteFile(domain: GovernanceDomain, message: VoteMessage, signature: string) {
  return {
    format: VOTE_FILE_FORMAT,
    version: 1 as const,
    typedData: {
      types: { EIP712Domain: EIP712_DOMAIN_TYPE, ...VOTE_TYPES },
      primaryType: 'Vote' as const,
      domain,
      message,
    },
    signature,
  }
}

export function voteBundle(files: Array<ReturnType<typeof voteFile>>) {
  return { format: VOTE_BUNDLE_FORMAT, version: 1 as const, votes: files }
}
