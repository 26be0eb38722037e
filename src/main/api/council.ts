import type { Handlers } from './registry'
import { requireChain } from '../core/chain'
import { councilNow, importSignature, listActViews, requestAct, signAndSubmit, submitAct } from '../core/council'
import { councilEffects } from '../core/workflows/council-acts'

export const councilHandlers: Handlers<
  'council.get' | 'council.request' | 'council.sign' | 'council.submit' | 'council.importSignature' | 'council.acts'
> = {
  'council.get': (_input, { ctx }) => councilNow(ctx.db, requireChain(ctx.db)),
  'council.request': (input, { ctx }) => requestAct(ctx, councilEffects, input),
  // The member's unlocked key signs here, in the main process; LOCKED or NOT_FOUND tell the user to unlock it.
  'council.sign': ({ request, signer }, { ctx, keys }) =>
    signAndSubmit(ctx, councilEffects, keys.wallet(signer), request),
  'council.submit': ({ request, signatures }, { ctx }) => submitAct(ctx, councilEffects, request, signatures),
  'council.importSignature': ({ text }, { ctx }) => importSignature(ctx, councilEffects, text),
  'council.acts': (filter, { ctx }) => listActViews(ctx, filter),
}
