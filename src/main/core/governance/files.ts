import { z } from 'zod'
import { address, bytes32 } from '../../../shared/contract/primitives'
import { jsonNestingExceeds } from '../json-depth'
import { checksumLower } from '../signing/native-crypto'
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

const ADDRESS = /^0x[0-9a-fA-F]{40}$/

/**
 * EIP-55 as ethers' getAddress answers it for a 0x address (all-lower or all-upper input carries no checksum to
 * check), or null where the checksum is wrong; with the native Keccak: every vote names a different voter, and the
 * pure-JS checksum was the largest single cost of reading a vote line.
 */
function checksummed(value: string): string | null {
  const lower = value.toLowerCase()
  const sum = checksumLower(lower)
  return value === lower || value.slice(2) === lower.slice(2).toUpperCase() || value === sum ? sum : null
}

/** The voter's address: the shared `address` schema's checks, answers and messages, with `checksummed`. */
export const voterAddress = z
  .string()
  .max(42)
  .transform((value, ctx) => {
    if (!ADDRESS.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'not an address (0x followed by 40 hex digits)' })
      return z.NEVER
    }
    const sum = checksummed(value)
    if (sum === null) {
      ctx.addIssue({ code: 'custom', message: 'address checksum is wrong (check every character)' })
      return z.NEVER
    }
    return sum
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
              voter: voterAddress,
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

function describe(error: z.ZodError): string {
  const first = error.issues[0]
  const path = first.path.map(String).join('.') || '(file)'
  return `${path}: ${first.message}${error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : ''}`
}

function parseOne(raw: unknown, index: number, where: string): ParsedVote {
  // Fast path: a vote as every honest signer writes it (canonical types, nothing extra) is checked field by field
  // by hand; anything else goes through the full schema below, for the same answer and the same error message.
  const fast = canonicalVote(raw)
  if (fast) return { index, ...fast }
  return parseVoteBySchema(raw, index, where)
}

/** The schema's answer for one vote object (the reference the hand-written `canonicalVote` is tested against). */
export function parseVoteBySchema(raw: unknown, index: number, where: string): ParsedVote {
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

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
/** An object with exactly these own keys (a strict schema's shape), nothing more. */
const hasExactly = (o: Json, keys: readonly string[]) =>
  Object.keys(o).length === keys.length && keys.every((k) => Object.hasOwn(o, k))
const FILE_KEYS = ['format', 'version', 'typedData', 'signature'] as const
const TYPED_DATA_KEYS = ['types', 'primaryType', 'domain', 'message'] as const
const DOMAIN_KEYS = ['name', 'version', 'chainId', 'verifyingContract'] as const
const MESSAGE_KEYS = ['proposalId', 'support', 'voter', 'timestamp', 'reason'] as const
const BYTES32 = /^0x[0-9a-fA-F]{64}$/
const SIGNATURE = /^0x[0-9a-fA-F]{130}$/
const UINT_TEXT = /^[0-9]{1,16}$/

/** The `uint` schema's answer where it accepts, undefined where it would not (the schema then names why). */
function uintOf(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && UINT_TEXT.test(v) ? Number(v) : undefined
  return n !== undefined && Number.isSafeInteger(n) && n >= 0 ? n : undefined
}

/**
 * What the schema answers for a vote it accepts, computed without zod (whose generic walk cost more than the rest
 * of reading a line), or null for anything this does not accept outright, which then goes through the schema for
 * its answer or its message. It accepts nothing the schema refuses: the unit test holds both equal, case by case.
 */
export function canonicalVote(raw: unknown): Omit<ParsedVote, 'index'> | null {
  if (!isObject(raw) || !hasExactly(raw, FILE_KEYS)) return null
  const { typedData: t, signature } = raw
  if (raw.format !== VOTE_FILE_FORMAT || raw.version !== 1) return null
  if (typeof signature !== 'string' || !SIGNATURE.test(signature)) return null
  if (!isObject(t) || !hasExactly(t, TYPED_DATA_KEYS) || t.primaryType !== 'Vote') return null
  const { domain: d, message: m } = t
  if (!isObject(d) || !hasExactly(d, DOMAIN_KEYS) || !isObject(m) || !hasExactly(m, MESSAGE_KEYS)) return null
  if (typeof d.name !== 'string' || d.name.length > 100 || typeof d.version !== 'string' || d.version.length > 20)
    return null
  const chainId = uintOf(d.chainId)
  const verifyingContract = typeof d.verifyingContract === 'string' ? domainAddresses.get(d.verifyingContract) : null
  if (chainId === undefined || !verifyingContract) return null
  const { proposalId, support, timestamp: rawTimestamp, reason } = m
  if (typeof proposalId !== 'string' || !BYTES32.test(proposalId)) return null
  if (support !== 0 && support !== 1 && support !== 2) return null
  const timestamp = uintOf(rawTimestamp)
  if (timestamp === undefined || typeof reason !== 'string' || reason.length > MAX_REASON_LENGTH) return null
  const voter = typeof m.voter === 'string' && ADDRESS.test(m.voter) ? checksummed(m.voter) : null
  if (voter === null || !isCanonicalTypes(t.types)) return null
  return {
    domain: { name: d.name, version: d.version, chainId, verifyingContract },
    message: { proposalId: proposalId.toLowerCase(), support, voter, timestamp, reason },
    signature: signature.toLowerCase(),
  }
}

const canonicalTypeList = { EIP712Domain: EIP712_DOMAIN_TYPE, ...VOTE_TYPES }

/** The same answer as comparing JSON.stringify of both, without building the string for every vote. */
function isCanonicalTypes(types: unknown): boolean {
  if (!isObject(types) || Object.keys(types).length !== 2) return false
  for (const key of ['EIP712Domain', 'Vote'] as const) {
    const list = types[key]
    const expected = canonicalTypeList[key]
    if (!Array.isArray(list) || list.length !== expected.length) return false
    for (let i = 0; i < list.length; i++) {
      const field: unknown = list[i]
      // Key order too: the reference compares the JSON text.
      if (!isObject(field) || Object.keys(field).join() !== 'name,type') return false
      if (field.name !== expected[i].name || field.type !== expected[i].type) return false
    }
  }
  return true
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
