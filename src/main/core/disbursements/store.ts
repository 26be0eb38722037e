import type { Db } from '../db/open'
import { cachedStatement } from '../db/statements'
import { ApiError } from '../../../shared/errors'
import type { BatchDetail, BatchStatus, BatchSummary, BudgetOverride, SafeTx } from '../../../shared/contract'
import { checkPlan, type PlannedItem } from './plan'

interface BatchRow {
  id: number
  title: string
  source: BatchSummary['source']
  chain_id: number
  safe_address: string
  status: BatchStatus
  schedule_id: number | null
  schedule_due_on: string | null
  safe_tx: string | null
  safe_tx_hash: string | null
  nonce: number | null
  override_by: string | null
  override_reason: string | null
  override_at: string | null
  executed_tx_hash: string | null
  executed_block: number | null
  executed_at: string | null
  created_at: string
}

interface ItemRow {
  position: number
  budget_line_id: number
  token: string
  receiver: string
  amount: string
  milestone_id: number | null
  external_id: string | null
  symbol: string
  decimals: number
  grant_id: number | null
}

export interface NewBatch {
  title: string
  source: BatchSummary['source']
  chainId: number
  safeAddress: string
  items: PlannedItem[]
  override?: { by: string; reason: string }
  scheduleId?: number
  scheduleDueOn?: string
}

/** Stores a draft batch and its items. Call inside a mutation, after the budget check. */
export function insertBatch(db: Db, b: NewBatch, now = new Date()): number {
  const at = now.toISOString()
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO disbursement_batches (title, source, chain_id, safe_address, status, schedule_id, schedule_due_on,
         override_by, override_reason, override_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      b.title,
      b.source,
      b.chainId,
      b.safeAddress,
      b.scheduleId ?? null,
      b.scheduleDueOn ?? null,
      b.override?.by ?? null,
      b.override?.reason ?? null,
      b.override ? at : null,
      at,
      at,
    )
  const id = Number(lastInsertRowid)
  const insert = db.prepare(
    `INSERT INTO disbursement_items (batch_id, position, budget_line_id, token, receiver, amount, milestone_id, external_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  b.items.forEach((item, i) =>
    insert.run(
      id,
      i + 1,
      item.budgetLineId,
      item.token,
      item.receiver,
      item.amount,
      item.milestoneId,
      item.milestoneId ? null : item.label,
    ),
  )
  return id
}

function row(db: Db, id: number): BatchRow {
  const r = db.prepare('SELECT * FROM disbursement_batches WHERE id = ?').get(id) as BatchRow | undefined
  if (!r) throw new ApiError('NOT_FOUND', `There is no disbursement batch #${id}.`)
  return r
}

const ITEM_SELECT = `SELECT i.*, l.symbol, l.decimals, m.grant_id, m.title AS milestone_title, g.title AS grant_title
         FROM disbursement_items i JOIN budget_lines l ON l.id = i.budget_line_id
         LEFT JOIN grant_milestones m ON m.id = i.milestone_id LEFT JOIN grants g ON g.id = m.grant_id`

type ItemSelectRow = ItemRow & { batch_id: number; milestone_title: string | null; grant_title: string | null }

function toItem(r: ItemSelectRow): PlannedItem {
  return {
    budgetLineId: r.budget_line_id,
    token: r.token,
    symbol: r.symbol,
    decimals: r.decimals,
    receiver: r.receiver,
    amount: r.amount,
    milestoneId: r.milestone_id,
    grantId: r.grant_id,
    label: r.milestone_title ? `${r.grant_title}: ${r.milestone_title}` : r.external_id,
  }
}

export function batchItems(db: Db, id: number): PlannedItem[] {
  const rows = cachedStatement(db, `${ITEM_SELECT} WHERE i.batch_id = ? ORDER BY i.position`).all(id) as ItemSelectRow[]
  return rows.map(toItem)
}

function override(r: BatchRow): BudgetOverride | null {
  return r.override_by && r.override_reason && r.override_at
    ? { by: r.override_by, reason: r.override_reason, at: r.override_at }
    : null
}

type Amounted = Pick<PlannedItem, 'token' | 'symbol' | 'decimals' | 'amount'>

function totals(items: Amounted[]): BatchSummary['totals'] {
  const sums = new Map<string, { item: Amounted; total: bigint }>()
  for (const item of items) {
    const t = sums.get(item.token)
    if (t) t.total += BigInt(item.amount)
    else sums.set(item.token, { item, total: BigInt(item.amount) })
  }
  return [...sums.values()].map(({ item, total }) => ({
    token: item.token,
    symbol: item.symbol,
    decimals: item.decimals,
    total: total.toString(),
  }))
}

function summary(r: BatchRow, items: Amounted[]): BatchSummary {
  return {
    id: r.id,
    title: r.title,
    source: r.source,
    status: r.status,
    chainId: r.chain_id,
    safeAddress: r.safe_address,
    items: items.length,
    totals: totals(items),
    safeTxHash: r.safe_tx_hash,
    override: override(r),
    createdAt: r.created_at,
  }
}

/** What a summary shows: not the stored SafeTx (its MultiSend data is most of a row's bytes). */
const SUMMARY_COLUMNS =
  'id, title, source, status, chain_id, safe_address, safe_tx_hash, override_by, override_reason, override_at, created_at'

export function listBatches(db: Db, status?: BatchStatus, page?: { limit: number; offset: number }): BatchSummary[] {
  const limit = page ? ` LIMIT ${page.limit} OFFSET ${page.offset}` : ''
  const rows = (
    status
      ? db
          .prepare(`SELECT ${SUMMARY_COLUMNS} FROM disbursement_batches WHERE status = ? ORDER BY id DESC${limit}`)
          .all(status)
      : db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM disbursement_batches ORDER BY id DESC${limit}`).all()
  ) as BatchRow[]
  // Every listed batch's amounts in one query, not one per batch, and only what a summary shows (count, totals):
  // the labels' joins are for a batch's own page (bench/scale.bench.ts: thousands of batches).
  const amounts = new Map<number, Amounted[]>()
  const select = `SELECT i.batch_id, i.token, l.symbol, l.decimals, i.amount
         FROM disbursement_items i JOIN budget_lines l ON l.id = i.budget_line_id`
  const all = (
    page
      ? rows.length
        ? db
            .prepare(
              `${select} WHERE i.batch_id IN (${rows.map((r) => r.id).join(', ')}) ORDER BY i.batch_id, i.position`,
            )
            .all()
        : []
      : status
        ? db
            .prepare(
              `${select} WHERE i.batch_id IN (SELECT id FROM disbursement_batches WHERE status = ?) ORDER BY i.batch_id, i.position`,
            )
            .all(status)
        : db.prepare(`${select} ORDER BY i.batch_id, i.position`).all()
  ) as Array<Amounted & { batch_id: number }>
  for (const item of all) {
    let list = amounts.get(item.batch_id)
    if (!list) amounts.set(item.batch_id, (list = []))
    list.push(item)
  }
  return rows.map((r) => summary(r, amounts.get(r.id) ?? []))
}

export function getBatch(db: Db, id: number): BatchDetail {
  const r = row(db, id)
  const items = batchItems(db, id)
  const safeTx = r.safe_tx ? (JSON.parse(r.safe_tx) as SafeTx) : null
  return {
    ...summary(r, items),
    plan: checkPlan(db, {
      chainId: r.chain_id,
      safeAddress: r.safe_address,
      items,
      batchId: r.id,
      counted: r.status === 'proposed' || r.status === 'executed',
    }),
    safeTx,
    nonce: r.nonce,
    multiSendCallOnly: safeTx?.to ?? null,
    execution:
      r.executed_tx_hash && r.executed_block !== null && r.executed_at
        ? { txHash: r.executed_tx_hash, block: r.executed_block, at: r.executed_at }
        : null,
    scheduleId: r.schedule_id,
    scheduleDueOn: r.schedule_due_on,
    proposal: r.safe_tx_hash ? proposalOf(db, r.safe_tx_hash) : null,
    governorProposal: governorProposalOf(db, r.id),
  }
}

/** The latest Governor proposal carrying this batch (an earlier, withdrawn one released it). */
function governorProposalOf(db: Db, batchId: number): BatchDetail['governorProposal'] {
  const p = db
    .prepare(
      `SELECT chain_id AS chainId, governor, proposal_id AS proposalId, title FROM governor_proposals
        WHERE disbursement_batch_id = ? ORDER BY rowid DESC LIMIT 1`,
    )
    .get(batchId) as BatchDetail['governorProposal'] | undefined
  return p ?? null
}

/** The Safe proposal carrying this batch (it is signed and executed there). */
function proposalOf(db: Db, safeTxHash: string): { id: number; status: string } | null {
  const p = db
    .prepare('SELECT id, status FROM proposals WHERE safe_tx_hash = ? ORDER BY id DESC LIMIT 1')
    .get(safeTxHash.toLowerCase()) as { id: number; status: string } | undefined
  return p ?? null
}

export function batchByHash(db: Db, safeTxHash: string): BatchRow | undefined {
  return db.prepare('SELECT * FROM disbursement_batches WHERE lower(safe_tx_hash) = lower(?)').get(safeTxHash) as
    BatchRow | undefined
}

function requireStatus(r: BatchRow, allowed: BatchStatus[], doing: string): void {
  if (!allowed.includes(r.status))
    throw new ApiError('CONFLICT', `Batch #${r.id} is ${r.status}; it cannot be ${doing}.`, { status: r.status })
}

/** Draft → proposed: the SafeTx is fixed and its amounts count as committed. Call inside a mutation. */
export function markProposed(
  db: Db,
  id: number,
  p: { safeTx: SafeTx; safeTxHash: string; nonce: number; override?: { by: string; reason: string } },
  now = new Date(),
): void {
  const r = row(db, id)
  requireStatus(r, ['draft'], 'proposed')
  const at = now.toISOString()
  db.prepare(
    `UPDATE disbursement_batches SET status = 'proposed', safe_tx = ?, safe_tx_hash = ?, nonce = ?,
       override_by = COALESCE(?, override_by), override_reason = COALESCE(?, override_reason),
       override_at = CASE WHEN ? IS NULL THEN override_at ELSE ? END, updated_at = ? WHERE id = ?`,
  ).run(
    JSON.stringify(p.safeTx),
    p.safeTxHash,
    p.nonce,
    p.override?.by ?? null,
    p.override?.reason ?? null,
    p.override?.by ?? null,
    at,
    at,
    id,
  )
}

/** Draft or proposed → cancelled: its milestones are free for another batch, its amounts no longer committed. */
export function markCancelled(db: Db, id: number, now = new Date()): BatchStatus {
  const r = row(db, id)
  requireStatus(r, ['draft', 'proposed'], 'cancelled')
  db.prepare("UPDATE disbursement_batches SET status = 'cancelled', updated_at = ? WHERE id = ?").run(
    now.toISOString(),
    id,
  )
  return r.status
}

/**
 * Proposed → executed, after the chain confirmed it (see execution.ts): spent moves, its milestones become paid.
 * A batch cancelled here whose signed SafeTx was executed anyway is executed too: the chain, not the app, says
 * where the money went. Call inside a mutation.
 */
export function markExecuted(
  db: Db,
  id: number,
  e: { txHash: string; block: number; at: string },
  now = new Date(),
): number[] {
  const r = row(db, id)
  requireStatus(r, ['proposed', 'cancelled'], 'marked executed')
  db.prepare(
    `UPDATE disbursement_batches SET status = 'executed', executed_tx_hash = ?, executed_block = ?, executed_at = ?,
       updated_at = ? WHERE id = ?`,
  ).run(e.txHash, e.block, e.at, now.toISOString(), id)
  const milestones = (
    db
      .prepare('SELECT milestone_id FROM disbursement_items WHERE batch_id = ? AND milestone_id IS NOT NULL')
      .all(id) as Array<{ milestone_id: number }>
  ).map((m) => m.milestone_id)
  const paid = db.prepare(
    "UPDATE grant_milestones SET status = 'paid', status_note = ?, updated_at = ? WHERE id = ? AND status = 'approved'",
  )
  for (const m of milestones) paid.run(`paid by batch #${id} in ${e.txHash}`, now.toISOString(), m)
  return milestones
}

/** The Safe ran the batch's SafeTx but it reverted inside (ExecutionFailure): the nonce is used, nothing moved. */
export function markFailed(
  db: Db,
  id: number,
  e: { txHash: string; block: number; at: string },
  now = new Date(),
): void {
  const r = row(db, id)
  requireStatus(r, ['proposed'], 'marked failed')
  db.prepare(
    `UPDATE disbursement_batches SET status = 'failed', executed_tx_hash = ?, executed_block = ?, executed_at = ?,
       updated_at = ? WHERE id = ?`,
  ).run(e.txHash, e.block, e.at, now.toISOString(), id)
}

/** The next nonce for a new proposal: the Safe's on-chain nonce, or past any batch already proposed at it. */
export function nextBatchNonce(db: Db, chainId: number, safeAddress: string, chainNonce: number): number {
  const { n } = db
    .prepare(
      "SELECT max(nonce) AS n FROM disbursement_batches WHERE status = 'proposed' AND chain_id = ? AND safe_address = ?",
    )
    .get(chainId, safeAddress) as { n: number | null }
  return n === null ? chainNonce : Math.max(chainNonce, n + 1)
}

/** Records the council's over-budget decision on a draft (a signed budget-override act). Call inside a mutation. */
export function setBatchOverride(db: Db, batchId: number, o: { by: string; reason: string }, now = new Date()): void {
  const changed = db
    .prepare(
      `UPDATE disbursement_batches SET override_by = ?, override_reason = ?, override_at = ?, updated_at = ?
       WHERE id = ? AND status = 'draft'`,
    )
    .run(o.by, o.reason, now.toISOString(), now.toISOString(), batchId)
  if (changed.changes !== 1)
    throw new ApiError('CONFLICT', `Batch #${batchId} is not a draft: no override is recorded.`)
}
