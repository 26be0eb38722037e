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
  addDirectProposals(db, usage)
  addGovernorExecutions(db, usage)
  return usage
}

/**
 * On-chain Governor proposals charged to a line (issue 21): spent once the Safe paid through the Governor's module
 * (execution verified on chain). Not committed before: whether a proposal passes is the vote's, not the app's.
 */
function addGovernorExecutions(db: Db, usage: Map<number, LineUsage>): void {
  const rows = db
    .prepare(
      `SELECT l.id AS line, l.token AS token, g.outflows AS outflows
         FROM governor_proposals g JOIN budget_lines l ON l.id = g.budget_line_id AND l.chain_id = g.chain_id
        WHERE g.executed_tx_hash IS NOT NULL`,
    )
    .all() as Array<{ line: number; token: string; outflows: string }>
  for (const row of rows) {
    const amount = (JSON.parse(row.outflows) as Array<{ token: string | null; amount: string }>)
      .filter((o) => (o.token ?? 'native').toLowerCase() === row.token.toLowerCase())
      .reduce((sum, o) => sum + BigInt(o.amount), 0n)
    if (amount === 0n) continue
    const entry = usage.get(row.line) ?? { committed: 0n, spent: 0n }
    entry.spent += amount
    usage.set(row.line, entry)
  }
}

/**
 * (`budget_line_id IS NOT NULL` lets SQLite use the partial index of migration 0014 instead of reading every
 * proposal: 0.8 s on the 100,000-proposal workspace.)
 * Proposals charged to a budget line by hand (not through a batch, which is counted above): what they move out in the
 * line's token, read from their outflows, so a contract call whose data is an ERC-20 transfer counts like a transfer.
 */
function addDirectProposals(db: Db, usage: Map<number, LineUsage>): void {
  const rows = db
    .prepare(
      `SELECT l.id AS line, l.token AS token, p.status AS status, p.outflows AS outflows
         FROM proposals p JOIN budget_lines l ON l.id = CAST(p.budget_line_id AS INTEGER) AND l.chain_id = p.chain_id
        WHERE p.budget_line_id IS NOT NULL AND p.budget_line_id GLOB '[0-9]*' AND p.status IN ('awaiting_signatures', 'ready', 'executed')
          AND coalesce(p.grant_link, '') NOT LIKE 'batch:%'`,
    )
    .all() as Array<{ line: number; token: string; status: string; outflows: string }>
  for (const row of rows) {
    const outflows = JSON.parse(row.outflows) as Array<{ token: string | null; amount: string }>
    const amount = outflows
      .filter((o) => (o.token ?? 'native').toLowerCase() === row.token.toLowerCase())
      .reduce((sum, o) => sum + BigInt(o.amount), 0n)
    if (amount === 0n) continue
    const entry = usage.get(row.line) ?? { committed: 0n, spent: 0n }
    if (row.status === 'executed') entry.spent += amount
    else entry.committed += amount
    usage.set(row.line, entry)
  }
}
