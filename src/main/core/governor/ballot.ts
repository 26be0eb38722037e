// castVoteBySig ballots (OpenZeppelin Governor 4.x): a holder signs Ballot(proposalId, support) with EIP-712 on an
// offline machine; the signature travels as a file and anyone relays it. The Governor recovers the voter from the
// signature, so the relayer pays the gas and cannot change the vote.
import { Signature, TypedDataEncoder, getAddress, verifyTypedData, type Signer, type TypedDataDomain } from 'ethers'
import { BALLOT_FORMAT, ballotFileSchema, type BallotFile } from '../../../shared/contract/governor'
import { ApiError } from '../../../shared/errors'
import { joinQrParts, qrImages, splitQrParts } from '../signing/qr'

export const BALLOT_TYPES = {
  Ballot: [
    { name: 'proposalId', type: 'uint256' },
    { name: 'support', type: 'uint8' },
  ],
}

export interface BallotDomainInput {
  chainId: number
  governor: string
  /** Governor.name() and version(): the EIP-712 domain's name and version. */
  name: string
  version: string
}

export const ballotDomain = (d: BallotDomainInput): TypedDataDomain => ({
  name: d.name,
  version: d.version,
  chainId: d.chainId,
  verifyingContract: getAddress(d.governor),
})

export function ballotDigest(d: BallotDomainInput, proposalId: bigint, support: number): string {
  return TypedDataEncoder.hash(ballotDomain(d), BALLOT_TYPES, { proposalId, support })
}

export async function signBallot(
  signer: Pick<Signer, 'signTypedData' | 'getAddress'>,
  d: BallotDomainInput,
  proposalId: bigint,
  support: 0 | 1 | 2,
): Promise<BallotFile> {
  const signature = await signer.signTypedData(ballotDomain(d), BALLOT_TYPES, { proposalId, support })
  return {
    format: BALLOT_FORMAT,
    version: 1,
    chainId: d.chainId,
    governor: getAddress(d.governor),
    governorName: d.name,
    governorVersion: d.version,
    proposalId: proposalId.toString(),
    support,
    voter: await signer.getAddress(),
    digest: ballotDigest(d, proposalId, support),
    signature,
  }
}

/**
 * Re-derives the digest from the fields and recovers the signer: a ballot whose digest, voter or signature does
 * not agree with its fields is refused before anything is sent.
 */
export function verifyBallot(ballot: BallotFile): { voter: string; v: number; r: string; s: string } {
  const d = {
    chainId: ballot.chainId,
    governor: ballot.governor,
    name: ballot.governorName,
    version: ballot.governorVersion,
  }
  const proposalId = BigInt(ballot.proposalId)
  if (ballotDigest(d, proposalId, ballot.support) !== ballot.digest.toLowerCase())
    throw new Error('the ballot digest does not match its fields')
  const recovered = verifyTypedData(
    ballotDomain(d),
    BALLOT_TYPES,
    { proposalId, support: ballot.support },
    ballot.signature,
  )
  if (recovered !== getAddress(ballot.voter))
    throw new Error(`the ballot is signed by ${recovered}, not ${ballot.voter}`)
  const sig = Signature.from(ballot.signature)
  return { voter: recovered, v: sig.v, r: sig.r, s: sig.s }
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
