import { ApiError } from '../../../shared/errors'
import type { ParsedInput } from '../../../shared/contract'
import type { SignatureBundleDoc } from '../../../shared/contract/signing'
import type { CoreContext } from '../workspace/context'
import { checkSigningRequest, parseSignatureBundle } from '../signing/documents'
import { resolveSafeState } from '../signing/safe-state'
import type { SafeState } from '../signing/review'
import { getSigningRequest, type StoredRequest } from '../signing/store'
import {
  acceptSignatureBundle,
  acceptSignatureBundles,
  type BundleToImport,
  type ProposalLink,
} from '../signing/requests'
import { joinProposalSignature, proposalByHash } from '../proposals/lifecycle'
import { proposalSigningRequest } from '../proposals/request'

/*
 * Signatures meet proposals here: a bundle answers a stored signing request or, when there is none, the proposal of
 * the same safeTxHash (whose request is made first); an accepted signature joins that proposal in the same
 * transaction. Signing itself knows nothing of proposals.
 */

/** The proposals side of a signature, for signing: the proposal of a hash, and joining a signature to it. */
export const proposalLink: ProposalLink = { byHash: proposalByHash, join: joinProposalSignature }

/**
 * The stored request a bundle answers; when there is none but a proposal has the bundle's safeTxHash, the
 * proposal's request is stored first (a bundle signed from a request exported elsewhere still finds its proposal).
 */
function requestFor(ctx: CoreContext, bundle: SignatureBundleDoc): StoredRequest | null {
  const found = getSigningRequest(ctx.db, bundle.safeTxHash)
  if (found) return found
  const proposal = proposalByHash(ctx.db, bundle.chainId, bundle.safe, bundle.safeTxHash)
  if (!proposal) return null
  proposalSigningRequest(ctx, proposal.id)
  return getSigningRequest(ctx.db, bundle.safeTxHash)
}

/**
 * Verifies one signature bundle against its request and the Safe's owners and stores it; the proposal of the same
 * safeTxHash takes it in the same transaction (acceptSignatureBundle). Used by the Sign page and the proposal page.
 */
export async function importBundle(
  ctx: CoreContext,
  bundle: SignatureBundleDoc,
): Promise<{ found: StoredRequest; state: SafeState; signer: string }> {
  // The Safe whose owners count: the stored request's (a bundle naming another chain or Safe is refused by the check).
  const target =
    getSigningRequest(ctx.db, bundle.safeTxHash)?.doc ??
    proposalByHash(ctx.db, bundle.chainId, bundle.safe, bundle.safeTxHash)
  if (!target)
    throw new ApiError(
      'NOT_FOUND',
      `No signing request or proposal for transaction ${bundle.safeTxHash} in this workspace: import the request first (or the signature is for another transaction).`,
    )
  const state = await resolveSafeState(ctx.db, target.chainId, target.safe)
  if (!state.owners)
    throw new ApiError(
      'NOT_CONFIGURED',
      `The owners of Safe ${target.safe} are unknown here (the chain did not answer${state.error ? `: ${state.error}` : ''} and nothing was synced): sync the Safe, then import again.`,
    )
  const owners = {
    list: state.owners,
    source: state.source === 'chain' ? 'chain' : 'last synced snapshot',
    nonce: state.nonce,
  }
  // A proposal's request made here and the signature: both stored, or neither (a refused bundle writes nothing).
  return ctx.db.transaction(() => {
    const found = requestFor(ctx, bundle)
    if (!found) throw new ApiError('NOT_FOUND', `No signing request for transaction ${bundle.safeTxHash}.`)
    const accepted = acceptSignatureBundle(ctx, checkSigningRequest(found.doc), bundle, owners, proposalLink)
    return { found, state, signer: accepted.signer }
  })()
}

/**
 * `signing.importSignatures`: a folder of signature bundles, each matched to its stored request (or its proposal's),
 * verified against the Safe's owners, and stored together (acceptSignatureBundles), each joining its proposal.
 */
export async function importSignatures(ctx: CoreContext, { texts, names }: ParsedInput<'signing.importSignatures'>) {
  const name = (i: number) => names?.[i] ?? `Bundle #${i + 1}`
  const owners = new Map<string, BundleToImport['owners']>()
  const items: BundleToImport[] = []
  for (const [i, text] of texts.entries()) {
    let bundle: SignatureBundleDoc
    try {
      bundle = parseSignatureBundle(text)
    } catch (error) {
      throw error instanceof ApiError ? new ApiError(error.code, `${name(i)}: ${error.message}`) : error
    }
    const found = requestFor(ctx, bundle)
    if (!found)
      throw new ApiError(
        'NOT_FOUND',
        `${name(i)}: no signing request for transaction ${bundle.safeTxHash} in this workspace: import the request first.`,
      )
    const key = `${found.doc.chainId}:${found.doc.safe}`
    if (!owners.has(key)) {
      const state = await resolveSafeState(ctx.db, found.doc.chainId, found.doc.safe)
      if (!state.owners)
        throw new ApiError(
          'NOT_CONFIGURED',
          `The owners of Safe ${found.doc.safe} are unknown here: sync the Safe first.`,
        )
      owners.set(key, {
        list: state.owners,
        source: state.source === 'chain' ? 'chain' : 'last synced snapshot',
        nonce: state.nonce,
      })
    }
    // The stored request was checked when it was stored; its hash is re-derived from its fields in the check.
    items.push({ request: found.doc, bundle, owners: owners.get(key)!, name: name(i) })
  }
  return {
    accepted: (await acceptSignatureBundles(ctx, items, proposalLink)).map((s) => ({
      safeTxHash: s.safeTxHash,
      signer: s.signer,
    })),
  }
}
