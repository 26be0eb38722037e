import { ApiError } from '../../../shared/errors'
import type { CoreContext } from '../workspace/context'
import { readEthSignature } from '../hardware/ur/signature'
import { getShownRequest } from '../hardware/store'
import { checkSigningRequest, signatureBundle } from '../signing/documents'
import { getSigningRequest } from '../signing/store'
import { recoverSafeSigner } from '../signing/safe-tx'
import { importBundle } from './signatures'
import type { SigningRequestDoc } from '../../../shared/contract/signing'
import { requireHardwareSigner } from '../hardware/qr-signer'
import { safeTxDeviceHashes } from '../hardware/ur/sign-request'
import { ledgerSignHashes, type LedgerOpener } from '../hardware/ledger/device'

/**
 * A QR device's `eth-signature`: matched by its request id to a request this workspace showed, recovered to the
 * paired signer, then accepted exactly as an imported signature bundle (owner check, proposal joined, audited).
 */
export async function importQrSignature(ctx: CoreContext, parts: string[]) {
  const answer = readEthSignature(parts)
  const shown = getShownRequest(ctx.db, answer.requestId)
  if (!shown)
    throw new ApiError(
      'BAD_INPUT',
      `This signature answers request ${answer.requestId}, which this workspace never showed: scan the answer to a request made here.`,
    )
  const stored = getSigningRequest(ctx.db, shown.safeTxHash)
  if (!stored) throw new ApiError('NOT_FOUND', `The signing request ${shown.safeTxHash} is no longer here.`)
  const doc = checkSigningRequest(stored.doc)
  let recovered: string
  try {
    recovered = recoverSafeSigner(doc.safeTxHash, answer.signature).signer
  } catch (error) {
    throw new ApiError('BAD_INPUT', `The device's signature is not valid: ${(error as Error).message}`)
  }
  if (recovered !== shown.signer)
    throw new ApiError(
      'BAD_INPUT',
      `The device signed with ${recovered}, not the paired account ${shown.signer}, or signed something else: nothing was stored. Check the account chosen on the device.`,
    )
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
  const recovered = recoverSafeSigner(doc.safeTxHash, signature).signer
  if (recovered !== signer.address)
    throw new ApiError(
      'BAD_INPUT',
      `The Ledger signed with ${recovered}, not ${signer.address} at ${signer.path}: is it the same device (and passphrase)? Nothing was stored.`,
    )
  return importBundle(ctx, signatureBundle(doc, signer.address, signature))
}
