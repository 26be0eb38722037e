import { getAddress } from 'ethers'
import type { Db } from '../db/open'
import { getSafe } from '../safe/store'
import { recoverSafeSigner, safeTxHash } from '../signing/safe-tx'
import { getSigningRequest, hasSignature, storeSignature } from '../signing/store'
import { ApiError } from '../../../shared/errors'
import {
  FINAL_STATUSES,
  OPEN_STATUSES,
  type ProposalDetail,
  type ProposalExecution,
  type ProposalStatus,
  type SignatureSource,
} from '../../../shared/contract/proposals'
import { withNonce, type BuiltProposal } from './build'
import {
  getProposal,
  highestOpenNonce,
  insertExecution,
  insertProposal,
  insertProposalSignature,
  listExecutions,
  listProposalSignatures,
  openOnNonce,
  updateProposal,
  DuplicateProposalError,
  type ProposalRecord,
} from './store'
import { assertProposalNotDisputed } from './disputes'

export interface SafeState {
  owners: string[]
  threshold: number
  nonce: number
  asOf: string | null
}

/** Owners, threshold and nonce from the Safe's last synced state (callers sync first when online). */
export function safeState(db: Db, chainId: number, safe: string): SafeState {
  const known = getSafe(db, chainId, safe)
  if (!known) throw new ApiError('NOT_FOUND', `Safe ${safe} is not in this workspace.`)
  if (!known.snapshot)
    throw new ApiError('CHAIN_ERROR', `Safe ${safe} has not been read from the chain yet: sync it first.`)
  return {
    owners: known.snapshot.owners,
    threshold: known.snapshot.threshold,
    nonce: known.snapshot.nonce,
    asOf: known.snapshot.asOf,
  }
}

/** After the highest open proposal, never below the Safe's own nonce (Safe{Wallet}'s rule). */
export function suggestNonce(db: Db, chainId: number, safe: string, onChainNonce: number): number {
  const highest = highestOpenNonce(db, chainId, safe)
  return Math.max(onChainNonce, highest === null ? onChainNonce : highest + 1)
}

export function requireProposal(db: Db, id: number): ProposalRecord {
  const p = getProposal(db, id)
  if (!p) throw new ApiError('NOT_FOUND', `There is no proposal #${id}.`)
  return p
}

export interface CreateArgs {
  chainId: number
  safe: string
  built: BuiltProposal
  nonce: number
  title: string
  description?: string
  category?: string | null
  budgetLineId?: string | null
  grantLink?: string | null
  proposer: string
  draft?: boolean
  rejectsId?: number | null
}

/** Stores a new proposal (call inside a mutation). Its nonce may not be below the Safe's. */
export function createProposal(db: Db, args: CreateArgs, now = new Date()): ProposalRecord {
  const state = safeState(db, args.chainId, args.safe)
  if (args.nonce < state.nonce)
    throw new ApiError(
      'CONFLICT',
      `Nonce ${args.nonce} is already used on chain (the Safe is at ${state.nonce}): it could never execute.`,
    )
  const safeTx = withNonce(args.built, args.nonce)
  const hash = safeTxHash(args.chainId, args.safe, safeTx)
  try {
    const id = insertProposal(
      db,
      {
        chainId: args.chainId,
        safe: args.safe,
        kind: args.built.kind,
        title: args.title,
        description: args.description ?? '',
        category: args.category ?? null,
        budgetLineId: args.budgetLineId ?? null,
        grantLink: args.grantLink ?? null,
        proposer: args.proposer,
        status: args.draft ? 'draft' : 'awaiting_signatures',
        safeTx,
        safeTxHash: hash,
        actions: args.built.actions,
        outflows: args.built.outflows,
        multiSend: args.built.multiSend,
        rejectsId: args.rejectsId ?? null,
      },
      now,
    )
    return getProposal(db, id)!
  } catch (error) {
    if (error instanceof DuplicateProposalError)
      throw new ApiError('CONFLICT', `${error.message}: open it instead of proposing it again.`, {
        existingId: error.existingId,
      })
    throw error
  }
}

export interface SignatureInput {
  signature: string
  /** When given, must be the signer the signature recovers to. */
  signer?: string
  source: SignatureSource
}

/**
 * The one way a signature joins a proposal, whatever brought it (a local key, a bundle file, an approveHash read
 * from the chain): it must recover to an owner over this proposal's safeTxHash. Call inside a mutation.
 * Returns false when this owner's signature was already there.
 */
export function addProposalSignature(
  db: Db,
  proposalId: number,
  input: SignatureInput,
  now = new Date(),
): { added: boolean; signer: string; status: ProposalStatus } {
  const p = requireProposal(db, proposalId)
  if (p.status !== 'awaiting_signatures' && p.status !== 'ready')
    throw new ApiError(
      'CONFLICT',
      p.status === 'draft'
        ? `Proposal #${p.id} is a draft: submit it for signatures first.`
        : `Proposal #${p.id} is ${p.status.replace('_', ' ')}: it takes no more signatures.`,
    )
  // An approval already on chain is a fact to record; a new signature is refused while a dispute is open.
  if (input.source !== 'onchain') assertProposalNotDisputed(db, p, 'sign it')
  // The stored hash is re-derived from the stored fields, so a tampered row cannot collect signatures.
  const hash = safeTxHash(p.chainId, p.safe, p.safeTx)
  if (hash !== p.safeTxHash) throw new ApiError('INTERNAL', `Proposal #${p.id} no longer matches its hash.`)
  let recovered: { signer: string; kind: 'eip712' | 'eth_sign' | 'approved_hash' }
  try {
    recovered = recoverSafeSigner(hash, input.signature)
  } catch (error) {
    throw new ApiError('BAD_INPUT', `The signature cannot be read: ${error instanceof Error ? error.message : error}`)
  }
  if (recovered.kind === 'approved_hash' && input.source !== 'onchain')
    throw new ApiError('BAD_INPUT', 'An approved-hash signature (v = 1) counts only once read back from the chain.')
  if (input.signer && getAddress(input.signer) !== recovered.signer)
    throw new ApiError(
      'BAD_INPUT',
      `The signature is by ${recovered.signer}, not ${getAddress(input.signer)}: it was made over another transaction or with another key.`,
    )
  const { owners, threshold } = safeState(db, p.chainId, p.safe)
  if (!owners.includes(recovered.signer))
    throw new ApiError(
      'BAD_INPUT',
      `The signature recovers to ${recovered.signer}, which is not an owner of this Safe (wrong transaction, wrong Safe or wrong chain?).`,
      { recovered: recovered.signer },
    )
  const existing = listProposalSignatures(db, p.id).find((s) => s.signer === recovered.signer)
  if (existing) return { added: false, signer: recovered.signer, status: p.status }
  insertProposalSignature(
    db,
    p.id,
    { signer: recovered.signer, signature: input.signature, kind: recovered.kind, source: input.source },
    now,
  )
  // Mirror: when this transaction also has a signing request (docs/SIGNING.md), its `signatures` row is written in
  // the same transaction, so the Sign page and the proposal never disagree.
  if (getSigningRequest(db, hash) && !hasSignature(db, hash, recovered.signer))
    storeSignature(
      db,
      {
        safeTxHash: hash,
        signer: recovered.signer,
        chainId: p.chainId,
        safe: p.safe,
        signature: input.signature,
        kind: recovered.kind,
        source: input.source === 'bundle' ? 'imported' : input.source,
      },
      now,
    )
  return { added: true, signer: recovered.signer, status: refreshReadiness(db, p.id, owners, threshold, now) }
}

/** The proposal of a Safe transaction (by safeTxHash), if this workspace has one. */
export function proposalByHash(db: Db, chainId: number, safe: string, hash: string): ProposalRecord | null {
  const row = db
    .prepare('SELECT id FROM proposals WHERE chain_id = ? AND safe_address = ? AND safe_tx_hash = ?')
    .get(chainId, getAddress(safe), hash.toLowerCase()) as { id: number } | undefined
  return row ? getProposal(db, row.id) : null
}

/**
 * A signature accepted by the signing flow (a bundle imported, or signed on the Sign page) joins the proposal of the
 * same safeTxHash, when one is open. Call inside the same mutation as the `signatures` write: both stores change
 * together or not at all. Returns the proposal's id, or null when no open proposal has this hash.
 */
export function joinProposalSignature(
  db: Db,
  s: { chainId: number; safe: string; safeTxHash: string; signature: string; source: 'local' | 'bundle' },
  now = new Date(),
): number | null {
  const p = proposalByHash(db, s.chainId, s.safe, s.safeTxHash)
  if (!p || (p.status !== 'awaiting_signatures' && p.status !== 'ready')) return null
  addProposalSignature(db, p.id, { signature: s.signature, source: s.source }, now)
  return p.id
}

/** awaiting ⇄ ready by the count of owner signatures against the threshold. Returns the status after. */
export function refreshReadiness(
  db: Db,
  proposalId: number,
  owners: string[],
  threshold: number,
  now = new Date(),
): ProposalStatus {
  const p = requireProposal(db, proposalId)
  if (p.status !== 'awaiting_signatures' && p.status !== 'ready') return p.status
  const count = listProposalSignatures(db, p.id).filter((s) => owners.includes(s.signer)).length
  const next: ProposalStatus = count >= threshold ? 'ready' : 'awaiting_signatures'
  if (next !== p.status) updateProposal(db, p.id, { status: next }, now)
  return next
}

export function submitProposal(db: Db, id: number, now = new Date()): void {
  const p = requireProposal(db, id)
  if (p.status !== 'draft') throw new ApiError('CONFLICT', `Proposal #${id} is not a draft.`)
  updateProposal(db, id, { status: 'awaiting_signatures' }, now)
}

export function cancelProposal(db: Db, id: number, now = new Date()): void {
  const p = requireProposal(db, id)
  if (!OPEN_STATUSES.includes(p.status)) throw new ApiError('CONFLICT', `Proposal #${id} is already ${p.status}.`)
  updateProposal(db, id, { status: 'cancelled' }, now)
}

/**
 * Records how a proposal's transaction ended. Success or ExecutionFailure both use the nonce up: every other open
 * proposal on it is marked replaced by this one. A reverted transaction changes nothing on chain: the proposal keeps
 * its status and the attempt is kept. Call inside a mutation; returns the ids marked replaced.
 */
export function recordExecution(db: Db, id: number, execution: ProposalExecution, now = new Date()): number[] {
  const p = requireProposal(db, id)
  insertExecution(db, id, execution)
  if (execution.outcome === 'reverted') return []
  updateProposal(db, id, { status: execution.outcome === 'success' ? 'executed' : 'failed' }, now)
  return markNonceUsed(db, p, id, now)
}

/** Every other open proposal on this nonce can never execute now. */
export function markNonceUsed(
  db: Db,
  p: Pick<ProposalRecord, 'chainId' | 'safe' | 'nonce'>,
  byId: number | null,
  now = new Date(),
) {
  const replaced: number[] = []
  for (const other of openOnNonce(db, p.chainId, p.safe, p.nonce)) {
    if (other.id === byId) continue
    updateProposal(db, other.id, { status: 'replaced', replacedById: byId }, now)
    replaced.push(other.id)
  }
  return replaced
}

/** The governance proposal linked to this Safe proposal (governance records the link when it drafts it). */
function governanceLink(db: Db, id: number): string | null {
  const row = db.prepare('SELECT id FROM governance_proposals WHERE safe_proposal_id = ?').get(String(id)) as
    { id: string } | undefined
  return row?.id ?? null
}

/** Everything the detail page shows, including which actions make sense now. */
export function proposalDetail(db: Db, id: number): ProposalDetail {
  const p = requireProposal(db, id)
  let owners: string[] = []
  let threshold = 0
  try {
    ;({ owners, threshold } = safeState(db, p.chainId, p.safe))
  } catch {
    // A Safe never synced: the detail still shows, with no owners to count against.
  }
  const signatures = listProposalSignatures(db, p.id)
  const signed = new Set(signatures.map((s) => s.signer))
  const sameNonce = openOnNonce(db, p.chainId, p.safe, p.nonce).filter((o) => o.id !== p.id)
  const open = OPEN_STATUSES.includes(p.status)
  const hasRejection = sameNonce.some((o) => o.kind === 'rejection')
  return {
    id: p.id,
    chainId: p.chainId,
    safe: p.safe,
    kind: p.kind,
    title: p.title,
    category: p.category,
    status: p.status,
    nonce: p.nonce,
    safeTxHash: p.safeTxHash,
    proposer: p.proposer,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    signatureCount: signatures.filter((s) => owners.includes(s.signer)).length,
    threshold,
    conflicts: sameNonce.length,
    outflows: p.outflows,
    parts: p.actions.length,
    description: p.description,
    budgetLineId: p.budgetLineId,
    grantLink: p.grantLink,
    governanceProposalId: governanceLink(db, p.id),
    safeTx: p.safeTx,
    actions: p.actions,
    signatures: signatures.map((s) => ({
      signer: s.signer,
      kind: s.kind,
      source: s.source,
      addedAt: s.addedAt,
      isOwner: owners.includes(s.signer),
    })),
    owners: owners.map((o) => ({ address: o, signed: signed.has(o) })),
    rejects: p.rejectsId,
    replacedBy: p.replacedById,
    replacedByRejection: p.replacedById !== null && getProposal(db, p.replacedById)?.kind === 'rejection',
    sameNonce: sameNonce.map((o) => ({ id: o.id, title: o.title, kind: o.kind, status: o.status })),
    simulation: p.simulation,
    executions: listExecutions(db, p.id),
    multiSend: p.multiSend,
    can: {
      submit: p.status === 'draft',
      addSignature: p.status === 'awaiting_signatures' || p.status === 'ready',
      simulate: open,
      execute: p.status === 'ready',
      // A draft was never offered for signatures: cancelling it is enough, there is nothing to void on chain.
      reject: (p.status === 'awaiting_signatures' || p.status === 'ready') && p.kind !== 'rejection' && !hasRejection,
      cancel: open,
      edit: !FINAL_STATUSES.includes(p.status),
    },
  }
}
