import type { Outflow } from '../../../shared/contract/proposals'
import type { Db } from '../db/open'

export interface GovernorRecord {
  chainId: number
  address: string
  name: string
  version: string
  token: string
  timelock: string
  safe: string | null
  module: string | null
  fromBlock: number
  addedAt: string
}

interface GovernorRow {
  chain_id: number
  address: string
  name: string
  version: string
  token: string
  timelock: string
  safe_address: string | null
  module_address: string | null
  from_block: number
  added_at: string
}

const fromRow = (r: GovernorRow): GovernorRecord => ({
  chainId: r.chain_id,
  address: r.address,
  name: r.name,
  version: r.version,
  token: r.token,
  timelock: r.timelock,
  safe: r.safe_address,
  module: r.module_address,
  fromBlock: r.from_block,
  addedAt: r.added_at,
})

/** Adds or refreshes a Governor (connecting it again re-reads its settings). */
export function upsertGovernor(db: Db, g: GovernorRecord): GovernorRecord {
  db.prepare(
    `INSERT INTO governors (chain_id, address, name, version, token, timelock, safe_address, module_address, from_block, added_at)
     VALUES (@chainId, @address, @name, @version, @token, @timelock, @safe, @module, @fromBlock, @addedAt)
     ON CONFLICT (chain_id, address) DO UPDATE SET name = excluded.name, version = excluded.version,
       token = excluded.token, timelock = excluded.timelock, safe_address = excluded.safe_address,
       module_address = excluded.module_address, from_block = excluded.from_block`,
  ).run(g)
  return getGovernor(db, g.chainId, g.address)!
}

export function getGovernor(db: Db, chainId: number, address: string): GovernorRecord | null {
  const row = db.prepare('SELECT * FROM governors WHERE chain_id = ? AND address = ?').get(chainId, address) as
    GovernorRow | undefined
  return row ? fromRow(row) : null
}

export function listGovernors(db: Db, chainId: number): GovernorRecord[] {
  return (
    db.prepare('SELECT * FROM governors WHERE chain_id = ? ORDER BY added_at, address').all(chainId) as GovernorRow[]
  ).map(fromRow)
}

/** The modules of Governors that drive `safe`: their executions on the Safe are the treasury's own. */
export function governorModulesOf(db: Db, chainId: number, safe: string): string[] {
  return (
    db
      .prepare(
        'SELECT module_address FROM governors WHERE chain_id = ? AND safe_address = ? AND module_address IS NOT NULL',
      )
      .all(chainId, safe) as Array<{ module_address: string }>
  ).map((r) => r.module_address)
}

export interface GovernorProposalRecord {
  chainId: number
  governor: string
  proposalId: string
  safe: string | null
  title: string
  outflows: Outflow[]
  budgetLineId: number | null
  disbursementBatchId: number | null
  executedTxHash: string | null
  executedBlock: number | null
  executedAt: string | null
}

interface GovernorProposalRow {
  chain_id: number
  governor: string
  proposal_id: string
  safe_address: string | null
  title: string
  outflows: string
  budget_line_id: number | null
  disbursement_batch_id: number | null
  executed_tx_hash: string | null
  executed_block: number | null
  executed_at: string | null
}

const proposalFromRow = (r: GovernorProposalRow): GovernorProposalRecord => ({
  chainId: r.chain_id,
  governor: r.governor,
  proposalId: r.proposal_id,
  safe: r.safe_address,
  title: r.title,
  outflows: JSON.parse(r.outflows) as Outflow[],
  budgetLineId: r.budget_line_id,
  disbursementBatchId: r.disbursement_batch_id,
  executedTxHash: r.executed_tx_hash,
  executedBlock: r.executed_block,
  executedAt: r.executed_at,
})

/** What the app proposed: its outflows and budget line, so an execution is accounted like a Safe transaction's. */
export function insertGovernorProposal(
  db: Db,
  p: Omit<GovernorProposalRecord, 'executedTxHash' | 'executedBlock' | 'executedAt' | 'disbursementBatchId'> & {
    disbursementBatchId?: number | null
  },
): void {
  db.prepare(
    `INSERT INTO governor_proposals
       (chain_id, governor, proposal_id, safe_address, title, outflows, budget_line_id, disbursement_batch_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (chain_id, governor, proposal_id) DO NOTHING`,
  ).run(
    p.chainId,
    p.governor,
    p.proposalId,
    p.safe,
    p.title,
    JSON.stringify(p.outflows),
    p.budgetLineId,
    p.disbursementBatchId ?? null,
  )
}

export function getGovernorProposal(db: Db, chainId: number, governor: string, proposalId: string) {
  const row = db
    .prepare('SELECT * FROM governor_proposals WHERE chain_id = ? AND governor = ? AND proposal_id = ?')
    .get(chainId, governor, proposalId) as GovernorProposalRow | undefined
  return row ? proposalFromRow(row) : null
}

export function markGovernorProposalExecuted(
  db: Db,
  key: { chainId: number; governor: string; proposalId: string },
  execution: { txHash: string; block: number; at: string },
): void {
  db.prepare(
    `UPDATE governor_proposals SET executed_tx_hash = ?, executed_block = ?, executed_at = ?
      WHERE chain_id = ? AND governor = ? AND proposal_id = ?`,
  ).run(execution.txHash, execution.block, execution.at, key.chainId, key.governor, key.proposalId)
}

/** Executions on a Safe through a Governor's module, newest first: the Safe's history beside its signed ones. */
export function listGovernorExecutions(db: Db, chainId: number, safe?: string): GovernorProposalRecord[] {
  return (
    db
      .prepare(
        `SELECT * FROM governor_proposals WHERE chain_id = ? AND executed_tx_hash IS NOT NULL
           AND (? IS NULL OR safe_address = ?) ORDER BY executed_block DESC`,
      )
      .all(chainId, safe ?? null, safe ?? null) as GovernorProposalRow[]
  ).map(proposalFromRow)
}

/**
 * A draft disbursement batch is now carried by an on-chain proposal: proposed (its amounts committed, so it cannot
 * be proposed twice), with no Safe transaction of its own. Call inside the proposing mutation.
 */
export function markBatchProposedOnGovernor(db: Db, batchId: number, now = new Date()): void {
  const changed = db
    .prepare("UPDATE disbursement_batches SET status = 'proposed', updated_at = ? WHERE id = ? AND status = 'draft'")
    .run(now.toISOString(), batchId).changes
  if (changed !== 1) throw new Error(`disbursement batch ${batchId} is no longer a draft`)
}
