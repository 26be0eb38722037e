import { getAddress } from 'ethers'
import { WORKSPACE_USER, type CoreContext } from '../workspace/context'
import type { ChainRecord } from '../chain/store'
import { firstLine } from '../first-line'
import { ApiError } from '../../../shared/errors'
import { OPEN_STATUSES } from '../../../shared/contract/proposals'
import { proposalByHash } from '../proposals/lifecycle'
import { listProposalSignatures } from '../proposals/store'
import { ServiceClient, ServiceError } from './client'
import { dueOutbox, enqueue, getEndpoint, getOutboxItem, updateOutbox, type OutboxItem } from './store'

const FIRST_RETRY_MS = 5_000
const LONGEST_WAIT_MS = 15 * 60_000

/** Wait before attempt n + 1 after n failed ones: 5 s, 10 s, 20 s … at most 15 min. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_WAIT_MS)
}

/**
 * Puts every owner signature of the open proposals on this chain that the service has not had yet into the outbox
 * (app, file and QR signatures alike: whatever brought them, they are in proposal_signatures). On-chain approvals
 * stay out: the service reads them from the chain. Returns how many were queued.
 */
export function queueSignatures(ctx: CoreContext, chainId: number): number {
  if (!getEndpoint(ctx.db, chainId)) return 0
  const rows = ctx.db
    .prepare(
      `SELECT p.safe_address AS safe, p.safe_tx_hash AS hash, s.signer AS signer
       FROM proposals p JOIN proposal_signatures s ON s.proposal_id = p.id
       WHERE p.chain_id = ? AND p.status IN ('awaiting_signatures', 'ready') AND s.kind != 'approved_hash'
         AND NOT EXISTS (SELECT 1 FROM txservice_outbox o
                         WHERE o.chain_id = p.chain_id AND o.safe_tx_hash = p.safe_tx_hash AND o.signer = s.signer)
       ORDER BY p.id, s.added_at`,
    )
    .all(chainId) as Array<{ safe: string; hash: string; signer: string }>
  if (rows.length === 0) return 0
  return ctx.mutate(
    (n: number) => ({
      actor: WORKSPACE_USER,
      action: 'txservice.queued',
      subject: `chain:${chainId}`,
      payload: { items: rows.map((r) => ({ safeTxHash: r.hash, signer: r.signer })).slice(0, 50), count: n },
    }),
    () => rows.filter((r) => enqueue(ctx.db, { chainId, safe: r.safe, safeTxHash: r.hash, signer: r.signer })).length,
  )
}

export interface DeliveryReport {
  chainId: number
  delivered: number
  failed: number
  refused: number
  /** Still waiting in the outbox (for a later attempt). */
  waiting: number
  error: string | null
}

/**
 * Posts what is due: the first signature of a transaction the service does not know goes as the proposal (its
 * signer as sender), the others as confirmations. The service being down or slow leaves the items pending with a
 * later retry time; a refusal (4xx) is kept with its reason until retried or cancelled. Never throws for the
 * service's sake: local work goes on.
 */
export async function deliverOutbox(
  ctx: CoreContext,
  chain: ChainRecord,
  options: { client?: ServiceClient; now?: () => Date; ignoreBackoff?: boolean } = {},
): Promise<DeliveryReport> {
  const now = options.now ?? (() => new Date())
  const report: DeliveryReport = {
    chainId: chain.chainId,
    delivered: 0,
    failed: 0,
    refused: 0,
    waiting: 0,
    error: null,
  }
  const endpoint = getEndpoint(ctx.db, chain.chainId)
  if (!endpoint) return report
  queueSignatures(ctx, chain.chainId)
  let client: ServiceClient | undefined = options.client
  for (const item of dueOutbox(ctx.db, chain.chainId, now(), options.ignoreBackoff)) {
    const proposal = proposalByHash(ctx.db, chain.chainId, item.safe, item.safeTxHash)
    const signature = proposal
      ? listProposalSignatures(ctx.db, proposal.id).find((s) => s.signer === item.signer)
      : null
    if (!proposal || !signature || !OPEN_STATUSES.includes(proposal.status)) {
      settle(
        ctx,
        item,
        { status: 'cancelled', lastError: 'the proposal is no longer open: nothing to post' },
        'txservice.post_dropped',
      )
      continue
    }
    try {
      client ??= new ServiceClient(endpoint)
      const known = await client.transaction(item.safeTxHash)
      let postedAs: OutboxItem['postedAs']
      if (!known) {
        await client.propose({
          safe: getAddress(item.safe),
          safeTx: proposal.safeTx,
          safeTxHash: proposal.safeTxHash,
          sender: item.signer,
          signature: signature.signature,
        })
        postedAs = 'proposal'
      } else if ((known.confirmations ?? []).some((c) => c.owner.toLowerCase() === item.signer.toLowerCase())) {
        postedAs = 'already_there'
      } else {
        await client.confirm(item.safeTxHash, signature.signature)
        postedAs = 'confirmation'
      }
      settle(
        ctx,
        item,
        { status: 'delivered', postedAs, lastError: null, attempts: item.attempts + 1 },
        'txservice.posted',
      )
      report.delivered++
    } catch (error) {
      const message = error instanceof ServiceError ? error.message : firstLine(error, 200)
      if (error instanceof ServiceError && error.refused) {
        settle(
          ctx,
          item,
          { status: 'refused', lastError: message, attempts: item.attempts + 1 },
          'txservice.post_refused',
        )
        report.refused++
        continue
      }
      const attempts = item.attempts + 1
      settle(
        ctx,
        item,
        {
          attempts,
          lastError: message,
          nextAttemptAt: new Date(now().getTime() + retryDelayMs(attempts)).toISOString(),
        },
        'txservice.post_failed',
      )
      report.failed++
      report.error = message
      // Down or slow: the rest waits for the next round instead of each timing out in turn.
      break
    }
  }
  report.waiting = dueOutbox(ctx.db, chain.chainId, now(), true).length
  return report
}

function settle(ctx: CoreContext, item: OutboxItem, change: Parameters<typeof updateOutbox>[2], action: string): void {
  ctx.mutate(
    {
      // The person at this workspace posts; the signature inside stays the signer's own.
      actor: WORKSPACE_USER,
      action,
      subject: `safetx:${item.chainId}:${item.safeTxHash}`,
      payload: {
        outboxId: item.id,
        signer: item.signer,
        postedAs: change.postedAs ?? null,
        attempts: change.attempts ?? item.attempts,
        error: change.lastError ?? null,
      },
    },
    () => updateOutbox(ctx.db, item.id, change),
  )
}

/** Back to pending, due now (a refused or waiting item). */
export function retryOutboxItem(ctx: CoreContext, id: number): OutboxItem {
  const item = requireItem(ctx, id)
  if (item.status !== 'pending' && item.status !== 'refused')
    throw new ApiError('CONFLICT', `Outbox item #${id} is ${item.status}: there is nothing to retry.`)
  ctx.mutate(
    {
      actor: WORKSPACE_USER,
      action: 'txservice.retry',
      subject: `safetx:${item.chainId}:${item.safeTxHash}`,
      payload: { outboxId: id },
    },
    () => updateOutbox(ctx.db, id, { status: 'pending', nextAttemptAt: new Date().toISOString() }),
  )
  return getOutboxItem(ctx.db, id)!
}

/** Stops posting this signature (it stays on the proposal: nothing is lost, only not sent). */
export function cancelOutboxItem(ctx: CoreContext, id: number): OutboxItem {
  const item = requireItem(ctx, id)
  if (item.status !== 'pending' && item.status !== 'refused')
    throw new ApiError('CONFLICT', `Outbox item #${id} is ${item.status}: it cannot be cancelled.`)
  ctx.mutate(
    {
      actor: WORKSPACE_USER,
      action: 'txservice.cancelled',
      subject: `safetx:${item.chainId}:${item.safeTxHash}`,
      payload: { outboxId: id, signer: item.signer },
    },
    () => updateOutbox(ctx.db, id, { status: 'cancelled' }),
  )
  return getOutboxItem(ctx.db, id)!
}

function requireItem(ctx: CoreContext, id: number): OutboxItem {
  const item = getOutboxItem(ctx.db, id)
  if (!item) throw new ApiError('NOT_FOUND', `There is no outbox item #${id}.`)
  return item
}
