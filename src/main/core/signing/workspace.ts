import { getAddress } from 'ethers'
import { ApiError } from '../../../shared/errors'
import type {
  RequestSummary,
  RequestView,
  SignatureBundleDoc,
  SigningRequestDoc,
  TokenRef,
} from '../../../shared/contract/signing'
import type { Db } from '../db/open'
import type { CoreContext } from '../workspace/context'
import { listTokens } from '../chain/store'
import { getSafe } from '../safe/store'
import { getSigner } from '../keys/store'
import { knownMultiSend } from './known'
import { chainById } from './safe-state'
import { reviewRequest, type ReviewEnv, type SafeState } from './review'
import { hasSignature, listSignatures, storeSignature, type StoredRequest, type StoredSignature } from './store'
import { requireOwner, verifyBundle } from './verify'
import { safeTxHash } from './safe-tx'

/** Tokens of a chain as the workspace knows them. */
export function workspaceTokens(db: Db, chainId: number): TokenRef[] {
  return listTokens(db, chainId).map((t) => ({
    address: t.address,
    symbol: t.symbol,
    decimals: t.decimals,
    known: true,
  }))
}

/** What this workspace knows to review a request with: its chains, Safes, tokens and MultiSend contracts. */
export function workspaceReviewEnv(db: Db, doc: SigningRequestDoc, state: SafeState, signer?: string): ReviewEnv {
  const chain = chainById(db, doc.chainId)
  return {
    knownChain: chain !== null,
    knownSafe: getSafe(db, doc.chainId, doc.safe) !== null,
    tokens: workspaceTokens(db, doc.chainId),
    multiSend: knownMultiSend(doc.chainId, chain?.contractNetwork),
    state,
    signer,
  }
}

export function requestView(db: Db, stored: StoredRequest, state: SafeState): RequestView {
  const review = reviewRequest(stored.doc, workspaceReviewEnv(db, stored.doc, state))
  const owners = state.owners?.map((o) => getAddress(o)) ?? null
  const signatures = listSignatures(db, stored.doc.safeTxHash).map((s) => ({
    signer: s.signer,
    label: getSigner(db, s.signer)?.label ?? null,
    kind: s.kind,
    source: s.source,
    addedAt: s.addedAt,
    isOwner: owners ? owners.includes(s.signer) : null,
  }))
  return {
    request: stored.doc,
    review,
    origin: stored.origin,
    addedAt: stored.addedAt,
    signatures,
    progress: {
      collected: signatures.filter((s) => s.isOwner !== false).length,
      threshold: state.threshold,
    },
  }
}

export function requestSummary(db: Db, stored: StoredRequest, threshold: number | null): RequestSummary {
  const doc = stored.doc
  const first = doc.summary.calls[0] as { text?: string } | undefined
  return {
    safeTxHash: doc.safeTxHash,
    chainId: doc.chainId,
    safe: doc.safe,
    nonce: doc.safeTx.nonce,
    description: doc.description ?? null,
    text: typeof first?.text === 'string' ? first.text : 'Safe transaction',
    origin: stored.origin,
    addedAt: stored.addedAt,
    signatures: listSignatures(db, doc.safeTxHash).length,
    threshold,
  }
}

/**
 * Verifies a signature bundle against its stored request and the Safe's owners, then stores it with its audit
 * event. Refuses (writing nothing) another chain or Safe, a hash mismatch, a signature that does not recover to
 * its signer, a non-owner, and a signature already stored.
 */
export function acceptSignatureBundle(
  ctx: CoreContext,
  request: SigningRequestDoc,
  bundle: SignatureBundleDoc,
  owners: { list: string[]; source: string },
  derivedHash = safeTxHash(request.chainId, request.safe, request.safeTx),
): StoredSignature {
  const verified = verifyBundle(request, bundle, derivedHash)
  requireOwner(verified.signer, owners.list, request.safe, owners.source)
  if (hasSignature(ctx.db, derivedHash, verified.signer))
    throw new ApiError('CONFLICT', `A signature by ${verified.signer} for this transaction is already stored.`)
  const record = {
    safeTxHash: derivedHash,
    signer: verified.signer,
    chainId: request.chainId,
    safe: request.safe,
    signature: bundle.signature,
    kind: verified.kind,
    source: 'imported' as const,
  }
  ctx.mutate(
    {
      action: 'signature.imported',
      subject: `safetx:${request.chainId}:${request.safe}:${derivedHash}`,
      payload: { signer: verified.signer, kind: verified.kind, nonce: request.safeTx.nonce },
    },
    () => storeSignature(ctx.db, record),
  )
  return { ...record, addedAt: new Date().toISOString() }
}
