import canonicalize from 'canonicalize'
import { TypedDataEncoder, concat, getAddress, keccak256, toUtf8Bytes, type Signer } from 'ethers'
import type { ProposalKind, SpendingPayload, TypeRules } from './types'
import { keccak256Bytes, keccak256Hex } from '../signing/native-crypto'

/**
 * EIP-712 for governance. The domain is ours, not a contract's: name "AITBC Treasury Governance", version "1", the
 * chain's id, and verifyingContract = the governance token's address (no contract verifies these signatures on chain;
 * the token is named so a signature is bound to one token on one chain, the token whose past votes weigh it).
 * A vote also names its proposal by id, and that id hashes the whole proposal (snapshot and end blocks included), so
 * a vote can never be carried to another proposal, token or chain.
 */
export const GOVERNANCE_DOMAIN_NAME = 'AITBC Treasury Governance'
export const GOVERNANCE_DOMAIN_VERSION = '1'

export interface GovernanceDomain {
  name: string
  version: string
  chainId: number
  verifyingContract: string
}

export function governanceDomain(chainId: number, token: string): GovernanceDomain {
  return {
    name: GOVERNANCE_DOMAIN_NAME,
    version: GOVERNANCE_DOMAIN_VERSION,
    chainId,
    verifyingContract: getAddress(token),
  }
}

export const EIP712_DOMAIN_TYPE = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
]

/** support: 0 Against, 1 For, 2 Abstain (GovernorCountingSimple). timestamp: seconds, the voter's own clock. */
export const VOTE_TYPES = {
  Vote: [
    { name: 'proposalId', type: 'bytes32' },
    { name: 'support', type: 'uint8' },
    { name: 'voter', type: 'address' },
    { name: 'timestamp', type: 'uint64' },
    { name: 'reason', type: 'string' },
  ],
}

/**
 * Decisions that need an authority (the proposal's author or a council member): cancel a proposal, resolve a
 * dispute, record a non-spending proposal as implemented. `subject` is the proposal id or the dispute's uid.
 */
export const ACTION_TYPES = {
  Action: [
    { name: 'action', type: 'string' },
    { name: 'subject', type: 'bytes32' },
    { name: 'signer', type: 'address' },
    { name: 'note', type: 'string' },
  ],
}

export interface VoteMessage {
  proposalId: string
  support: 0 | 1 | 2
  voter: string
  timestamp: number
  reason: string
}

export interface ActionMessage {
  action: string
  subject: string
  signer: string
  note: string
}

export interface TypedDataPayload<M> {
  types: Record<string, Array<{ name: string; type: string }>>
  primaryType: string
  domain: GovernanceDomain
  message: M
}

/** The eth_signTypedData_v4 payload any wallet can sign. */
export function voteTypedData(domain: GovernanceDomain, message: VoteMessage): TypedDataPayload<VoteMessage> {
  return { types: { EIP712Domain: EIP712_DOMAIN_TYPE, ...VOTE_TYPES }, primaryType: 'Vote', domain, message }
}

export function actionTypedData(domain: GovernanceDomain, message: ActionMessage): TypedDataPayload<ActionMessage> {
  return { types: { EIP712Domain: EIP712_DOMAIN_TYPE, ...ACTION_TYPES }, primaryType: 'Action', domain, message }
}

// Encoders and domain separators are built once: building them per vote costs more than the hash itself.
const voteEncoder = TypedDataEncoder.from(VOTE_TYPES)
const actionEncoder = TypedDataEncoder.from(ACTION_TYPES)
const separators = new Map<string, string>()

/** The EIP-712 domain separator (hashDomain), 0x-hex; built once per distinct domain. */
export function domainSeparator(domain: GovernanceDomain): string {
  const key = `${domain.name}\u0000${domain.version}\u0000${domain.chainId}\u0000${domain.verifyingContract}`
  let separator = separators.get(key)
  if (!separator) {
    separator = TypedDataEncoder.hashDomain(domain)
    separators.set(key, separator)
  }
  return separator
}

export function voteDigest(domain: GovernanceDomain, message: VoteMessage): string {
  return keccak256(concat(['0x1901', domainSeparator(domain), voteEncoder.hash(message)]))
}

const VOTE_TYPEHASH = Buffer.from(
  keccak256(toUtf8Bytes('Vote(bytes32 proposalId,uint8 support,address voter,uint64 timestamp,string reason)')).slice(
    2,
  ),
  'hex',
)
const EMPTY_STRING_HASH = Buffer.from(keccak256('0x').slice(2), 'hex')

/**
 * The same digest as `voteDigest`, written out for the one fixed Vote type: the bulk import path hashes thousands of
 * votes and ethers' generic encoder costs several times the hash itself. A unit test checks both agree on random
 * votes. hashStruct = keccak256(typeHash ‖ proposalId ‖ uint8 ‖ address ‖ uint64 ‖ keccak256(reason)), each word 32 bytes.
 */
export function voteDigestFast(domain: GovernanceDomain, message: VoteMessage): string {
  const struct = Buffer.alloc(192)
  VOTE_TYPEHASH.copy(struct, 0)
  struct.write(message.proposalId.slice(2), 32, 'hex')
  struct[95] = message.support
  struct.write(message.voter.slice(2), 108, 'hex')
  struct.writeBigUInt64BE(BigInt(message.timestamp), 152)
  struct.set(message.reason === '' ? EMPTY_STRING_HASH : keccak256Bytes(toUtf8Bytes(message.reason)), 160)
  const digest = Buffer.alloc(66)
  digest[0] = 0x19
  digest[1] = 0x01
  digest.write(domainSeparator(domain).slice(2), 2, 'hex')
  digest.set(keccak256Bytes(struct), 34)
  return keccak256Hex(digest)
}

export function actionDigest(domain: GovernanceDomain, message: ActionMessage): string {
  return keccak256(concat(['0x1901', domainSeparator(domain), actionEncoder.hash(message)]))
}

type TypedDataSigner = Pick<Signer, 'signTypedData'>

export async function signVote(signer: TypedDataSigner, domain: GovernanceDomain, message: VoteMessage) {
  return signer.signTypedData(domain, VOTE_TYPES, message)
}

export async function signAction(signer: TypedDataSigner, domain: GovernanceDomain, message: ActionMessage) {
  return signer.signTypedData(domain, ACTION_TYPES, message)
}

/** Everything a proposal commits to; its id is keccak256 of this object's RFC 8785 canonical JSON. */
export interface ProposalContent {
  format: 'aitbc-governance-proposal'
  version: 1
  chainId: number
  token: string
  kind: ProposalKind
  title: string
  body: string
  proposer: string
  createdBlock: number
  snapshotBlock: number
  endBlock: number
  rules: TypeRules
  spending: { safe: string; transfers: Array<{ recipient: string; token: string | null; amount: string }> } | null
  createdAt: string
}

export function proposalId(content: ProposalContent): string {
  const canonical = canonicalize(content)
  if (canonical === undefined) throw new Error('proposal content is not JSON-serialisable')
  return keccak256(toUtf8Bytes(canonical))
}

export function spendingToJson(spending: SpendingPayload | null): ProposalContent['spending'] {
  if (!spending) return null
  return {
    safe: spending.safe,
    transfers: spending.transfers.map((t) => ({ recipient: t.recipient, token: t.token, amount: t.amount.toString() })),
  }
}

export function spendingFromJson(json: ProposalContent['spending']): SpendingPayload | null {
  if (!json) return null
  return {
    safe: json.safe,
    transfers: json.transfers.map((t) => ({ recipient: t.recipient, token: t.token, amount: BigInt(t.amount) })),
  }
}
