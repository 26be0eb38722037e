import type { Db } from '../db/open'
import { ApiError } from '../../../shared/errors'
import type { BatchItem, BatchPlan, LineCheck, TokenTotal } from '../../../shared/contract'
import { listTokens } from '../chain/store'
import { nativeCurrency } from '../tokens/native'
import { getSafe } from '../safe/store'
import { lineLabel, listLines } from '../budgets/store'
import { batchUsageSource, type BudgetUsageSource } from '../budgets/usage'
import { getGrant, getMilestone } from '../grants/store'
import { CsvRejected, parseAirdropCsv, type KnownToken } from './csv'

/** The chain's own coin, named as the workspace names it (core/tokens/native.ts). */
export function nativeToken(db: Db, chainId: number): KnownToken {
  const { symbol, decimals } = nativeCurrency(db, chainId)
  return { token: 'native', symbol, decimals }
}

export type PlannedItem = Omit<BatchItem, 'position'>

export type BatchSourceInput =
  { kind: 'milestones'; milestoneIds: number[] } | { kind: 'csv'; csv: string; budgetLineIds: number[] }

/** The items a batch will pay, from approved milestones. `forBatch` lets a batch keep its own milestones. */
export function itemsFromMilestones(db: Db, chainId: number, milestoneIds: number[], forBatch?: number): PlannedItem[] {
  if (new Set(milestoneIds).size !== milestoneIds.length)
    throw new ApiError('BAD_INPUT', 'A milestone is listed twice in this batch.')
  return milestoneIds.map((id) => {
    const milestone = getMilestone(db, id)
    const grant = getGrant(db, milestone.grantId)
    if (grant.status !== 'approved')
      throw new ApiError('CONFLICT', `Grant "${grant.title}" is ${grant.status}, not approved.`)
    if (milestone.status !== 'approved')
      throw new ApiError(
        'CONFLICT',
        `Milestone "${milestone.title}" of "${grant.title}" is ${milestone.status}; only approved milestones are paid.`,
        { milestoneId: id, status: milestone.status },
      )
    if (milestone.batchId !== null && milestone.batchId !== forBatch)
      throw new ApiError('CONFLICT', `Milestone "${milestone.title}" is already in batch #${milestone.batchId}.`, {
        milestoneId: id,
        batchId: milestone.batchId,
      })
    const lineId = programLine(db, grant.programId)
    const line = listLines(db, { ids: [lineId] })[0]
    if (line.chainId !== chainId)
      throw new ApiError('CONFLICT', `The budget line of "${grant.programName}" is on chain ${line.chainId}.`)
    return {
      budgetLineId: lineId,
      token: grant.token,
      symbol: grant.symbol,
      decimals: grant.decimals,
      receiver: grant.recipient,
      amount: milestone.amount,
      milestoneId: milestone.id,
      grantId: grant.id,
      label: `${grant.title}: ${milestone.title}`,
    }
  })
}

function programLine(db: Db, programId: number): number {
  return (
    db.prepare('SELECT budget_line_id FROM grant_programs WHERE id = ?').get(programId) as { budget_line_id: number }
  ).budget_line_id
}

/**
 * The items of a Safe CSV Airdrop file. Each row is charged to the chosen budget line of its token; a row whose
 * token has no chosen line is refused like any other bad row.
 */
export function itemsFromCsv(db: Db, chainId: number, csv: string, budgetLineIds: number[]): PlannedItem[] {
  const lines = listLines(db, { ids: budgetLineIds })
  for (const id of budgetLineIds)
    if (!lines.some((l) => l.id === id)) throw new ApiError('NOT_FOUND', `There is no budget line #${id}.`)
  const byToken = new Map<string, (typeof lines)[number]>()
  for (const line of lines) {
    if (line.chainId !== chainId)
      throw new ApiError('CONFLICT', `Budget line ${lineLabel(line)} is on chain ${line.chainId}, not ${chainId}.`)
    const key = line.token.toLowerCase()
    if (byToken.has(key))
      throw new ApiError('BAD_INPUT', `Choose one budget line per token: two are in ${line.symbol}.`)
    byToken.set(key, line)
  }
  const erc20 = listTokens(db, chainId).map((t) => ({ token: t.address, symbol: t.symbol, decimals: t.decimals }))
  const rows = parseAirdropCsv(csv, erc20, nativeToken(db, chainId))
  const missing = rows.filter((r) => !byToken.has(r.token.toLowerCase()))
  if (missing.length)
    throw new CsvRejected(
      missing.slice(0, 20).map((r) => ({ row: r.row, reason: `no budget line was chosen for ${r.symbol}` })),
    )
  return rows.map((r) => ({
    budgetLineId: byToken.get(r.token.toLowerCase())!.id,
    token: r.token,
    symbol: r.symbol,
    decimals: r.decimals,
    receiver: r.receiver,
    amount: r.amount.toString(),
    milestoneId: null,
    grantId: null,
    label: r.id,
  }))
}

export function itemsFromSource(db: Db, chainId: number, source: BatchSourceInput): PlannedItem[] {
  try {
    return source.kind === 'milestones'
      ? itemsFromMilestones(db, chainId, source.milestoneIds)
      : itemsFromCsv(db, chainId, source.csv, source.budgetLineIds)
  } catch (error) {
    if (error instanceof CsvRejected) throw new ApiError('BAD_INPUT', error.message, { problems: error.problems })
    throw error
  }
}

/**
 * Totals per token against the Safe's balance (its last snapshot) and per line against the line's remaining budget.
 * `counted` = this batch's own amounts are already in committed/spent (a proposed or executed batch being shown),
 * so they are added back before comparing.
 */
export function checkPlan(
  db: Db,
  p: { chainId: number; safeAddress: string; items: PlannedItem[]; batchId?: number; counted?: boolean },
  usageSource: BudgetUsageSource = batchUsageSource,
): BatchPlan {
  const items: BatchItem[] = p.items.map((item, i) => ({ ...item, position: i + 1 }))
  const lineTotals = new Map<number, bigint>()
  const tokenTotals = new Map<string, { item: BatchItem; total: bigint }>()
  for (const item of items) {
    lineTotals.set(item.budgetLineId, (lineTotals.get(item.budgetLineId) ?? 0n) + BigInt(item.amount))
    const key = item.token.toLowerCase()
    const t = tokenTotals.get(key) ?? { item, total: 0n }
    t.total += BigInt(item.amount)
    tokenTotals.set(key, t)
  }
  const lines: LineCheck[] = listLines(db, { ids: [...lineTotals.keys()] }, usageSource).map((line) => {
    const total = lineTotals.get(line.id)!
    const remaining = BigInt(line.remaining) + (p.counted ? total : 0n)
    const over = total > remaining ? total - remaining : 0n
    return {
      budgetLineId: line.id,
      label: lineLabel(line),
      token: line.token,
      symbol: line.symbol,
      decimals: line.decimals,
      total: total.toString(),
      allocated: line.allocated,
      committed: line.committed,
      spent: line.spent,
      remaining: remaining.toString(),
      overBy: over.toString(),
    }
  })
  const snapshot = getSafe(db, p.chainId, p.safeAddress)?.snapshot ?? null
  const pending = pendingOutflows(db, p.chainId, p.safeAddress, p.batchId)
  const tokens: TokenTotal[] = [...tokenTotals.entries()].map(([key, { item, total }]) => {
    const balance =
      snapshot?.balances.find((b) => (item.token === 'native' ? b.address === null : b.address?.toLowerCase() === key))
        ?.balance ?? null
    const pendingOutflow = pending.get(key) ?? 0n
    return {
      token: item.token,
      symbol: item.symbol,
      decimals: item.decimals,
      total: total.toString(),
      balance,
      pendingOutflow: pendingOutflow.toString(),
      exceedsBalance: balance !== null && total + pendingOutflow > BigInt(balance),
    }
  })
  return {
    chainId: p.chainId,
    safeAddress: p.safeAddress,
    items,
    tokens,
    lines,
    overBudget: lines.some((l) => l.overBy !== '0'),
    balanceAsOf: snapshot?.asOf ?? null,
  }
}

/** What other proposed (signed or awaiting signatures, not executed) batches of this Safe will take, per token. */
export function pendingOutflows(
  db: Db,
  chainId: number,
  safeAddress: string,
  exceptBatch?: number,
): Map<string, bigint> {
  const rows = db
    .prepare(
      `SELECT i.token, i.amount FROM disbursement_items i JOIN disbursement_batches b ON b.id = i.batch_id
        WHERE b.status = 'proposed' AND b.chain_id = ? AND b.safe_address = ? AND b.id <> ?`,
    )
    .all(chainId, safeAddress, exceptBatch ?? -1) as Array<{ token: string; amount: string }>
  const out = new Map<string, bigint>()
  for (const r of rows) out.set(r.token.toLowerCase(), (out.get(r.token.toLowerCase()) ?? 0n) + BigInt(r.amount))
  return out
}

/** The over-budget lines in words, for a refusal message. */
export function overBudgetMessage(plan: BatchPlan): string {
  return plan.lines
    .filter((l) => l.overBy !== '0')
    .map((l) => `${l.label}: the batch takes ${l.total} base units, ${l.remaining} remain (over by ${l.overBy})`)
    .join('; ')
}
