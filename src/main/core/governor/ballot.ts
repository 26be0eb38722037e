// castVoteBySig ballots: a holder signs a Ballot with EIP-712 on an offline machine; the signature travels as a file and
// anyone relays it. The Governor recovers the voter from the signature, so the relayer pays the gas and cannot change
// the vote. OpenZeppelin 4.x signs Ballot(proposalId, support); 5.x adds the voter and a nonce of the Governor's, so a
// relayed ballot cannot be replayed (its nonce is used) and names its voter (5.x also accepts ERC-1271 signers).
import {
  Contract,
  TypedDataEncoder,
  getAddress,
  id,
  verifyTypedData,
  type Provider,
  type Signer,
  type TypedDataDomain,
  type TypedDataField,
} from 'ethers'
import {
  BALLOT_FORMAT,
  ballotFileSchema,
  type BallotFile,
  type BallotFileV2,
  type BallotKind,
} from '../../../shared/contract/governor'
import { ApiError } from '../../../shared/errors'
import { joinQrParts, qrImages, splitQrParts } from '../signing/qr'

export const BALLOT_TYPES: Record<BallotKind, Record<string, TypedDataField[]>> = {
  oz4: {
    Ballot: [
      { name: 'proposalId', type: 'uint256' },
      { name: 'support', type: 'uint8' },
    ],
  },
  oz5: {
    Ballot: [
      { name: 'proposalId', type: 'uint256' },
      { name: 'support', type: 'uint8' },
      { name: 'voter', type: 'address' },
      { name: 'nonce', type: 'uint256' },
    ],
  },
}

/** Each kind's type string as the Governor's source declares it; its keccak256 is what BALLOT_TYPEHASH() answers. */
export const BALLOT_TYPE_STRINGS: Record<BallotKind, string> = {
  oz4: 'Ballot(uint256 proposalId,uint8 support)',
  oz5: 'Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)',
}
export const BALLOT_TYPEHASHES: Record<BallotKind, string> = {
  oz4: id(BALLOT_TYPE_STRINGS.oz4),
  oz5: id(BALLOT_TYPE_STRINGS.oz5),
}

const ballotReader = [
  'function BALLOT_TYPEHASH() view returns (bytes32)',
  'function nonces(address owner) view returns (uint256)',
]

/**
 * The ballot a Governor takes, read from its BALLOT_TYPEHASH constant (4.x and 5.x both expose it). A Governor
 * without it, or with another type, is refused in words: signing a ballot it cannot verify would waste the vote.
 */
export async function readBallotKind(provider: Provider, governor: string): Promise<BallotKind> {
  let typehash: string
  try {
    typehash = (await new Contract(governor, ballotReader, provider).BALLOT_TYPEHASH()) as string
  } catch {
    throw new ApiError('BAD_INPUT', `Governor ${governor} has no BALLOT_TYPEHASH(): it takes no castVoteBySig ballots`)
  }
  const kind = ballotKindOfTypehash(typehash)
  if (!kind)
    throw new ApiError('BAD_INPUT', `Governor ${governor} has a Ballot type this app does not know (${typehash})`)
  return kind
}

export function ballotKindOfTypehash(typehash: string): BallotKind | null {
  const h = typehash.toLowerCase()
  return (Object.keys(BALLOT_TYPEHASHES) as BallotKind[]).find((k) => BALLOT_TYPEHASHES[k] === h) ?? null
}

/** The voter's next ballot nonce on a 5.x Governor (its Nonces, shared with nothing else on the Governor). */
export async function readBallotNonce(provider: Provider, governor: string, voter: string): Promise<bigint> {
  return (await new Contract(governor, ballotReader, provider).nonces(getAddress(voter))) as bigint
}

export interface BallotDomainInput {
  chainId: number
  governor: string
  /** Governor.name() and version(): the EIP-712 domain's name and version. */
  name: string
  version: string
}

/** What the voter signs: a 5.x ballot also names the voter and the nonce. */
export type BallotVote = { proposalId: bigint; support: 0 | 1 | 2 } & (
  { kind: 'oz4' } | { kind: 'oz5'; voter: string; nonce: bigint }
)

export const ballotDomain = (d: BallotDomainInput): TypedDataDomain => ({
  name: d.name,
  version: d.version,
  chainId: d.chainId,
  verifyingContract: getAddress(d.governor),
})

const ballotMessage = (vote: BallotVote): Record<string, unknown> =>
  vote.kind === 'oz4'
    ? { proposalId: vote.proposalId, support: vote.support }
    : { proposalId: vote.proposalId, support: vote.support, voter: getAddress(vote.voter), nonce: vote.nonce }

export function ballotDigest(d: BallotDomainInput, vote: BallotVote): string {
  return TypedDataEncoder.hash(ballotDomain(d), BALLOT_TYPES[vote.kind], ballotMessage(vote))
}

/**
 * A 4.x ballot, or a 5.x one with the nonce the Governor holds for the voter: the signer, or a contract voter
 * (ERC-1271) that accepts the signer's signature.
 */
export type BallotRequest = { proposalId: bigint; support: 0 | 1 | 2 } & (
  { kind: 'oz4' } | { kind: 'oz5'; nonce: bigint; onBehalfOf?: string }
)

export async function signBallot(
  signer: Pick<Signer, 'signTypedData' | 'getAddress'>,
  d: BallotDomainInput,
  request: BallotRequest,
): Promise<BallotFileV2> {
  const key = getAddress(await signer.getAddress())
  const voter = request.kind === 'oz5' && request.onBehalfOf ? getAddress(request.onBehalfOf) : key
  const vote: BallotVote =
    request.kind === 'oz4'
      ? request
      : { kind: 'oz5', proposalId: request.proposalId, support: request.support, voter, nonce: request.nonce }
  const signature = await signer.signTypedData(ballotDomain(d), BALLOT_TYPES[vote.kind], ballotMessage(vote))
  return {
    format: BALLOT_FORMAT,
    version: 2,
    ballotKind: vote.kind,
    chainId: d.chainId,
    governor: getAddress(d.governor),
    governorName: d.name,
    governorVersion: d.version,
    proposalId: request.proposalId.toString(),
    support: request.support,
    voter,
    ...(vote.kind === 'oz5' ? { nonce: vote.nonce.toString() } : {}),
    digest: ballotDigest(d, vote),
    signature,
  }
}

/** The kind and signed fields of a ballot file; a version 1 file is a 4.x ballot. */
export function ballotVoteOf(ballot: BallotFile): BallotVote {
  const common = { proposalId: BigInt(ballot.proposalId), support: ballot.support }
  if (ballot.version === 1 || ballot.ballotKind === 'oz4') return { ...common, kind: 'oz4' }
  if (ballot.nonce === undefined) throw new Error('the 5.x ballot carries no nonce')
  return { ...common, kind: 'oz5', voter: ballot.voter, nonce: BigInt(ballot.nonce) }
}

export const ballotDomainOf = (ballot: BallotFile): BallotDomainInput => ({
  chainId: ballot.chainId,
  governor: ballot.governor,
  name: ballot.governorName,
  version: ballot.governorVersion,
})

export interface VerifiedBallot {
  voter: string
  vote: BallotVote
  /** The key whose ECDSA signature it is; null when the signature is not one (a contract voter's own format). */
  signer: string | null
  /**
   * True when the voter is not the signer: a 5.x Governor then asks the voter contract (ERC-1271), so only the chain
   * can tell whether the ballot is valid.
   */
  needsContractCheck: boolean
}

function recoverSigner(d: BallotDomainInput, vote: BallotVote, signature: string): string | null {
  if (signature.length !== 132) return null
  try {
    return verifyTypedData(ballotDomain(d), BALLOT_TYPES[vote.kind], ballotMessage(vote), signature)
  } catch {
    return null
  }
}

/**
 * Re-derives the digest from the fields and recovers the signer: a ballot whose digest, voter or signature does
 * not agree with its fields is refused before anything is sent. A 5.x ballot naming another voter than its signer
 * is left to the voter contract (needsContractCheck), which the relay asks on chain.
 */
export function verifyBallot(ballot: BallotFile): VerifiedBallot {
  const d = ballotDomainOf(ballot)
  const vote = ballotVoteOf(ballot)
  if (ballotDigest(d, vote) !== ballot.digest.toLowerCase())
    throw new Error('the ballot digest does not match its fields')
  const voter = getAddress(ballot.voter)
  const signer = recoverSigner(d, vote, ballot.signature)
  if (signer === voter) return { voter, vote, signer, needsContractCheck: false }
  if (vote.kind === 'oz4') throw new Error(`the ballot is signed by ${signer ?? 'no key'}, not ${ballot.voter}`)
  return { voter, vote, signer, needsContractCheck: true }
}

const ERC1271_MAGIC = '0x1626ba7e'

/**
 * What a 5.x Governor's SignatureChecker does for a ballot whose signer is not its voter: the voter must be a
 * contract whose isValidSignature(digest, signature) answers the ERC-1271 magic value.
 */
export async function checkContractVoter(provider: Provider, ballot: BallotFile, verified: VerifiedBallot) {
  const signedBy = verified.signer ?? 'no key'
  if ((await provider.getCode(verified.voter)) === '0x')
    throw new ApiError('BAD_INPUT', `the ballot is signed by ${signedBy}, not ${verified.voter}`)
  const wallet = new Contract(
    verified.voter,
    ['function isValidSignature(bytes32 hash, bytes signature) view returns (bytes4)'],
    provider,
  )
  const answer = (await wallet.isValidSignature(ballot.digest, ballot.signature).catch(() => null)) as string | null
  if (answer !== ERC1271_MAGIC)
    throw new ApiError(
      'BAD_INPUT',
      `the ballot is signed by ${signedBy}, not ${verified.voter}, and the contract ${verified.voter} does not accept ` +
        'that signature (ERC-1271)',
    )
}

/** A ballot as the app's multi-part QR codes: the file's JSON, split and drawn. */
export async function ballotQr(ballot: BallotFile): Promise<{ parts: string[]; images: string[] }> {
  const parts = splitQrParts(JSON.stringify(ballot))
  return { parts, images: await qrImages(parts) }
}

/** The ballot carried by scanned QR codes, checked like an imported ballot file. */
export function ballotFromQr(parts: string[]): BallotFile {
  const text = joinQrParts(parts)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new ApiError('BAD_INPUT', 'The QR codes do not hold a ballot (not JSON).')
  }
  const parsed = ballotFileSchema.safeParse(json)
  if (!parsed.success) throw new ApiError('BAD_INPUT', 'The QR codes do not hold a governor ballot.')
  return parsed.data
}
