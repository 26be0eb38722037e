import type { Db } from '../db/open'

export interface LineUsage {
  /** In batches proposed but not yet executed (their Safe proposals are open: awaiting signatures or ready). */
  committed: bigint
  /** In batches whose execution was verified on chain. */
  spent: bigint
}

/**
 * Where committed and spent come from, per budget line id. Never typed in: the default implementation reads the
 * disbursement batches, whose status moves only by proposing and by chain-verified execution. The proposals core
 * drives them (disbursements/proposal-link.ts): an execution goes through markBatchExecuted; a failed, replaced or
 * cancelled proposal releases its batch.
 */
export type BudgetUsageSource = (db: Db) => Map<number, LineUsage>

export const batchUsageSource: BudgetUsageSource = (db) => {
  const rows = db
    .prepare(
      `SELECT i.budget_line_id AS line, b.status AS status, i.amount AS amount
         FROM disbursement_items i JOIN disbursement_batches b ON b.id = i.batch_id
        WHERE b.status IN ('proposed', 'executed')`,
    )
    .all() as Array<{ line: number; status: 'proposed' | 'executed'; amount: string }>
  const usage = new Map<number, LineUsage>()
  for (const row of rows) {
    const entry = usage.get(row.line) ?? { committed: 0n, spent: 0n }
    if (row.status === 'executed') entry.spent += BigInt(row.amount)
    else entry.committed += BigInt(row.amount)
    usage.set(row.line, entry)
  }
  return usage
}
