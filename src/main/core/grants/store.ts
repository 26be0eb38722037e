import type { Db } from '../db/open'
import { cachedStatement } from '../db/statements'
import { ApiError } from '../../../shared/errors'
import type {
  Criterion,
  Evaluation,
  GrantDetail,
  GrantProgram,
  GrantStatus,
  GrantSummary,
  Milestone,
  MilestoneStatus,
} from '../../../shared/contract'
import { getLine, lineLabel } from '../budgets/store'
import { mean, weightedScore } from './scoring'

interface ProgramRow {
  id: number
  name: string
  category: string
  budget_line_id: number
  description: string
  created_at: string
}

interface GrantRow {
  id: number
  program_id: number
  program_name: string
  title: string
  applicant: string
  recipient: string
  token: string
  symbol: string
  decimals: number
  amount: string
  status: GrantStatus
  decided_by: string | null
  decision_reason: string | null
  decided_at: string | null
  outcome_notes: string
  created_at: string
}

interface MilestoneRow {
  id: number
  grant_id: number
  position: number
  title: string
  amount: string
  due_on: string
  deliverable_url: string | null
  status: MilestoneStatus
  status_note: string | null
  updated_at: string
  batch_id: number | null
}

/** Batches that hold a milestone: a milestone in one of these cannot join another batch. */
export const LIVE_BATCH_STATUSES = `('draft', 'proposed', 'executed')`

export function programCriteria(db: Db, programId: number): Criterion[] {
  return cachedStatement(
    db,
    'SELECT id, label, weight FROM program_criteria WHERE program_id = ? ORDER BY position',
  ).all(programId) as Criterion[]
}

function toProgram(db: Db, row: ProgramRow): GrantProgram {
  const line = getLine(db, row.budget_line_id)
  const { n } = cachedStatement(db, 'SELECT count(*) AS n FROM grants WHERE program_id = ?').get(row.id) as {
    n: number
  }
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    description: row.description,
    budgetLineId: row.budget_line_id,
    budgetLineLabel: lineLabel(line),
    token: line.token,
    symbol: line.symbol,
    decimals: line.decimals,
    criteria: programCriteria(db, row.id),
    grants: n,
    createdAt: row.created_at,
  }
}

export function listPrograms(db: Db): GrantProgram[] {
  return (db.prepare('SELECT * FROM grant_programs ORDER BY name').all() as ProgramRow[]).map((r) => toProgram(db, r))
}

export function getProgram(db: Db, id: number): GrantProgram {
  const row = db.prepare('SELECT * FROM grant_programs WHERE id = ?').get(id) as ProgramRow | undefined
  if (!row) throw new ApiError('NOT_FOUND', `There is no grant program #${id}.`)
  return toProgram(db, row)
}

export function insertProgram(
  db: Db,
  p: {
    name: string
    category: string
    description: string
    budgetLineId: number
    criteria: Array<{ label: string; weight: number }>
  },
  now = new Date(),
): number {
  getLine(db, p.budgetLineId)
  if (db.prepare('SELECT 1 FROM grant_programs WHERE name = ?').get(p.name))
    throw new ApiError('CONFLICT', `A grant program named "${p.name}" exists already.`)
  const labels = new Set<string>()
  for (const c of p.criteria) {
    const key = c.label.toLowerCase()
    if (labels.has(key)) throw new ApiError('BAD_INPUT', `The criterion "${c.label}" is listed twice.`)
    labels.add(key)
  }
  const { lastInsertRowid } = db
    .prepare(
      'INSERT INTO grant_programs (name, category, budget_line_id, description, created_at) VALUES (?, ?, ?, ?, ?)',
    )
    .run(p.name, p.category, p.budgetLineId, p.description, now.toISOString())
  const id = Number(lastInsertRowid)
  const insert = db.prepare('INSERT INTO program_criteria (program_id, position, label, weight) VALUES (?, ?, ?, ?)')
  p.criteria.forEach((c, i) => insert.run(id, i + 1, c.label, c.weight))
  return id
}

const GRANT_SELECT = `SELECT g.*, p.name AS program_name FROM grants g JOIN grant_programs p ON p.id = g.program_id`

const MILESTONE_SELECT = `SELECT m.*, (SELECT i.batch_id FROM disbursement_items i JOIN disbursement_batches b ON b.id = i.batch_id
                     WHERE i.milestone_id = m.id AND b.status IN ${LIVE_BATCH_STATUSES} LIMIT 1) AS batch_id
         FROM grant_milestones m`

function milestones(db: Db, grantId: number): Milestone[] {
  const rows = cachedStatement(db, `${MILESTONE_SELECT} WHERE m.grant_id = ? ORDER BY m.position`).all(
    grantId,
  ) as MilestoneRow[]
  return rows.map(toMilestone)
}

function toMilestone(m: MilestoneRow): Milestone {
  return {
    id: m.id,
    grantId: m.grant_id,
    position: m.position,
    title: m.title,
    amount: m.amount,
    dueOn: m.due_on,
    deliverableUrl: m.deliverable_url,
    status: m.status,
    statusNote: m.status_note,
    batchId: m.batch_id,
    updatedAt: m.updated_at,
  }
}

function evaluations(db: Db, grantId: number, criteria: Criterion[]): Evaluation[] {
  const rows = cachedStatement(db, 'SELECT * FROM grant_evaluations WHERE grant_id = ? ORDER BY id').all(
    grantId,
  ) as Array<{
    id: number
    evaluator: string
    comment: string
    created_at: string
  }>
  const scores = cachedStatement(
    db,
    'SELECT criterion_id AS criterionId, score FROM grant_scores WHERE evaluation_id = ?',
  )
  return rows.map((r) => evaluationOf(r, scores.all(r.id) as Score[], criteria))
}

interface EvaluationRow {
  id: number
  evaluator: string
  comment: string
  created_at: string
}
type Score = { criterionId: number; score: number }

function evaluationOf(r: EvaluationRow, scores: Score[], criteria: Criterion[]): Evaluation {
  return {
    id: r.id,
    evaluator: r.evaluator,
    comment: r.comment,
    scores,
    weightedScore: weightedScore(criteria, scores),
    createdAt: r.created_at,
  }
}

interface LoadedGrant {
  summary: GrantSummary
  criteria: Criterion[]
  milestones: Milestone[]
  evaluations: Evaluation[]
}

function loadGrant(db: Db, row: GrantRow): LoadedGrant {
  const criteria = programCriteria(db, row.program_id)
  const ms = milestones(db, row.id)
  const ev = evaluations(db, row.id, criteria)
  return { summary: summarise(row, ms, ev), criteria, milestones: ms, evaluations: ev }
}

function summarise(row: GrantRow, ms: Milestone[], ev: Evaluation[]): GrantSummary {
  const paid = ms.filter((m) => m.status === 'paid')
  return {
    id: row.id,
    programId: row.program_id,
    programName: row.program_name,
    title: row.title,
    applicant: row.applicant,
    recipient: row.recipient,
    token: row.token,
    symbol: row.symbol,
    decimals: row.decimals,
    amount: row.amount,
    paid: paid.reduce((t, m) => t + BigInt(m.amount), 0n).toString(),
    status: row.status,
    milestoneCount: ms.length,
    milestonesPaid: paid.length,
    score: mean(ev.map((e) => e.weightedScore)),
    createdAt: row.created_at,
  }
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = out.get(k)
    if (list) list.push(item)
    else out.set(k, [item])
  }
  return out
}

/**
 * Every grant (of a program): criteria, milestones, evaluations and scores read in four queries for the whole list,
 * not four per grant (bench/scale.bench.ts: thousands of grants).
 */
export function listGrants(db: Db, programId?: number, page?: { limit: number; offset: number }): GrantSummary[] {
  const where = programId === undefined ? '' : ' WHERE g.program_id = ?'
  const args = programId === undefined ? [] : [programId]
  // A page walks the primary key backwards and stops (bench/scale.bench.ts: 2,000 grants in a few milliseconds).
  const limit = page ? ` LIMIT ${page.limit} OFFSET ${page.offset}` : ''
  const rows = db.prepare(`${GRANT_SELECT}${where} ORDER BY g.id DESC${limit}`).all(...args) as GrantRow[]
  if (!rows.length) return []
  // The listed grants only: the page's ids, or every grant (of the program) for the whole list.
  const listed = page ? ` WHERE g.id IN (${rows.map((r) => r.id).join(', ')})` : where
  const listedArgs = page ? [] : args
  const criteria = groupBy(
    db
      .prepare('SELECT id, label, weight, program_id FROM program_criteria ORDER BY program_id, position')
      .all() as Array<Criterion & { program_id: number }>,
    (c) => c.program_id,
  )
  const ms = groupBy(
    (
      db
        .prepare(
          `${MILESTONE_SELECT} WHERE m.grant_id IN (SELECT g.id FROM grants g${listed}) ORDER BY m.grant_id, m.position`,
        )
        .all(...listedArgs) as MilestoneRow[]
    ).map(toMilestone),
    (m) => m.grantId,
  )
  const evaluationRows = groupBy(
    db
      .prepare(
        `SELECT e.* FROM grant_evaluations e WHERE e.grant_id IN (SELECT g.id FROM grants g${listed}) ORDER BY e.grant_id, e.id`,
      )
      .all(...listedArgs) as Array<EvaluationRow & { grant_id: number }>,
    (e) => e.grant_id,
  )
  const scores = groupBy(
    db
      .prepare(
        `SELECT s.evaluation_id, s.criterion_id AS criterionId, s.score FROM grant_scores s
          WHERE s.evaluation_id IN (SELECT e.id FROM grant_evaluations e JOIN grants g ON g.id = e.grant_id${listed})
          ORDER BY s.evaluation_id, s.criterion_id`,
      )
      .all(...listedArgs) as Array<Score & { evaluation_id: number }>,
    (s) => s.evaluation_id,
  )
  return rows.map((row) => {
    const programCriteria = (criteria.get(row.program_id) ?? []).map(({ id, label, weight }) => ({ id, label, weight }))
    const ev = (evaluationRows.get(row.id) ?? []).map((e) =>
      evaluationOf(
        e,
        (scores.get(e.id) ?? []).map(({ criterionId, score }) => ({ criterionId, score })),
        programCriteria,
      ),
    )
    return summarise(row, ms.get(row.id) ?? [], ev)
  })
}

export function getGrant(db: Db, id: number): GrantDetail {
  const row = db.prepare(`${GRANT_SELECT} WHERE g.id = ?`).get(id) as GrantRow | undefined
  if (!row) throw new ApiError('NOT_FOUND', `There is no grant #${id}.`)
  const loaded = loadGrant(db, row)
  return {
    ...loaded.summary,
    decidedBy: row.decided_by,
    decisionReason: row.decision_reason,
    decidedAt: row.decided_at,
    outcomeNotes: row.outcome_notes,
    criteria: loaded.criteria,
    milestones: loaded.milestones,
    evaluations: loaded.evaluations,
  }
}

export function insertApplication(
  db: Db,
  a: {
    programId: number
    title: string
    applicant: string
    recipient: string
    milestones: Array<{ title: string; amount: string; dueOn: string; deliverableUrl?: string }>
  },
  now = new Date(),
): number {
  const program = getProgram(db, a.programId)
  const amount = a.milestones.reduce((t, m) => t + BigInt(m.amount), 0n)
  const at = now.toISOString()
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO grants (program_id, title, applicant, recipient, token, symbol, decimals, amount, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'applied', ?)`,
    )
    .run(
      program.id,
      a.title,
      a.applicant,
      a.recipient,
      program.token,
      program.symbol,
      program.decimals,
      amount.toString(),
      at,
    )
  const id = Number(lastInsertRowid)
  const insert = db.prepare(
    `INSERT INTO grant_milestones (grant_id, position, title, amount, due_on, deliverable_url, status, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)`,
  )
  a.milestones.forEach((m, i) => insert.run(id, i + 1, m.title, m.amount, m.dueOn, m.deliverableUrl ?? null, at))
  return id
}

export function insertEvaluation(
  db: Db,
  e: { grantId: number; evaluator: string; scores: Array<{ criterionId: number; score: number }>; comment: string },
  now = new Date(),
): void {
  const grant = getGrant(db, e.grantId)
  if (grant.status !== 'applied')
    throw new ApiError('CONFLICT', `Grant #${grant.id} was already ${grant.status}; evaluations are closed.`)
  if (grant.evaluations.some((x) => x.evaluator === e.evaluator))
    throw new ApiError('CONFLICT', `${e.evaluator} has already evaluated grant #${grant.id}.`)
  const { lastInsertRowid } = db
    .prepare('INSERT INTO grant_evaluations (grant_id, evaluator, comment, created_at) VALUES (?, ?, ?, ?)')
    .run(e.grantId, e.evaluator, e.comment, now.toISOString())
  const insert = db.prepare('INSERT INTO grant_scores (evaluation_id, criterion_id, score) VALUES (?, ?, ?)')
  for (const s of e.scores) insert.run(Number(lastInsertRowid), s.criterionId, s.score)
}

export function recordDecision(
  db: Db,
  d: { grantId: number; decision: 'approve' | 'reject'; reason: string; decidedBy: string },
  now = new Date(),
): GrantStatus {
  const grant = getGrant(db, d.grantId)
  if (grant.status !== 'applied')
    throw new ApiError('CONFLICT', `Grant #${grant.id} was already ${grant.status}.`, { status: grant.status })
  if (d.decision === 'approve' && grant.evaluations.length === 0)
    throw new ApiError('CONFLICT', 'A grant is approved only after at least one council member has evaluated it.')
  const status: GrantStatus = d.decision === 'approve' ? 'approved' : 'rejected'
  db.prepare('UPDATE grants SET status = ?, decided_by = ?, decision_reason = ?, decided_at = ? WHERE id = ?').run(
    status,
    d.decidedBy,
    d.reason,
    now.toISOString(),
    d.grantId,
  )
  return status
}

export function getMilestone(db: Db, id: number): Milestone {
  const row = db.prepare('SELECT grant_id FROM grant_milestones WHERE id = ?').get(id) as
    { grant_id: number } | undefined
  if (!row) throw new ApiError('NOT_FOUND', `There is no milestone #${id}.`)
  return getGrant(db, row.grant_id).milestones.find((m) => m.id === id)!
}

/** The transitions people may make; 'paid' is set only by a chain-verified execution (see disbursements). */
const ALLOWED: Record<'submit' | 'approve' | 'reject', MilestoneStatus[]> = {
  submit: ['pending', 'submitted'],
  approve: ['submitted'],
  reject: ['pending', 'submitted'],
}

export function moveMilestone(
  db: Db,
  m: { milestoneId: number; action: 'submit' | 'approve' | 'reject'; deliverableUrl?: string; note?: string },
  now = new Date(),
): { from: MilestoneStatus; to: MilestoneStatus; grantId: number } {
  const milestone = getMilestone(db, m.milestoneId)
  const grant = getGrant(db, milestone.grantId)
  if (grant.status !== 'approved')
    throw new ApiError('CONFLICT', `Grant #${grant.id} is ${grant.status}: milestones move only on an approved grant.`)
  if (!ALLOWED[m.action].includes(milestone.status))
    throw new ApiError(
      'CONFLICT',
      `Milestone "${milestone.title}" is ${milestone.status}; it cannot be ${m.action === 'submit' ? 'submitted' : m.action + 'd'}.`,
      { status: milestone.status },
    )
  const to: MilestoneStatus = m.action === 'submit' ? 'submitted' : m.action === 'approve' ? 'approved' : 'rejected'
  db.prepare(
    `UPDATE grant_milestones SET status = ?, deliverable_url = COALESCE(?, deliverable_url), status_note = ?,
       updated_at = ? WHERE id = ?`,
  ).run(to, m.deliverableUrl ?? null, m.note ?? null, now.toISOString(), m.milestoneId)
  return { from: milestone.status, to, grantId: grant.id }
}

export function setOutcomeNotes(db: Db, grantId: number, notes: string): void {
  getGrant(db, grantId)
  db.prepare('UPDATE grants SET outcome_notes = ? WHERE id = ?').run(notes, grantId)
}
