import { getAddress } from 'ethers'
import { WORKSPACE_USER, type CoreContext } from '../workspace/context'
import type { ChainRecord } from '../chain/store'
import { chainContracts } from '../chain/deployments'
import { listTokens } from '../tokens/registry'
import { nativeCurrency } from '../tokens/native'
import { firstLine } from '../first-line'
import { ApiError } from '../../../shared/errors'
import { addProposalSignature, proposalByHash, safeState } from '../proposals/lifecycle'
import { insertProposal, getProposal, type ProposalRecord } from '../proposals/store'
import { syncProposals } from '../proposals/service'
import type { BuildContext, TokenInfo } from '../proposals/build'
import type { ProposalAction } from '../../../shared/contract/proposals'
import { ServiceClient, ServiceError, type ServiceTransaction } from './client'
import { checkServiceTransaction } from './verify'
import { NotAdoptable, readServiceTransaction } from './adopt'
import { enqueue, getEndpoint, recordPulled, recordRefusal, updateOutbox } from './store'

export interface PullRefusal {
  safeTxHash: string
  owner: string | null
  reason: string
}

export interface PullReport {
  chainId: number
  safe: string
  /** Transactions the service listed as pending. */
  seen: number
  /** Proposals that joined the queue from the service. */
  added: number[]
  /** Owner confirmations that joined a proposal (new ones only). */
  signaturesAdded: number
  refused: PullRefusal[]
  /** Note about the chain read (the owners then come from the last synced state). */
  chainNote: string | null
}

/** Reads the Safe's pending transactions and confirmations from the service into the queue, checking each one. */
export async function pullFromService(
  ctx: CoreContext,
  chain: ChainRecord,
  safe: string,
  options: { client?: ServiceClient; chainSynced?: boolean } = {},
): Promise<PullReport> {
  const endpoint = getEndpoint(ctx.db, chain.chainId)
  if (!endpoint) throw new ApiError('NOT_CONFIGURED', `No Safe Transaction Service is set for chain ${chain.chainId}.`)
  safe = getAddress(safe)
  // The chain first: executed transactions are matched from its history, owners and nonce read from it.
  let chainNote: string | null = null
  try {
    if (!options.chainSynced) await syncProposals(ctx, chain, safe)
  } catch (error) {
    chainNote = `the chain could not be read (${firstLine(error, 160)}): owners as last synced`
  }
  const { owners, nonce } = safeState(ctx.db, chain.chainId, safe)
  const client = options.client ?? new ServiceClient(endpoint)
  let listed: Awaited<ReturnType<ServiceClient['pending']>>
  try {
    listed = await client.pending(safe, nonce)
  } catch (error) {
    const reason = error instanceof ServiceError ? error.message : firstLine(error)
    ctx.mutate(
      {
        actor: WORKSPACE_USER,
        action: 'txservice.pull_failed',
        subject: `safe:${chain.chainId}:${safe}`,
        payload: { reason },
      },
      () => undefined,
    )
    throw new ApiError('SERVICE_ERROR', `The Safe Transaction Service could not be read: ${reason}`)
  }
  const report: PullReport = {
    chainId: chain.chainId,
    safe,
    seen: listed.length,
    added: [],
    signaturesAdded: 0,
    refused: [],
    chainNote,
  }
  const bctx = buildContext(ctx, chain, safe)
  for (const [index, item] of listed.entries()) {
    if ('malformed' in item) {
      report.refused.push({
        safeTxHash: `unreadable-${index}`,
        owner: null,
        reason: `the service's entry is not a transaction: ${item.malformed}`,
      })
      continue
    }
    adoptOne(ctx, chain, safe, owners, nonce, item, bctx, report)
  }
  const now = new Date()
  ctx.mutate(
    (fresh: number) => ({
      actor: WORKSPACE_USER,
      action: 'txservice.pulled',
      subject: `safe:${chain.chainId}:${safe}`,
      payload: {
        seen: report.seen,
        added: report.added,
        signaturesAdded: report.signaturesAdded,
        refused: report.refused.length,
        newRefusals: fresh,
        reasons: report.refused.slice(0, 20),
      },
    }),
    () =>
      report.refused.reduce(
        (fresh, r) =>
          fresh +
          (recordRefusal(
            ctx.db,
            { chainId: chain.chainId, safe, safeTxHash: r.safeTxHash, owner: r.owner, reason: r.reason },
            now,
          )
            ? 1
            : 0),
        0,
      ),
  )
  return report
}

function adoptOne(
  ctx: CoreContext,
  chain: ChainRecord,
  safe: string,
  owners: string[],
  onChainNonce: number,
  item: ServiceTransaction,
  bctx: BuildContext,
  report: PullReport,
): void {
  const checked = checkServiceTransaction(item, chain.chainId, safe, owners)
  if (!checked.ok) {
    report.refused.push({ safeTxHash: item.safeTxHash, owner: null, reason: checked.reason })
    return
  }
  for (const r of checked.refused)
    report.refused.push({ safeTxHash: checked.safeTxHash, owner: r.owner, reason: r.reason })
  let proposal = proposalByHash(ctx.db, chain.chainId, safe, checked.safeTxHash)
  if (!proposal) {
    const n = Number(checked.safeTx.nonce)
    // Its nonce is used: it can never execute (the chain sync already tells what took the nonce).
    if (!Number.isSafeInteger(n) || n < onChainNonce) return
    let built
    try {
      built = readServiceTransaction(checked.safeTx, safe, bctx)
    } catch (error) {
      report.refused.push({
        safeTxHash: checked.safeTxHash,
        owner: null,
        reason: error instanceof NotAdoptable ? error.message : `it cannot be read: ${firstLine(error, 160)}`,
      })
      return
    }
    // The proposer is named only when their own signature is among the checked confirmations.
    const claimed = item.proposer ? safeAddress(item.proposer) : null
    const proposer =
      claimed && checked.confirmations.some((c) => c.owner === claimed) ? claimed : 'Safe Transaction Service'
    const origin = item.origin ? item.origin.slice(0, 500) : null
    proposal = ctx.mutate(
      (p: ProposalRecord) => ({
        actor: WORKSPACE_USER,
        action: 'txservice.proposal_pulled',
        subject: `proposal:${p.id}`,
        payload: {
          safe,
          safeTxHash: p.safeTxHash,
          nonce: p.nonce,
          kind: p.kind,
          proposer,
          origin,
          outflows: p.outflows,
        },
      }),
      () => {
        const id = insertProposal(ctx.db, {
          chainId: chain.chainId,
          safe,
          kind: built.kind,
          title: titleOf(n, built.actions),
          description: origin
            ? `Proposed through the Safe Transaction Service (origin: ${origin}).`
            : 'Proposed through the Safe Transaction Service.',
          category: null,
          budgetLineId: null,
          grantLink: null,
          proposer,
          status: 'awaiting_signatures',
          safeTx: checked.safeTx,
          safeTxHash: checked.safeTxHash,
          actions: built.actions,
          outflows: built.outflows,
          multiSend: built.multiSend,
          rejectsId: null,
        })
        recordPulled(ctx.db, { chainId: chain.chainId, safe, safeTxHash: checked.safeTxHash, proposalId: id, origin })
        return getProposal(ctx.db, id)!
      },
    )
    report.added.push(proposal.id)
  }
  if (proposal.status !== 'awaiting_signatures' && proposal.status !== 'ready') return
  const id = proposal.id
  for (const c of checked.confirmations) {
    try {
      ctx.mutate(
        (r: ReturnType<typeof addProposalSignature>) => ({
          // The recovered owner signed; the service only carried the signature.
          actor: r.signer,
          action: r.added ? 'proposal.signature_added' : 'proposal.signature_repeated',
          subject: `proposal:${id}`,
          payload: { signer: r.signer, source: 'txservice', safeTxHash: checked.safeTxHash, status: r.status },
        }),
        () => {
          const r = addProposalSignature(ctx.db, id, { signature: c.signature, signer: c.owner, source: 'txservice' })
          // The service has it already: nothing for the outbox to post.
          if (enqueue(ctx.db, { chainId: chain.chainId, safe, safeTxHash: checked.safeTxHash, signer: r.signer }))
            markAlreadyThere(ctx, chain.chainId, checked.safeTxHash, r.signer)
          if (r.added) report.signaturesAdded++
          return r
        },
      )
    } catch (error) {
      report.refused.push({
        safeTxHash: checked.safeTxHash,
        owner: c.owner,
        reason: error instanceof ApiError ? error.message : firstLine(error, 160),
      })
    }
  }
}

function markAlreadyThere(ctx: CoreContext, chainId: number, safeTxHash: string, signer: string): void {
  const row = ctx.db
    .prepare('SELECT id FROM txservice_outbox WHERE chain_id = ? AND safe_tx_hash = ? AND signer = ?')
    .get(chainId, safeTxHash.toLowerCase(), signer) as { id: number }
  updateOutbox(ctx.db, row.id, { status: 'delivered', postedAs: 'already_there' })
}

function safeAddress(text: string): string | null {
  try {
    return getAddress(text)
  } catch {
    return null
  }
}

function short(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`
}

function titleOf(nonce: number, actions: ProposalAction[]): string {
  const first = actions[0]
  const what =
    actions.length > 1
      ? `batch of ${actions.length} calls`
      : first.type === 'eth_transfer'
        ? `transfer to ${short(first.to)}`
        : first.type === 'erc20_transfer'
          ? `${first.symbol} transfer to ${short(first.to)}`
          : first.type === 'rejection'
            ? 'rejection'
            : first.type === 'contract_call'
              ? `call to ${short(first.to)}`
              : first.type.replace('_', ' ')
  return `Safe{Wallet} nonce ${nonce}: ${what}`.slice(0, 140)
}

function buildContext(ctx: CoreContext, chain: ChainRecord, safe: string): BuildContext {
  const contracts = chainContracts(chain)
  const { owners, threshold } = safeState(ctx.db, chain.chainId, safe)
  const native = nativeCurrency(ctx.db, chain.chainId)
  return {
    chainId: chain.chainId,
    safe,
    multiSend: contracts.multiSendAddress,
    multiSendCallOnly: contracts.multiSendCallOnlyAddress,
    tokens: new Map<string, TokenInfo>(
      listTokens(ctx.db, chain.chainId).map((t) => [t.address, { symbol: t.symbol, decimals: t.decimals }]),
    ),
    owners,
    threshold,
    native: { symbol: native.symbol, decimals: native.decimals },
  }
}
