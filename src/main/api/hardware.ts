import type { Handlers } from './registry'
import type { HardwareSignerInfo } from '../../shared/contract'
import type { CoreContext } from '../core/workspace'
import { getSigner } from '../core/keys'
import {
  createQrSignRequest,
  listHardwareSigners,
  pairQrSigner,
  previewPairing,
  type HardwareSigner,
} from '../core/hardware'
import { checkSigningRequest, getSigningRequest, requestView } from '../core/signing'
import { proposalSigningRequest, proposalByHash } from '../core/proposals'
import { importQrSignature } from '../core/workflows/hardware-signatures'
import { ApiError } from '../../shared/errors'

function info(ctx: CoreContext, s: HardwareSigner): HardwareSignerInfo {
  return { ...s, label: getSigner(ctx.db, s.address)?.label ?? s.address }
}

export const hardwareHandlers: Handlers<
  'hardware.list' | 'hardware.readPairing' | 'hardware.pairQr' | 'hardware.qrRequest' | 'hardware.qrImportSignature'
> = {
  'hardware.list': (_input, { ctx }) => listHardwareSigners(ctx.db).map((s) => info(ctx, s)),

  'hardware.readPairing': ({ parts }, { ctx }) => {
    const code = previewPairing(ctx, parts)
    return {
      device: code.device,
      sourceFingerprint: code.sourceFingerprint,
      accounts: code.accounts.map((a) => ({ ...a, known: code.known.includes(a.address) })),
    }
  },

  'hardware.pairQr': (input, { ctx }) => info(ctx, pairQrSigner(ctx, input)),

  'hardware.qrRequest': ({ signer, safeTxHash, proposalId }, { ctx }) => {
    let doc
    if (proposalId !== undefined) doc = proposalSigningRequest(ctx, proposalId)
    else {
      const found = getSigningRequest(ctx.db, safeTxHash!)
      if (!found) throw new ApiError('NOT_FOUND', `No signing request ${safeTxHash} in this workspace.`)
      doc = checkSigningRequest(found.doc)
    }
    return createQrSignRequest(ctx, doc, signer)
  },

  'hardware.qrImportSignature': async ({ parts }, { ctx }) => {
    const { found, state, signer, requestId } = await importQrSignature(ctx, parts)
    const proposal = proposalByHash(ctx.db, found.doc.chainId, found.doc.safe, found.doc.safeTxHash)
    return { view: requestView(ctx.db, found, state), signer, requestId, proposalId: proposal?.id ?? null }
  },
}
