import type { Handlers } from './registry'
import { requireChain } from '../core/chain'
import { councilNow, importSignature, listActViews, requestAct, signAndSubmit, submitAct } from '../core/council'
import { councilEffects } from '../core/workflows/council-acts'
import { qrImages, splitQrParts } from '../core/signing/qr'

type CouncilCalls =
  | 'council.get'
  | 'council.request'
  | 'council.requestQr'
  | 'council.sign'
  | 'council.submit'
  | 'council.importSignature'
  | 'council.acts'

export const councilHandlers: Handlers<CouncilCalls> = {
  'council.get': (_input, { ctx }) => councilNow(ctx.db, requireChain(ctx.db)),
  'council.request': (input, { ctx }) => requestAct(ctx, councilEffects, input),
  'council.requestQr': async ({ request }) => {
    const parts = splitQrParts(JSON.stringify(request))
    return { parts, images: await qrImages(parts) }
  },
  // The member's unlocked key signs here, in the main process; LOCKED or NOT_FOUND tell the user to unlock it.
  'council.sign': ({ request, signer }, { ctx, keys }) =>
    signAndSubmit(ctx, councilEffects, keys.wallet(signer), request),
  'council.submit': ({ request, signatures }, { ctx }) => submitAct(ctx, councilEffects, request, signatures),
  'council.importSignature': ({ text }, { ctx }) => importSignature(ctx, councilEffects, text),
  'council.acts': (filter, { ctx }) => listActViews(ctx, filter),
}
