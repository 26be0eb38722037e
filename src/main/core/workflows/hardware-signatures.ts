import { TypedDataEncoder, recoverAddress } from 'ethers'
import { ApiError } from '../../../shared/errors'
import type { CouncilActRequest } from '../../../shared/contract/council'
import type { SigningRequestDoc } from '../../../shared/contract/signing'
import type { CoreContext } from '../workspace/context'
import { readEthSignature } from '../hardware/ur/signature'
import { getShownRequest, type ShownRequest } from '../hardware/store'
import { requireHardwareSigner, type TypedDataToSign } from '../hardware/qr-signer'
import { safeTxDeviceHashes } from '../hardware/ur/sign-request'
import { ledgerSignHashes, type LedgerOpener } from '../hardware/ledger/device'
import { checkSigningRequest, signatureBundle } from '../signing/documents'
import { getSigningRequest } from '../signing/store'
import { recoverSafeSigner } from '../signing/safe-tx'
import { councilDigest, councilStructHash, councilTypedData } from '../council/typed-data'
import { submitAct } from '../council/acts'
import { importBundle } from './signatures'
import { councilEffects } from './council-acts'

/*
 * A hardware device's signature meets what it signed here: a Safe transaction's is accepted exactly as an imported
 * signature bundle (owner check, refused once executed, joined to its proposal, audited); a council act's is
 * submitted as a member's signature. Either way it must recover to the paired account first.
 */

/** The device's answer to a request this workspace showed (matched by request id), with the signature's signer. */
export function shownAnswer(ctx: CoreContext, parts: string[], kind: ShownRequest['kind']) {
  const answer = readEthSignature(parts)
  const shown = getShownRequest(ctx.db, answer.requestId)
  if (!shown || shown.kind !== kind)
    throw new ApiError(
      'BAD_INPUT',
      `This signature answers request ${answer.requestId}, which this workspace never showed${shown ? ' for this' : ''}: scan the answer to a request made here.`,
    )
  return { answer, shown }
}

export function requireSigner(recovered: string, expected: string, device: string): void {
  if (recovered !== expected)
    throw new ApiError(
      'BAD_INPUT',
      `The ${device} signed with ${recovered}, not the paired account ${expected}, or signed something else: nothing was stored. Check the account chosen on the device.`,
    )
}

function recovered(digest: string, signature: string): string {
  try {
    return recoverSafeSigner(digest, signature).signer
  } catch (error) {
    throw new ApiError('BAD_INPUT', `The device's signature is not valid: ${(error as Error).message}`)
  }
}

/** A QR device's `eth-signature` for a Safe transaction, accepted as an imported signature. */
export async function importQrSignature(ctx: CoreContext, parts: string[]) {
  const { answer, shown } = shownAnswer(ctx, parts, 'safe-tx')
  const stored = getSigningRequest(ctx.db, shown.digest)
  if (!stored) throw new ApiError('NOT_FOUND', `The signing request ${shown.digest} is no longer here.`)
  const doc = checkSigningRequest(stored.doc)
  requireSigner(recovered(doc.safeTxHash, answer.signature), shown.signer, 'device')
  const result = await importBundle(ctx, signatureBundle(doc, shown.signer, answer.signature))
  return { ...result, requestId: answer.requestId }
}

/**
 * Signs a stored request on a Ledger by its EIP-712 hashes (the device shows the two hashes the review shows), checks
 * the signature recovers to the paired account, and accepts it like an imported signature bundle.
 */
export async function signWithLedger(ctx: CoreContext, open: LedgerOpener, doc: SigningRequestDoc, address: string) {
  const signer = requireHardwareSigner(ctx, address, 'usb')
  const { domainHash, messageHash } = safeTxDeviceHashes(doc.chainId, doc.safe, doc.safeTx)
  const signature = await ledgerSignHashes(open, signer.path, domainHash, messageHash)
  requireSigner(recovered(doc.safeTxHash, signature), signer.address, `Ledger (${signer.path})`)
  return importBundle(ctx, signatureBundle(doc, signer.address, signature))
}

/** A council act as typed data for a device (every member signs the same digest). */
export function councilActToSign(request: CouncilActRequest): TypedDataToSign {
  const digest = councilDigest(request.domain, request.message)
  return {
    kind: 'council-act',
    typedData: councilTypedData(request) as TypedDataToSign['typedData'],
    chainId: request.domain.chainId,
    digest,
    domainHash: TypedDataEncoder.hashDomain(request.domain),
    messageHash: councilStructHash(request.message),
    subject: `council-act:${digest}`,
  }
}

/** A QR device's `eth-signature` for a council act: checked against the act's digest and submitted. */
export async function importCouncilQrSignature(ctx: CoreContext, request: CouncilActRequest, parts: string[]) {
  const { answer, shown } = shownAnswer(ctx, parts, 'council-act')
  const digest = councilDigest(request.domain, request.message)
  if (shown.digest !== digest.toLowerCase())
    throw new ApiError('BAD_INPUT', 'This signature answers another council act than the one given.')
  requireSigner(recoverAddress(digest, answer.signature), shown.signer, 'device')
  return submitAct(ctx, councilEffects, request, [{ signer: shown.signer, signature: answer.signature }])
}

/** Signs a council act on a Ledger by its EIP-712 hashes and submits the member's signature. */
export async function signCouncilActWithLedger(
  ctx: CoreContext,
  open: LedgerOpener,
  request: CouncilActRequest,
  address: string,
) {
  const signer = requireHardwareSigner(ctx, address, 'usb')
  const what = councilActToSign(request)
  const signature = await ledgerSignHashes(open, signer.path, what.domainHash, what.messageHash)
  requireSigner(recoverAddress(what.digest, signature), signer.address, `Ledger (${signer.path})`)
  return submitAct(ctx, councilEffects, request, [{ signer: signer.address, signature }])
}
