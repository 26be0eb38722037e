import type { Handlers } from './registry'
import { ApiError } from '../../shared/errors'
import { getActiveChain, type ChainRecord } from '../core/chain'
import { listSafes } from '../core/safe'
import { WORKSPACE_USER, type CoreContext } from '../core/workspace'
import {
  approveOnChain,
  attachSignature,
  cancelProposalById,
  createProposalFromInput,
  executeProposal,
  importTxBuilder,
  listCategories,
  listProposals,
  proposalDetail,
  proposalSigningRequest,
  rejectProposal,
  requireProposal,
  signProposal,
  simulateProposalById,
  submitProposal,
  suggestNonce,
  syncProposals,
  toTxBuilderBatch,
  updateProposal,
} from '../core/proposals'
import { getSafe } from '../core/safe'
import { draftReadySpending } from '../core/workflows/governance-spending'
import { payingSigner } from './support/payer'
import { activeChain } from './support/active-chain'
import { exported, parseSignatureBundle, requestFileName, toJson } from '../core/signing'
import { importBundle } from '../core/workflows/signatures'
import { syncWithService } from '../core/txservice'

function defaultSafe(ctx: CoreContext, chain: ChainRecord, safe?: string): string {
  const target = safe ?? listSafes(ctx.db, chain.chainId)[0]?.address
  if (!target) throw new ApiError('NOT_FOUND', 'This workspace has no Safe yet. Add one by address.')
  return target
}

export const proposalHandlers: Handlers<
  | 'proposals.list'
  | 'proposals.get'
  | 'proposals.create'
  | 'proposals.update'
  | 'proposals.submit'
  | 'proposals.cancel'
  | 'proposals.reject'
  | 'proposals.addSignature'
  | 'proposals.sign'
  | 'proposals.exportSigningRequest'
  | 'proposals.importSignatureBundle'
  | 'proposals.approveOnChain'
  | 'proposals.simulate'
  | 'proposals.execute'
  | 'proposals.sync'
  | 'proposals.importTxBuilder'
  | 'proposals.exportTxBuilder'
> = {
  'proposals.list': (input, { ctx }) => {
    const chain = getActiveChain(ctx.db)
    if (!chain) return { rows: [], total: 0, nonce: null, categories: [] }
    const onChains = input.allChains ? null : chain.chainId
    const threshold = (chainId: number, safe: string) => getSafe(ctx.db, chainId, safe)?.snapshot?.threshold ?? 0
    const { rows, total } = listProposals(ctx.db, onChains, input, threshold)
    let nonce = null
    // Nonce figures belong to one Safe of the active chain (where new proposals go): the filtered one, or the only one.
    const safes = listSafes(ctx.db, chain.chainId)
    const safe = input.safe ?? (safes.length === 1 ? safes[0].address : undefined)
    const snapshot = safe ? getSafe(ctx.db, chain.chainId, safe)?.snapshot : null
    if (safe && snapshot)
      nonce = {
        onChain: snapshot.nonce,
        suggested: suggestNonce(ctx.db, chain.chainId, safe, snapshot.nonce),
        asOf: snapshot.asOf,
      }
    return { rows, total, nonce, categories: listCategories(ctx.db, onChains) }
  },

  'proposals.get': ({ id }, { ctx }) => proposalDetail(ctx.db, id),

  'proposals.create': async (input, { ctx }) => {
    const chain = activeChain(ctx)
    const p = await createProposalFromInput(ctx, chain, input)
    return proposalDetail(ctx.db, p.id)
  },

  'proposals.update': ({ id, ...fields }, { ctx }) => {
    const p = requireProposal(ctx.db, id)
    if (['executed', 'failed', 'replaced', 'cancelled'].includes(p.status))
      throw new ApiError('CONFLICT', `Proposal #${id} is ${p.status}: its record is closed.`)
    const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
    if (Object.keys(changes).length === 0) return proposalDetail(ctx.db, id)
    ctx.mutate(
      { actor: WORKSPACE_USER, action: 'proposal.updated', subject: `proposal:${id}`, payload: { changes } },
      () => updateProposal(ctx.db, id, changes),
    )
    return proposalDetail(ctx.db, id)
  },

  'proposals.submit': ({ id }, { ctx }) => {
    ctx.mutate({ actor: WORKSPACE_USER, action: 'proposal.submitted', subject: `proposal:${id}` }, () =>
      submitProposal(ctx.db, id),
    )
    return proposalDetail(ctx.db, id)
  },

  'proposals.cancel': ({ id, reason }, { ctx }) => {
    cancelProposalById(ctx, id, reason ?? null)
    return proposalDetail(ctx.db, id)
  },

  'proposals.reject': async ({ id, title }, { ctx }) => {
    const rejection = await rejectProposal(ctx, activeChain(ctx), id, title)
    return proposalDetail(ctx.db, rejection.id)
  },

  'proposals.addSignature': ({ id, signature, signer, safeTxHash }, { ctx }) => {
    attachSignature(ctx, id, { signature, signer, safeTxHash, source: 'bundle' })
    return proposalDetail(ctx.db, id)
  },

  'proposals.exportSigningRequest': ({ id }, { ctx }) => {
    const doc = proposalSigningRequest(ctx, id)
    return exported(requestFileName(doc), toJson(doc))
  },

  'proposals.importSignatureBundle': async ({ id, text }, { ctx }) => {
    const p = requireProposal(ctx.db, id)
    const bundle = parseSignatureBundle(text)
    if (bundle.safeTxHash.toLowerCase() !== p.safeTxHash || bundle.chainId !== p.chainId)
      throw new ApiError(
        'BAD_INPUT',
        `This signature is for transaction ${bundle.safeTxHash} on chain ${bundle.chainId}, not proposal #${id} (${p.safeTxHash}).`,
      )
    if (p.status !== 'awaiting_signatures' && p.status !== 'ready')
      throw new ApiError('CONFLICT', `Proposal #${id} is ${p.status.replace('_', ' ')}: it takes no signatures now.`)
    await importBundle(ctx, bundle)
    return proposalDetail(ctx.db, id)
  },

  'proposals.sign': async ({ id, signer }, { ctx, keys }) => {
    if (!keys) throw new ApiError('LOCKED', `Unlock the key of ${signer} to sign: no key store is open.`)
    const wallet = keys.wallet(signer)
    await signProposal(ctx, id, wallet)
    return proposalDetail(ctx.db, id)
  },

  'proposals.approveOnChain': async ({ id, owner }, services) => {
    const { ctx } = services
    const chain = activeChain(ctx)
    requireProposal(ctx.db, id)
    const payer = await payingSigner(services, chain, owner)
    try {
      await approveOnChain(ctx, chain, id, payer.signer)
    } finally {
      payer.close()
    }
    return proposalDetail(ctx.db, id)
  },

  'proposals.simulate': async ({ id, executor }, services) => {
    const { ctx } = services
    const chain = activeChain(ctx)
    let from = executor ?? null
    if (!from) {
      // Simulate from whoever would execute: the same default account execute() uses, when one is available.
      try {
        const payer = await payingSigner(services, chain)
        from = payer.address
        payer.close()
      } catch {
        from = null
      }
    }
    await simulateProposalById(ctx, chain, id, from)
    return proposalDetail(ctx.db, id)
  },

  'proposals.execute': async ({ id, executor }, services) => {
    const { ctx } = services
    const chain = activeChain(ctx)
    requireProposal(ctx.db, id)
    const payer = await payingSigner(services, chain, executor)
    try {
      await executeProposal(ctx, chain, id, payer.signer, payer.kind)
    } finally {
      payer.close()
    }
    return proposalDetail(ctx.db, id)
  },

  'proposals.sync': async ({ safe }, { ctx }) => {
    const chain = activeChain(ctx)
    const target = defaultSafe(ctx, chain, safe)
    const report = await syncProposals(ctx, chain, target)
    // Passed spending votes past their timelock join the queue as Safe proposals (best effort: the explicit
    // governance action reports why one cannot be drafted).
    await draftReadySpending(ctx, chain, target).catch(() => [])
    // The Safe Transaction Service, where one is set for the chain: pulled and posted, never failing the sync.
    await syncWithService(ctx, chain, target)
    return report
  },

  'proposals.importTxBuilder': async (input, { ctx }) => {
    const chain = activeChain(ctx)
    const { preview, proposal } = await importTxBuilder(ctx, chain, input)
    return { preview, proposal: proposal ? proposalDetail(ctx.db, proposal.id) : null }
  },

  'proposals.exportTxBuilder': ({ id }, { ctx }) => {
    const p = requireProposal(ctx.db, id)
    const batch = toTxBuilderBatch(p)
    const slug =
      p.title
        .replace(/[^A-Za-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 40) || 'batch'
    return { fileName: `proposal-${p.id}-${slug}.json`, json: JSON.stringify(batch, null, 2) }
  },
}
