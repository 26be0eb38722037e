import canonicalize from 'canonicalize'
import { TypedDataEncoder, getAddress, keccak256, toUtf8Bytes, type Signer } from 'ethers'
import {
  councilContent,
  type CouncilActKind,
  type CouncilActRequest,
  type CouncilDomain,
  type CouncilMessage,
} from '../../../shared/contract/council'

/**
 * EIP-712 for council acts. The domain is ours and names the workspace's chain and Safe (verifyingContract): a
 * signature is bound to one council on one chain. The message names the act, its subject, the keccak256 of its
 * canonical content, a random nonce (one act, one use) and an expiry (seconds since the epoch). Every member signs
 * the same digest, as Safe owners sign one safeTxHash; the signer is whoever the signature recovers to.
 */
export const COUNCIL_DOMAIN_NAME = 'AITBC Treasury Council'
export const COUNCIL_DOMAIN_VERSION = '1'

const EIP712_DOMAIN_TYPE = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
]

export const COUNCIL_ACT_TYPES = {
  CouncilAct: [
    { name: 'act', type: 'string' },
    { name: 'subject', type: 'string' },
    { name: 'contentHash', type: 'bytes32' },
    { name: 'nonce', type: 'bytes32' },
    { name: 'expiry', type: 'uint64' },
  ],
}

export function councilDomainOf(chainId: number, safe: string): CouncilDomain {
  return { name: COUNCIL_DOMAIN_NAME, version: COUNCIL_DOMAIN_VERSION, chainId, verifyingContract: getAddress(safe) }
}

/** keccak256 of the RFC 8785 canonical JSON of {format, kind, content}: what the signature commits the act to. */
export function councilContentHash(kind: CouncilActKind, content: unknown): string {
  const canonical = canonicalize({ format: 'aitbc-council-act', version: 1, kind, content })
  if (canonical === undefined) throw new Error('act content is not JSON-serialisable')
  return keccak256(toUtf8Bytes(canonical))
}

/** The content checked against its kind's schema (amounts as strings, addresses checksummed, defaults filled). */
export function parseCouncilContent<K extends CouncilActKind>(kind: K, content: unknown) {
  return councilContent[kind].safeParse(content)
}

/** What the act is about, derived from its content: a signature names it, so it cannot be carried to another. */
export function councilSubject(kind: CouncilActKind, content: unknown, safe: string): string {
  const c = content as Record<string, unknown>
  switch (kind) {
    case 'grant-evaluation':
    case 'grant-decision':
      return `grant:${String(c.grantId)}`
    case 'milestone-decision':
      return `milestone:${String(c.milestoneId)}`
    case 'budget-reallocation':
      return `budget-lines:${String(c.fromLineId)}-${String(c.toLineId)}`
    case 'budget-override':
      return 'batchId' in c
        ? `batch:${String(c.batchId)}`
        : `new-batch:${keccak256(toUtf8Bytes(canonicalize(c.batch) ?? '')).slice(2, 18)}`
    case 'dispute-resolution':
      return `dispute:${String(c.disputeId)}`
    case 'council-change':
      return `council:${getAddress(safe)}`
  }
}

const encoder = TypedDataEncoder.from(COUNCIL_ACT_TYPES)

export function councilDigest(domain: CouncilDomain, message: CouncilMessage): string {
  return TypedDataEncoder.hash(domain, COUNCIL_ACT_TYPES, message)
}

/** The struct hash alone (for tests and for readers comparing with another EIP-712 implementation). */
export function councilStructHash(message: CouncilMessage): string {
  return encoder.hash(message)
}

/** The eth_signTypedData_v4 payload any wallet can sign. */
export function councilTypedData(request: Pick<CouncilActRequest, 'domain' | 'message'>) {
  return {
    types: { EIP712Domain: EIP712_DOMAIN_TYPE, ...COUNCIL_ACT_TYPES },
    primaryType: 'CouncilAct',
    domain: request.domain,
    message: request.message,
  }
}

export async function signCouncilAct(
  signer: Pick<Signer, 'signTypedData'>,
  request: Pick<CouncilActRequest, 'domain' | 'message'>,
): Promise<string> {
  return signer.signTypedData(request.domain, COUNCIL_ACT_TYPES, request.message)
}

export interface NewRequest {
  chainId: number
  safe: string
  kind: CouncilActKind
  content: unknown
  summary: string
  nonce: string
  expiry: number
}

/** A request document from checked content. */
export function councilRequest(r: NewRequest): CouncilActRequest {
  return {
    format: 'aitbc-council-act-request',
    version: 1,
    kind: r.kind,
    summary: r.summary,
    content: r.content,
    domain: councilDomainOf(r.chainId, r.safe),
    message: {
      act: r.kind,
      subject: councilSubject(r.kind, r.content, r.safe),
      contentHash: councilContentHash(r.kind, r.content) as `0x${string}`,
      nonce: r.nonce as `0x${string}`,
      expiry: r.expiry,
    },
  }
}

/**
 * What is wrong with a request in itself (no workspace needed): its message must name the act, subject and content
 * hash its content gives. Null when it is consistent. Used by the API and by `treasury sign` before signing.
 */
export function requestInconsistency(request: CouncilActRequest): string | null {
  const parsed = parseCouncilContent(request.kind, request.content)
  if (!parsed.success) return `the act's content is not a valid ${request.kind}: ${parsed.error.issues[0]?.message}`
  if (request.message.act !== request.kind)
    return `the signed act is "${request.message.act}" but the content is a ${request.kind}`
  const subject = councilSubject(request.kind, request.content, request.domain.verifyingContract)
  if (request.message.subject !== subject)
    return `the signature names subject ${request.message.subject}, but this act is about ${subject} (moved to another subject)`
  const hash = councilContentHash(request.kind, request.content)
  if (request.message.contentHash.toLowerCase() !== hash)
    return `altered content: the signed content hash is ${request.message.contentHash}, this content hashes to ${hash}`
  if (request.domain.name !== COUNCIL_DOMAIN_NAME || request.domain.version !== COUNCIL_DOMAIN_VERSION)
    return `signed under domain "${request.domain.name}" v${request.domain.version}; expected "${COUNCIL_DOMAIN_NAME}" v${COUNCIL_DOMAIN_VERSION}`
  return null
}
