import { ApiError } from '../../../shared/errors'
import type { CoreContext } from '../workspace/context'
import { readEthSignature } from '../hardware/ur/signature'
import { getShownRequest } from '../hardware/store'
import { checkSigningRequest, signatureBundle } from '../signing/documents'
import { getSigningRequest } from '../signing/store'
import { recoverSafeSigner } from '../signing/safe-tx'
import { importBundle } from './signatures'

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
