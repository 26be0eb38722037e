import type { Db } from '../db/open'
import type { SafeTx } from '../signing/safe-tx'
import {
  OPEN_STATUSES,
  type ListProposalsInput,
  type Outflow,
  type ProposalAction,
  type ProposalExecution,
  type ProposalKind,
  type ProposalStatus,
  type ProposalSummary,
  type SignatureKind,
  type SignatureSource,
  type SimulationResult,
} from '../../../shared/contract/proposals'

/** One proposal as stored, JSON columns parsed. */
export interface ProposalRecord {
  id: number
  chainId: number
  safe: string
  kind: ProposalKind
  title: string
  description: string
  category: string | null
  budgetLineId: string | null
  grantLink: string | null
  proposer: string
  status: ProposalStatus
  nonce: number
  safeTx: SafeTx
  safeTxHash: string
  actions: ProposalAction[]
  outflows: Outflow[]
  multiSend: string | null
  rejectsId: number | null
  replacedById: number | null
  simulation: SimulationResult | null
  createdAt: string
  updatedAt: string
}

interface Row {
  id: number
  chain_id: number
  safe_address: string
  kind: ProposalKind
  title: string
  description: string
  category: string | null
  budget_line_id: string | null
  grant_link: string | null
  proposer: string
  status: ProposalStatus
  nonce: number
  safe_tx: string
  safe_tx_hash: string
  actions: string
  outflows: string
  multisend_address: string | null
  rejects_id: number | null
  replaced_by_id: number | null
  simulation: string | null
  created_at: string
  updated_at: string
}

function fromRow(r: Row): ProposalRecord {
  return {
    id: r.id,
    chainId: r.chain_id,
    safe: r.safe_address,
    kind: r.kind,
    title: r.title,
    description: r.description,
    category: r.category,
    budgetLineId: r.budget_line_id,
    grantLink: r.grant_link,
    proposer: r.proposer,
    status: r.status,
    nonce: r.nonce,
    safeTx: JSON.parse(r.safe_tx) as SafeTx,
    safeTxHash: r.safe_tx_hash,
    actions: JSON.parse(r.actions) as ProposalAction[],
    outflows: JSON.parse(r.outflows) as Outflow[],
    multiSend: r.multisend_address,
    rejectsId: r.rejects_id,
    replacedById: r.replaced_by_id,
    simulation: r.simulation ? (JSON.parse(r.simulation) as SimulationResult) : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

export interface NewProposal {
  chainId: number
  safe: string
  kind: ProposalKind
  title: string
  description: string
  category: string | null
  budgetLineId: string | null
  grantLink: string | null
  proposer: string
  status: ProposalStatus
  safeTx: SafeTx
  safeTxHash: string
  actions: ProposalAction[]
  outflows: Outflow[]
  multiSend: string | null
  rejectsId: number | null
}

export class DuplicateProposalError extends Error {
  constructor(readonly existingId: number) {
    super(`the same Safe transaction is already proposal #${existingId}`)
  }
}

/** Call inside a mutation. The same SafeTx (same hash) cannot be proposed twice. */
export function insertProposal(db: Db, p: NewProposal, now = new Date()): number {
  const existing = db
    .prepare('SELECT id FROM proposals WHERE chain_id = ? AND safe_address = ? AND safe_tx_hash = ?')
    .get(p.chainId, p.safe, p.safeTxHash) as { id: number } | undefined
  if (existing) throw new DuplicateProposalError(existing.id)
  const at = now.toISOString()
  const result = db
    .prepare(
      `INSERT INTO proposals (chain_id, safe_address, kind, title, description, category, budget_line_id, grant_link,
         proposer, status, nonce, safe_tx, safe_tx_hash, actions, outflows, multisend_address, rejects_id,
         created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      p.chainId,
      p.safe,
      p.kind,
      p.title,
      p.description,
      p.category,
      p.budgetLineId,
      p.grantLink,
      p.proposer,
      p.status,
      Number(p.safeTx.nonce),
      JSON.stringify(p.safeTx),
      p.safeTxHash,
      JSON.stringify(p.actions),
      JSON.stringify(p.outflows),
      p.multiSend,
      p.rejectsId,
      at,
      at,
    )
  return Number(result.lastInsertRowid)
}

export function getProposal(db: Db, id: number): ProposalRecord | null {
  const row = db.prepare('SELECT * FROM proposals WHERE id = ?').get(id) as Row | undefined
  return row ? fromRow(row) : null
}

/** The latest proposal carrying this SafeTx hash (a disbursement batch finds its proposal by it). */
export function getProposalByHash(db: Db, safeTxHash: string): ProposalRecord | null {
  const row = db
    .prepare('SELECT * FROM proposals WHERE safe_tx_hash = ? ORDER BY id DESC LIMIT 1')
    .get(safeTxHash.toLowerCase()) as Row | undefined
  return row ? fromRow(row) : null
}

export function updateProposal(
  db: Db,
  id: number,
  fields: Partial<{
    title: string
    description: string
    category: string | null
    budgetLineId: string | null
    grantLink: string | null
    status: ProposalStatus
    replacedById: number | null
    simulation: SimulationResult | null
  }>,
  now = new Date(),
): void {
  const columns: Record<string, string> = {
    title: 'title',
    description: 'description',
    category: 'category',
    budgetLineId: 'budget_line_id',
    grantLink: 'grant_link',
    status: 'status',
    replacedById: 'replaced_by_id',
    simulation: 'simulation',
  }
  const sets: string[] = []
  const values: unknown[] = []
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue
    sets.push(`${columns[key]} = ?`)
    values.push(key === 'simulation' && value !== null ? JSON.stringify(value) : value)
  }
  if (!sets.length) return
  sets.push('updated_at = ?')
  values.push(now.toISOString())
  db.prepare(`UPDATE proposals SET ${sets.join(', ')} WHERE id = ?`).run(...values, id)
}

export function openProposalsOfSafe(db: Db, chainId: number, safe: string): ProposalRecord[] {
  return (
    db
      .prepare(
        `SELECT * FROM proposals WHERE chain_id = ? AND safe_address = ? AND status IN (${placeholders(OPEN_STATUSES)})
         ORDER BY nonce, id`,
      )
      .all(chainId, safe, ...OPEN_STATUSES) as Row[]
  ).map(fromRow)
}

export function openOnNonce(db: Db, chainId: number, safe: string, nonce: number): ProposalRecord[] {
  return (
    db
      .prepare(
        `SELECT * FROM proposals WHERE chain_id = ? AND safe_address = ? AND nonce = ?
           AND status IN (${placeholders(OPEN_STATUSES)}) ORDER BY id`,
      )
      .all(chainId, safe, nonce, ...OPEN_STATUSES) as Row[]
  ).map(fromRow)
}

/** The highest nonce an open proposal holds, or null. */
export function highestOpenNonce(db: Db, chainId: number, safe: string): number | null {
  const row = db
    .prepare(
      `SELECT MAX(nonce) AS n FROM proposals WHERE chain_id = ? AND safe_address = ?
         AND status IN (${placeholders(OPEN_STATUSES)})`,
    )
    .get(chainId, safe, ...OPEN_STATUSES) as { n: number | null }
  return row.n
}

/* ── signatures ── */

export interface StoredSignature {
  signer: string
  signature: string
  kind: SignatureKind
  source: SignatureSource
  addedAt: string
}

export function listProposalSignatures(db: Db, proposalId: number): StoredSignature[] {
  return (
    db
      .prepare('SELECT * FROM proposal_signatures WHERE proposal_id = ? ORDER BY added_at, signer')
      .all(proposalId) as Array<{
      signer: string
      signature: string
      kind: SignatureKind
      source: SignatureSource
      added_at: string
    }>
  ).map((r) => ({ signer: r.signer, signature: r.signature, kind: r.kind, source: r.source, addedAt: r.added_at }))
}

export function insertProposalSignature(
  db: Db,
  proposalId: number,
  s: Omit<StoredSignature, 'addedAt'>,
  now = new Date(),
): void {
  db.prepare(
    'INSERT INTO proposal_signatures (proposal_id, signer, signature, kind, source, added_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(proposalId, s.signer, s.signature, s.kind, s.source, now.toISOString())
}

/* ── executions ── */

export function listExecutions(db: Db, proposalId: number): ProposalExecution[] {
  return (
    db.prepare('SELECT * FROM proposal_executions WHERE proposal_id = ? ORDER BY at').all(proposalId) as Array<{
      tx_hash: string
      block_number: number | null
      gas_used: string | null
      outcome: ProposalExecution['outcome']
      executor: string | null
      origin: ProposalExecution['origin']
      at: string
    }>
  ).map((r) => ({
    txHash: r.tx_hash,
    blockNumber: r.block_number,
    gasUsed: r.gas_used,
    outcome: r.outcome,
    executor: r.executor,
    origin: r.origin,
    at: r.at,
  }))
}

export function insertExecution(db: Db, proposalId: number, e: ProposalExecution): void {
  db.prepare(
    `INSERT INTO proposal_executions (proposal_id, tx_hash, block_number, gas_used, outcome, executor, origin, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(proposal_id, tx_hash) DO NOTHING`,
  ).run(proposalId, e.txHash, e.blockNumber, e.gasUsed, e.outcome, e.executor, e.origin, e.at)
}

/* ── lists ── */

function placeholders(items: readonly unknown[]): string {
  return items.map(() => '?').join(', ')
}

/**
 * One page of the queue (open proposals by nonce, oldest first) or the history (newest first), filtered. Indexed
 * on (chain, safe, status, nonce): a page among 10,000 proposals takes a few milliseconds.
 */
/** One page of proposals on `chainId`, or on every chain of the workspace when it is null. */
export function listProposals(
  db: Db,
  chainId: number | null,
  filter: ListProposalsInput,
  thresholdOf: (chainId: number, safe: string) => number,
): { rows: ProposalSummary[]; total: number } {
  const where: string[] = chainId === null ? ['1 = 1'] : ['p.chain_id = ?']
  const params: unknown[] = chainId === null ? [] : [chainId]
  if (filter.safe) {
    where.push('p.safe_address = ?')
    params.push(filter.safe)
  }
  const viewStatuses =
    filter.view === 'queue'
      ? [...OPEN_STATUSES]
      : filter.view === 'history'
        ? ['executed', 'failed', 'replaced', 'cancelled']
        : null
  const statuses = filter.status?.length
    ? viewStatuses
      ? filter.status.filter((s) => viewStatuses.includes(s))
      : filter.status
    : viewStatuses
  if (statuses) {
    if (!statuses.length) return { rows: [], total: 0 }
    where.push(`p.status IN (${placeholders(statuses)})`)
    params.push(...statuses)
  }
  if (filter.category) {
    where.push('p.category = ?')
    params.push(filter.category)
  }
  if (filter.signer) {
    where.push(
      `${filter.signerState === 'not_signed' ? 'NOT ' : ''}EXISTS (SELECT 1 FROM proposal_signatures s WHERE s.proposal_id = p.id AND s.signer = ?)`,
    )
    params.push(filter.signer)
  }
  if (filter.search) {
    where.push("(p.title LIKE ? ESCAPE '\\' OR p.safe_tx_hash = ?)")
    params.push(`%${filter.search.replace(/[\\%_]/g, (c) => '\\' + c)}%`, filter.search.toLowerCase())
  }
  const order = filter.view === 'queue' ? 'p.nonce ASC, p.id ASC' : 'p.nonce DESC, p.id DESC'
  // The queue (a few open proposals after years of history) sorts its own rows; `+` keeps SQLite from walking the
  // nonce index from the oldest closed one. History and "all" walk that index backwards and stop after one page.
  const pageOrder = filter.view === 'queue' ? '+p.nonce ASC, +p.id ASC' : order
  const clause = where.join(' AND ')
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM proposals p WHERE ${clause}`).get(...params) as { n: number }).n
  // The page's ids first (index order, no per-row work), then the costly columns for those rows only: SQLite
  // otherwise computes the subqueries for every row it sorts.
  const rows = db
    .prepare(
      `WITH page AS (SELECT p.id, p.nonce FROM proposals p WHERE ${clause} ORDER BY ${pageOrder} LIMIT ? OFFSET ?)
       SELECT p.id, p.chain_id, p.safe_address, p.kind, p.title, p.category, p.status, p.nonce, p.safe_tx_hash,
         p.proposer, p.created_at, p.updated_at, p.outflows, json_array_length(p.actions) AS parts,
         (SELECT COUNT(*) FROM proposal_signatures s WHERE s.proposal_id = p.id) AS signature_count,
         CASE WHEN p.status IN (${placeholders(OPEN_STATUSES)}) THEN
           (SELECT COUNT(*) FROM proposals q WHERE q.chain_id = p.chain_id AND q.safe_address = p.safe_address
              AND q.nonce = p.nonce AND q.id != p.id AND q.status IN (${placeholders(OPEN_STATUSES)}))
         ELSE 0 END AS conflicts
       FROM page JOIN proposals p ON p.id = page.id ORDER BY ${order}`,
    )
    .all(...params, filter.limit, filter.offset, ...OPEN_STATUSES, ...OPEN_STATUSES) as Array<
    Pick<
      Row,
      | 'id'
      | 'chain_id'
      | 'safe_address'
      | 'kind'
      | 'title'
      | 'category'
      | 'status'
      | 'nonce'
      | 'safe_tx_hash'
      | 'proposer'
      | 'created_at'
      | 'updated_at'
      | 'outflows'
    > & { parts: number; signature_count: number; conflicts: number }
  >
  const thresholds = new Map<string, number>()
  return {
    total,
    rows: rows.map((r) => {
      const safeKey = `${r.chain_id}:${r.safe_address}`
      if (!thresholds.has(safeKey)) thresholds.set(safeKey, thresholdOf(r.chain_id, r.safe_address))
      return {
        id: r.id,
        chainId: r.chain_id,
        safe: r.safe_address,
        kind: r.kind,
        title: r.title,
        category: r.category,
        status: r.status,
        nonce: r.nonce,
        safeTxHash: r.safe_tx_hash,
        proposer: r.proposer,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        signatureCount: r.signature_count,
        threshold: thresholds.get(safeKey)!,
        conflicts: r.conflicts,
        outflows: JSON.parse(r.outflows) as Outflow[],
        parts: r.parts,
      }
    }),
  }
}

/** The categories used on `chainId`, or on every chain when it is null. */
export function listCategories(db: Db, chainId: number | null): string[] {
  const onChain = chainId === null ? '' : 'chain_id = ? AND '
  return (
    db
      .prepare(`SELECT DISTINCT category FROM proposals WHERE ${onChain}category IS NOT NULL ORDER BY category`)
      .all(...(chainId === null ? [] : [chainId])) as Array<{ category: string }>
  ).map((r) => r.category)
}
