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
import { listTokens } from '../tokens/registry'
import { nativeCurrency } from '../tokens/native'
import { getSafe } from '../safe/store'
import { getSigner } from '../keys/store'
import { knownMultiSend } from './known'
import { chainById } from './safe-state'
import { reviewRequest, type ReviewEnv, type SafeState } from './review'
import { hasSignature, listSignatures, storeSignature, type StoredRequest, type StoredSignature } from './store'
import { bundleSignatureParts, checkRecovered, requireOwner, verifyBundle } from './verify'
import { recoverMany } from './recover-pool'
import { safeTxHash } from './safe-tx'

/**
 * What signing needs of the proposals above it, passed in by the flow that joins them (`proposalLink`,
 * core/workflows/signatures.ts): signing itself knows nothing of proposals.
 */
export interface ProposalLink {
  /** The proposal of a safeTxHash on a Safe, with its status, or null. */
  byHash: (db: Db, chainId: number, safe: string, safeTxHash: string) => { id: number; status: string } | null
  /**
   * Where an accepted signature goes next, in the same transaction: the proposal of its safeTxHash takes it.
   * Returns that proposal's id, or null.
   */
  join: (
    db: Db,
    s: { chainId: number; safe: string; safeTxHash: string; signature: string; source: 'local' | 'bundle' },
  ) => number | null
}

/** Tokens of a chain as the workspace knows them. */
export function workspaceTokens(db: Db, chainId: number): TokenRef[] {
  // The native coin first (address null): the decoder names the chain's coin from it.
  const native = nativeCurrency(db, chainId)
  return [
    { address: null, symbol: native.symbol, decimals: native.decimals, known: true },
    ...listTokens(db, chainId).map((t) => ({
      address: t.address,
      symbol: t.symbol,
      decimals: t.decimals,
      known: true,
    })),
  ]
}

/** What this workspace knows to review a request with: its chains, Safes, tokens and MultiSend contracts. */
export function workspaceReviewEnv(db: Db, doc: SigningRequestDoc, state: SafeState, signer?: string): ReviewEnv {
  const chain = chainById(db, doc.chainId)
  // A workspace with no chain at all (an offline signer's) knows nothing to compare with: say so, not "unknown".
  const empty = (db.prepare('SELECT COUNT(*) AS n FROM chains').get() as { n: number }).n === 0
  return {
    knownChain: empty ? null : chain !== null,
    knownSafe: empty ? null : getSafe(db, doc.chainId, doc.safe) !== null,
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
  // Decoded here from the bytes, never the creator's summary text: a list must not say what a request claims.
  const review = reviewRequest(
    doc,
    workspaceReviewEnv(db, doc, { source: 'none', nonce: null, owners: null, threshold }),
  )
  return {
    safeTxHash: doc.safeTxHash,
    chainId: doc.chainId,
    safe: doc.safe,
    nonce: doc.safeTx.nonce,
    description: doc.description ?? null,
    text: review.calls[0]?.text ?? 'Safe transaction',
    dangers: review.warnings.filter((w) => w.severity === 'danger').length,
    origin: stored.origin,
    addedAt: stored.addedAt,
    signatures: listSignatures(db, doc.safeTxHash).length,
    threshold,
  }
}

/** The Safe's owners a signature is checked against, and its nonce when known (chain or last synced snapshot). */
export interface SafeFacts {
  list: string[]
  source: string
  nonce?: bigint | null
}

/**
 * A signature for a transaction that already executed can never count: refused on every signing path (the Sign
 * page, signature bundles, the proposal), whether the workspace saw the execution (its proposal executed or failed
 * on chain) or the Safe's nonce has moved past the request's (executed elsewhere, or replaced).
 */
export function refuseIfExecuted(
  db: Db,
  request: SigningRequestDoc,
  hash: string,
  safeNonce: bigint | null,
  proposals: Pick<ProposalLink, 'byHash'>,
): void {
  const proposal = proposals.byHash(db, request.chainId, request.safe, hash)
  if (proposal && (proposal.status === 'executed' || proposal.status === 'failed'))
    throw new ApiError(
      'CONFLICT',
      `Transaction ${hash} has already been executed on chain (proposal #${proposal.id}, ${proposal.status}): a signature for it can never count. Nothing was stored.`,
    )
  if (safeNonce !== null && BigInt(request.safeTx.nonce) < safeNonce)
    throw new ApiError(
      'CONFLICT',
      `Transaction ${hash} can no longer execute: its nonce ${request.safeTx.nonce} is already used (the Safe is at nonce ${safeNonce}; it executed, or another transaction took its nonce). A signature for it can never count. Nothing was stored.`,
    )
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
  owners: SafeFacts,
  proposals: ProposalLink,
  derivedHash = safeTxHash(request.chainId, request.safe, request.safeTx),
): StoredSignature {
  return storeVerified(
    ctx,
    request,
    bundle,
    checkBundle(ctx, request, bundle, owners, derivedHash, proposals),
    derivedHash,
    proposals,
  )
}

export interface BundleToImport {
  request: SigningRequestDoc
  bundle: SignatureBundleDoc
  owners: SafeFacts
  /** Names the bundle in an error (a file name). */
  name?: string
}

/**
 * Imports many bundles at once (a folder of signature files): every one is verified first, then all are stored in
 * one transaction, each with its own audit event. One bad bundle refuses the lot, naming it; nothing is written.
 */
export async function acceptSignatureBundles(
  ctx: CoreContext,
  items: BundleToImport[],
  proposals: ProposalLink,
): Promise<StoredSignature[]> {
  const named = (i: number, error: unknown): never => {
    if (!(error instanceof ApiError)) throw error
    throw new ApiError(error.code, `${items[i].name ?? `Bundle #${i + 1}`}: ${error.message}`, error.details)
  }
  // Cheap checks first (chain, Safe, hash re-derived, signature readable), then every recovery at once.
  const prepared = items.map((item, i) => {
    const hash = safeTxHash(item.request.chainId, item.request.safe, item.request.safeTx)
    try {
      return { item, hash, parts: bundleSignatureParts(item.request, item.bundle, hash) }
    } catch (error) {
      return named(i, error)
    }
  })
  const recovered = await recoverMany(prepared.map((p) => p.parts))
  const seen = new Set<string>()
  const checked = prepared.map(({ item, hash, parts }, i) => {
    try {
      const verified = checkRecovered(item.bundle, parts.kind, recovered[i])
      refuseIfExecuted(ctx.db, item.request, hash, item.owners.nonce ?? null, proposals)
      requireOwner(verified.signer, item.owners.list, item.request.safe, item.owners.source)
      if (hasSignature(ctx.db, hash, verified.signer))
        throw new ApiError('CONFLICT', `A signature by ${verified.signer} for this transaction is already stored.`)
      const key = `${hash}:${verified.signer}`
      if (seen.has(key)) throw new ApiError('CONFLICT', `A signature by ${verified.signer} appears twice.`)
      seen.add(key)
      return { item, verified, hash }
    } catch (error) {
      return named(i, error)
    }
  })
  return ctx.db.transaction(() =>
    checked.map(({ item, verified, hash }) => storeVerified(ctx, item.request, item.bundle, verified, hash, proposals)),
  )()
}

function checkBundle(
  ctx: CoreContext,
  request: SigningRequestDoc,
  bundle: SignatureBundleDoc,
  owners: SafeFacts,
  derivedHash: string,
  proposals: ProposalLink,
): { signer: string; kind: StoredSignature['kind'] } {
  const verified = verifyBundle(request, bundle, derivedHash)
  refuseIfExecuted(ctx.db, request, derivedHash, owners.nonce ?? null, proposals)
  requireOwner(verified.signer, owners.list, request.safe, owners.source)
  if (hasSignature(ctx.db, derivedHash, verified.signer))
    throw new ApiError('CONFLICT', `A signature by ${verified.signer} for this transaction is already stored.`)
  return verified
}

function storeVerified(
  ctx: CoreContext,
  request: SigningRequestDoc,
  bundle: SignatureBundleDoc,
  verified: { signer: string; kind: StoredSignature['kind'] },
  derivedHash: string,
  proposals: ProposalLink,
): StoredSignature {
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
    (proposalId: number | null) => ({
      actor: verified.signer,
      action: 'signature.imported',
      subject: `safetx:${request.chainId}:${request.safe}:${derivedHash}`,
      payload: { signer: verified.signer, kind: verified.kind, nonce: request.safeTx.nonce, proposalId },
    }),
    () => {
      storeSignature(ctx.db, record)
      // The proposal of this hash (if any) takes the signature in the same transaction.
      return proposals.join(ctx.db, { ...record, source: 'bundle' })
    },
  )
  return { ...record, addedAt: new Date().toISOString() }
}
