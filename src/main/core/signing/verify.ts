import { getAddress as ethersGetAddress } from 'ethers'
import { ApiError } from '../../../shared/errors'
import type { SignatureBundleDoc, SigningRequestDoc } from '../../../shared/contract/signing'
import { safeSignatureParts, safeTxHash, type SafeSignatureParts, type SignatureKind } from './safe-tx'
import { recoverOne } from './recover-pool'

/**
 * Checks a signature bundle against the request it answers, from the request's fields alone: same chain, same
 * Safe, the hash re-derived, and the signature recovering to the signer it names. Owner membership is checked by
 * the caller (it needs the Safe's owners: chain or snapshot). Throws ApiError('BAD_INPUT') naming the mismatch.
 */
export function verifyBundle(
  request: Pick<SigningRequestDoc, 'chainId' | 'safe' | 'safeTx'>,
  bundle: SignatureBundleDoc,
  derivedHash = safeTxHash(request.chainId, request.safe, request.safeTx),
): { signer: string; kind: SignatureKind } {
  const parts = bundleSignatureParts(request, bundle, derivedHash)
  return checkRecovered(bundle, parts.kind, recoverOne(parts))
}

/** The checks that need no recovery: chain, Safe, hash, and a readable ECDSA signature. */
export function bundleSignatureParts(
  request: Pick<SigningRequestDoc, 'chainId' | 'safe' | 'safeTx'>,
  bundle: SignatureBundleDoc,
  derivedHash: string,
): Extract<SafeSignatureParts, { kind: 'eip712' | 'eth_sign' }> {
  if (bundle.chainId !== request.chainId)
    throw new ApiError(
      'BAD_INPUT',
      `Wrong chain: the signature is for chain ${bundle.chainId}, the request for chain ${request.chainId}.`,
    )
  if (getAddress(bundle.safe) !== getAddress(request.safe))
    throw new ApiError(
      'BAD_INPUT',
      `Wrong Safe: the signature is for Safe ${bundle.safe}, the request for Safe ${request.safe}.`,
    )
  if (bundle.safeTxHash.toLowerCase() !== derivedHash)
    throw new ApiError(
      'BAD_INPUT',
      `Hash mismatch: the signature is for transaction ${bundle.safeTxHash}, the request's fields hash to ${derivedHash}.`,
    )
  let parts: SafeSignatureParts
  try {
    parts = safeSignatureParts(derivedHash, bundle.signature)
  } catch (error) {
    throw new ApiError('BAD_INPUT', `The signature cannot be read: ${error instanceof Error ? error.message : error}.`)
  }
  if (parts.kind === 'approved_hash')
    throw new ApiError(
      'BAD_INPUT',
      'An approved-hash signature (v = 1) proves nothing by itself: it must be checked on chain, not imported from a file.',
    )
  return parts
}

/** Compares the recovered address (null = not a valid signature) with the signer the bundle names. */
export function checkRecovered(
  bundle: SignatureBundleDoc,
  kind: 'eip712' | 'eth_sign',
  recovered: string | null,
): { signer: string; kind: SignatureKind } {
  if (recovered === null) throw new ApiError('BAD_INPUT', 'The signature cannot be read: it is not a valid signature.')
  if (recovered !== getAddress(bundle.signer))
    throw new ApiError(
      'BAD_INPUT',
      `The signature was not made by ${bundle.signer} over this transaction: it recovers to ${recovered}. It may have been made for another transaction, chain or Safe.`,
      { recovered },
    )
  return { signer: recovered, kind }
}

const checksums = new Map<string, string>()

/**
 * ethers' getAddress (EIP-55, throwing on a bad address or checksum), remembered per spelling: a 1,000-bundle
 * import checks the same Safe, signers and owners a thousand times, and each check is a keccak.
 */
function getAddress(address: string): string {
  let known = checksums.get(address)
  if (known === undefined) {
    known = ethersGetAddress(address)
    if (checksums.size >= 4096) checksums.clear()
    checksums.set(address, known)
  }
  return known
}

export function requireOwner(signer: string, owners: string[], safe: string, source: string): void {
  if (!owners.some((o) => getAddress(o) === getAddress(signer)))
    throw new ApiError(
      'BAD_INPUT',
      `${signer} is not an owner of Safe ${safe} (owners as read from the ${source}): its signature does not count.`,
    )
}
