import type { SigningRequestDoc } from '../../../shared/contract/signing'
import { ApiError } from '../../../shared/errors'
import { getSafe } from '../safe/store'
import { WORKSPACE_USER, type CoreContext } from '../workspace/context'
import { checkSigningRequest, createSigningRequest } from '../signing/documents'
import { knownMultiSend } from '../signing/known'
import { chainById } from '../signing/safe-state'
import { getSigningRequest, hasSignature, saveSigningRequest, storeSignature } from '../signing/store'
import { workspaceTokens } from '../signing/requests'
import { requireProposal } from './lifecycle'
import { listProposalSignatures, type ProposalRecord } from './store'

/**
 * The signing request (docs/SIGNING.md, `aitbc-treasury/signing-request`) of a proposal: the stored one when it was
 * made before, else a new one from the proposal's fixed SafeTx and the Safe's last synced state, stored with the
 * proposal's signatures copied into `signatures` (one transaction, one audit event). Offline signers review and sign
 * it with the Sign page or `treasury inspect|sign`; their bundles come back through `acceptSignatureBundle`.
 */
export function proposalSigningRequest(ctx: CoreContext, id: number): SigningRequestDoc {
  const p = requireProposal(ctx.db, id)
  const existing = getSigningRequest(ctx.db, p.safeTxHash)
  if (existing) return checkSigningRequest(existing.doc)
  const doc = buildProposalRequest(ctx, p)
  if (doc.safeTxHash !== p.safeTxHash) throw new ApiError('INTERNAL', `Proposal #${p.id} no longer matches its hash.`)
  ctx.mutate(
    {
      actor: WORKSPACE_USER,
      action: 'signing.request-created',
      subject: `safetx:${doc.chainId}:${doc.safe}:${doc.safeTxHash}`,
      payload: { proposalId: p.id, nonce: doc.safeTx.nonce, description: doc.description ?? null },
    },
    () => {
      saveSigningRequest(ctx.db, doc, 'created')
      for (const s of listProposalSignatures(ctx.db, p.id))
        if (!hasSignature(ctx.db, doc.safeTxHash, s.signer))
          storeSignature(ctx.db, {
            safeTxHash: doc.safeTxHash,
            signer: s.signer,
            chainId: doc.chainId,
            safe: doc.safe,
            signature: s.signature,
            kind: s.kind,
            source: s.source === 'bundle' ? 'imported' : s.source,
          })
    },
  )
  return doc
}

function buildProposalRequest(ctx: CoreContext, p: ProposalRecord): SigningRequestDoc {
  const snapshot = getSafe(ctx.db, p.chainId, p.safe)?.snapshot
  if (!snapshot)
    throw new ApiError('CHAIN_ERROR', `Safe ${p.safe} has not been read from the chain yet: sync it first.`)
  const chain = chainById(ctx.db, p.chainId)
  return createSigningRequest({
    chainId: p.chainId,
    safe: p.safe,
    safeVersion: snapshot.version,
    safeTx: p.safeTx,
    description: `Proposal #${p.id}: ${p.title}`.slice(0, 500),
    context: {
      owners: snapshot.owners,
      threshold: snapshot.threshold,
      safeNonce: String(snapshot.nonce),
      asOf: snapshot.asOf,
    },
    tokens: workspaceTokens(ctx.db, p.chainId),
    multiSend: knownMultiSend(p.chainId, chain?.contractNetwork),
    createdBy: `AITBC Treasury ${ctx.appVersion}`,
  })
}
