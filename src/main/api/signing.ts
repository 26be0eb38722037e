import type { Handlers } from './registry'
import { Interface, ZeroAddress } from 'ethers'
import { ApiError } from '../../shared/errors'
import type { RequestView, SigningRequestDoc } from '../../shared/contract'
import { getActiveChain } from '../core/chain'
import { listTokens } from '../core/tokens'
import { getSafe, listSafes } from '../core/safe'
import { WORKSPACE_USER, type CoreContext } from '../core/workspace'
import {
  bundleFileName,
  checkSignatureBundle,
  checkSigningRequest,
  createSigningRequest,
  exported,
  getSigningRequest,
  hasDanger,
  hasSignature,
  joinQrParts,
  knownMultiSend,
  listSignatures,
  listSigningRequests,
  readDocument,
  readSafeState,
  recoverSafeSigner,
  refuseIfExecuted,
  requestFileName,
  requestSummary,
  requestView,
  resolveSafeState,
  saveSigningRequest,
  reviewRequest,
  signSafeTx,
  signatureBundle,
  stateFromRequest,
  storeSignature,
  toJson,
  workspaceReviewEnv,
  workspaceTokens,
  type SafeState,
  type SafeTx,
  type StoredRequest,
} from '../core/signing'
import { joinProposalSignature } from '../core/proposals'
import { importBundle, importSignatures, proposalLink } from '../core/workflows/signatures'
import { firstLine as chainError } from '../core/first-line'
import { activeChain } from './support/active-chain'

const ERC20_TRANSFER = new Interface(['function transfer(address to, uint256 amount)'])

/** A stored request, its hash re-derived on every read: a row edited behind the app's back is refused. */
function stored(ctx: CoreContext, safeTxHash: string): StoredRequest {
  const found = getSigningRequest(ctx.db, safeTxHash)
  if (!found) throw new ApiError('NOT_FOUND', `No signing request ${safeTxHash} in this workspace.`)
  return { ...found, doc: checkSigningRequest(found.doc) }
}

/**
 * The Safe's state for reviewing and signing: chain, else snapshot, else (an offline signer's app that knows
 * nothing) what the request states, labelled 'request'. Importing signatures never uses the last one.
 */
async function reviewState(ctx: CoreContext, doc: SigningRequestDoc): Promise<SafeState> {
  const state = await resolveSafeState(ctx.db, doc.chainId, doc.safe)
  return state.source === 'none' ? stateFromRequest(doc) : state
}

async function view(ctx: CoreContext, request: StoredRequest, state?: SafeState): Promise<RequestView> {
  return requestView(ctx.db, request, state ?? (await reviewState(ctx, request.doc)))
}

function subject(doc: Pick<SigningRequestDoc, 'chainId' | 'safe' | 'safeTxHash'>): string {
  return `safetx:${doc.chainId}:${doc.safe}:${doc.safeTxHash}`
}

export const signingHandlers: Handlers<
  | 'signing.createRequest'
  | 'signing.list'
  | 'signing.get'
  | 'signing.import'
  | 'signing.importSignatures'
  | 'signing.exportRequest'
  | 'signing.exportSignature'
  | 'signing.sign'
> = {
  'signing.createRequest': async ({ safe: safeInput, tx, nonce, description }, { ctx }) => {
    const chain = activeChain(ctx)
    const safe = safeInput ?? listSafes(ctx.db, chain.chainId)[0]?.address
    if (!safe) throw new ApiError('NOT_FOUND', 'This workspace has no Safe yet. Add one by address.')
    if (!getSafe(ctx.db, chain.chainId, safe)) throw new ApiError('NOT_FOUND', `Safe ${safe} is not in this workspace.`)
    let live: Awaited<ReturnType<typeof readSafeState>>
    try {
      live = await readSafeState(chain, safe)
    } catch (error) {
      throw new ApiError('CHAIN_ERROR', `Safe ${safe} could not be read from the chain: ${chainError(error)}`)
    }
    let fields: Omit<SafeTx, 'nonce'>
    const zero = ZeroAddress
    if (tx.kind === 'transfer') {
      if (tx.token && !listTokens(ctx.db, chain.chainId).some((t) => t.address === tx.token))
        throw new ApiError('BAD_INPUT', `Token ${tx.token} is not in this workspace: add it before sending it.`)
      fields = tx.token
        ? {
            to: tx.token,
            value: '0',
            data: ERC20_TRANSFER.encodeFunctionData('transfer', [tx.to, tx.amount]) as `0x${string}`,
            operation: 0,
            safeTxGas: '0',
            baseGas: '0',
            gasPrice: '0',
            gasToken: zero,
            refundReceiver: zero,
          }
        : {
            to: tx.to,
            value: tx.amount,
            data: '0x',
            operation: 0,
            safeTxGas: '0',
            baseGas: '0',
            gasPrice: '0',
            gasToken: zero,
            refundReceiver: zero,
          }
    } else {
      fields = {
        to: tx.to,
        value: tx.value,
        data: tx.data,
        operation: tx.operation,
        safeTxGas: tx.safeTxGas ?? '0',
        baseGas: tx.baseGas ?? '0',
        gasPrice: tx.gasPrice ?? '0',
        gasToken: tx.gasToken ?? zero,
        refundReceiver: tx.refundReceiver ?? zero,
      }
    }
    const useNonce = nonce ?? live.nonce.toString()
    if (BigInt(useNonce) < live.nonce)
      throw new ApiError('BAD_INPUT', `Nonce ${useNonce} is already used: the Safe is at nonce ${live.nonce}.`)
    const doc = createSigningRequest({
      chainId: chain.chainId,
      safe,
      safeVersion: live.version,
      safeTx: { ...fields, nonce: useNonce },
      description,
      context: {
        owners: live.owners,
        threshold: live.threshold,
        safeNonce: live.nonce.toString(),
        asOf: new Date().toISOString(),
      },
      tokens: workspaceTokens(ctx.db, chain.chainId),
      multiSend: knownMultiSend(chain.chainId, chain.contractNetwork),
      createdBy: `AITBC Treasury ${ctx.appVersion}`,
    })
    const state: SafeState = { source: 'chain', nonce: live.nonce, owners: live.owners, threshold: live.threshold }
    const existing = getSigningRequest(ctx.db, doc.safeTxHash)
    if (existing) return view(ctx, existing, state)
    ctx.mutate(
      {
        actor: WORKSPACE_USER,
        action: 'signing.request-created',
        subject: subject(doc),
        payload: {
          nonce: doc.safeTx.nonce,
          description: doc.description ?? null,
          to: doc.safeTx.to,
          value: doc.safeTx.value,
          operation: doc.safeTx.operation,
          transfers: doc.summary.transfers.map((t) => ({
            recipient: t.recipient,
            token: t.token.address,
            amount: t.amount,
          })),
        },
      },
      () => saveSigningRequest(ctx.db, doc, 'created'),
    )
    return view(ctx, getSigningRequest(ctx.db, doc.safeTxHash)!, state)
  },

  'signing.list': ({ safe }, { ctx }) => {
    // Without a chain (an offline signer's app) every imported request is listed.
    const chain = getActiveChain(ctx.db)
    return listSigningRequests(ctx.db, chain?.chainId, chain ? safe : undefined).map((r) =>
      requestSummary(ctx.db, r, getSafe(ctx.db, r.doc.chainId, r.doc.safe)?.snapshot?.threshold ?? null),
    )
  },

  'signing.get': ({ safeTxHash }, { ctx }) => view(ctx, stored(ctx, safeTxHash)),

  'signing.import': async ({ text, qrParts }, { ctx }) => {
    const raw = text ?? joinQrParts(qrParts ?? [])
    const { kind, value } = readDocument(raw)
    if (kind === 'request') {
      const doc = checkSigningRequest(value)
      const existing = getSigningRequest(ctx.db, doc.safeTxHash)
      if (existing) return { kind, view: await view(ctx, existing) }
      ctx.mutate(
        {
          actor: WORKSPACE_USER,
          action: 'signing.request-imported',
          subject: subject(doc),
          payload: { nonce: doc.safeTx.nonce, description: doc.description ?? null, createdBy: doc.createdBy },
        },
        () => saveSigningRequest(ctx.db, doc, 'imported'),
      )
      return { kind, view: await view(ctx, getSigningRequest(ctx.db, doc.safeTxHash)!) }
    }
    const { found, state, signer } = await importBundle(ctx, checkSignatureBundle(value))
    return { kind, view: await view(ctx, found, state), signer }
  },

  'signing.importSignatures': (input, { ctx }) => importSignatures(ctx, input),

  'signing.exportRequest': ({ safeTxHash }, { ctx }) => {
    const { doc } = stored(ctx, safeTxHash)
    return exported(requestFileName(doc), toJson(doc))
  },

  'signing.exportSignature': ({ safeTxHash, signer }, { ctx }) => {
    const { doc } = stored(ctx, safeTxHash)
    const signature = listSignatures(ctx.db, doc.safeTxHash).find((s) => s.signer === signer)
    if (!signature) throw new ApiError('NOT_FOUND', `No signature by ${signer} for this transaction.`)
    const bundle = signatureBundle(doc, signer, signature.signature, new Date(signature.addedAt))
    return exported(bundleFileName(bundle), toJson(bundle))
  },

  'signing.sign': async ({ safeTxHash, signer, acceptWarnings }, services) => {
    const { ctx, keys } = services
    const request = stored(ctx, safeTxHash)
    const doc = request.doc
    const wallet = keys.wallet(signer)
    const state = await reviewState(ctx, doc)
    if (state.owners && !state.owners.includes(signer))
      throw new ApiError(
        'BAD_INPUT',
        `${signer} is not an owner of Safe ${doc.safe} (owners as read from the ${state.source}): its signature would not count.`,
      )
    if (!hasSignature(ctx.db, doc.safeTxHash, signer)) {
      // Not a warning to accept: a signature for an executed transaction never counts (the request's own context
      // holds the nonce when it was made, not now, so only the chain or a synced snapshot decides).
      refuseIfExecuted(ctx.db, doc, doc.safeTxHash, state.source === 'request' ? null : state.nonce, proposalLink)
      const review = reviewRequest(doc, workspaceReviewEnv(ctx.db, doc, state, signer))
      if (hasDanger(review) && !acceptWarnings)
        throw new ApiError(
          'CONFLICT',
          `This transaction has warnings that need your confirmation before signing: ${review.warnings
            .filter((w) => w.severity === 'danger')
            .map((w) => w.message)
            .join(' ')}`,
          { warnings: review.warnings },
        )
      const signature = await signSafeTx(wallet, doc.chainId, doc.safe, doc.safeTx)
      const recovered = recoverSafeSigner(doc.safeTxHash, signature)
      if (recovered.signer !== signer) throw new Error('a fresh signature did not recover to its signer')
      ctx.mutate(
        {
          actor: signer,
          action: 'signature.signed',
          subject: subject(doc),
          payload: {
            signer,
            nonce: doc.safeTx.nonce,
            warningsAccepted: review.warnings.filter((w) => w.severity === 'danger').map((w) => w.code),
          },
        },
        () => {
          storeSignature(ctx.db, {
            safeTxHash: doc.safeTxHash,
            signer,
            chainId: doc.chainId,
            safe: doc.safe,
            signature,
            kind: 'eip712',
            source: 'local',
          })
          // The proposal of this hash (if any) takes the signature in the same transaction.
          joinProposalSignature(ctx.db, { ...doc, signature, source: 'local' })
        },
      )
    }
    const saved = listSignatures(ctx.db, doc.safeTxHash).find((s) => s.signer === signer)!
    const bundle = signatureBundle(doc, signer, saved.signature, new Date(saved.addedAt))
    return { view: await view(ctx, request, state), bundle: await exported(bundleFileName(bundle), toJson(bundle)) }
  },
}
