import type { Db } from '../db/open'
import { ApiError } from '../../../shared/errors'
import type { ScheduleState, ScheduleStatus } from '../../../shared/contract'
import { getLine, lineLabel } from '../budgets/store'
import { getGrant } from '../grants/store'

/** Days a due date may pass without a drafted batch before it counts as missed. */
export const GRACE_DAYS = 3

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10)
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Monthly due dates on `day` (1–28, so every month has it) from `startsOn` through `until`, inclusive. */
export function monthlyDueDates(startsOn: string, day: number, until: string, endsOn?: string | null): string[] {
  const last = endsOn && endsOn < until ? endsOn : until
  const out: string[] = []
  let year = Number(startsOn.slice(0, 4))
  let month = Number(startsOn.slice(5, 7))
  for (let guard = 0; guard < 1200; guard++) {
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    if (date > last) break
    if (date >= startsOn) out.push(date)
    month++
    if (month === 13) {
      month = 1
      year++
    }
  }
  return out
}

/** The first monthly due date after `after` (exclusive), or null past the end. */
export function nextMonthlyDate(startsOn: string, day: number, after: string, endsOn?: string | null): string | null {
  const candidates = monthlyDueDates(startsOn, day, addDays(after, 62), endsOn).filter((d) => d > after)
  return candidates[0] ?? null
}

export interface Occurrences {
  /** Due dates not yet drafted, oldest first; each is due (within grace) or missed (past it). */
  undrafted: string[]
  next: string | null
}

/**
 * Where a schedule stands on `asOf`: paused wins; then missed (an undrafted date past grace), due (an undrafted date
 * within grace), ended (no more dates), scheduled (next date in the future).
 */
export function scheduleState(
  o: Occurrences,
  paused: boolean,
  asOf: string,
): { state: ScheduleState; missed: string[] } {
  const missed = o.undrafted.filter((d) => addDays(d, GRACE_DAYS) < asOf)
  if (paused) return { state: 'paused', missed }
  if (missed.length) return { state: 'missed', missed }
  if (o.undrafted.length) return { state: 'due', missed }
  return { state: o.next ? 'scheduled' : 'ended', missed }
}

interface ScheduleRow {
  id: number
  name: string
  kind: 'monthly' | 'milestones'
  chain_id: number
  safe_address: string
  budget_line_id: number | null
  recipient: string | null
  amount: string | null
  day_of_month: number | null
  starts_on: string | null
  ends_on: string | null
  grant_id: number | null
  paused: number
  created_at: string
}

/** Due dates a batch (not cancelled) was already drafted for: a cancelled one counts as a decision to skip. */
function draftedDates(db: Db, scheduleId: number): Set<string> {
  const rows = db
    .prepare('SELECT schedule_due_on FROM disbursement_batches WHERE schedule_id = ? AND schedule_due_on IS NOT NULL')
    .all(scheduleId) as Array<{ schedule_due_on: string }>
  return new Set(rows.map((r) => r.schedule_due_on))
}

export interface DueWork {
  schedule: ScheduleRow
  dueOn: string
  /** Milestone schedules: the approved milestones to pay. */
  milestoneIds?: number[]
}

function occurrences(db: Db, s: ScheduleRow, asOf: string): Occurrences & { work: DueWork[] } {
  const drafted = draftedDates(db, s.id)
  if (s.kind === 'monthly') {
    const dates = monthlyDueDates(s.starts_on!, s.day_of_month!, asOf, s.ends_on)
    const undrafted = dates.filter((d) => !drafted.has(d))
    return {
      undrafted,
      next: undrafted[0] ?? nextMonthlyDate(s.starts_on!, s.day_of_month!, asOf, s.ends_on),
      work: undrafted.map((dueOn) => ({ schedule: s, dueOn })),
    }
  }
  // Milestone schedule: each unpaid milestone falls due on its due date; it is drafted once approved.
  const grant = getGrant(db, s.grant_id!)
  const open = grant.milestones.filter((m) => m.status !== 'paid' && m.status !== 'rejected' && m.batchId === null)
  const undrafted = open.filter((m) => m.dueOn <= asOf).map((m) => m.dueOn)
  const ready = open.filter((m) => m.dueOn <= asOf && m.status === 'approved')
  const future = open.filter((m) => m.dueOn > asOf).map((m) => m.dueOn)
  return {
    undrafted: [...new Set(undrafted)].sort(),
    next: [...new Set(undrafted)].sort()[0] ?? future.sort()[0] ?? null,
    work:
      ready.length && grant.status === 'approved'
        ? [
            {
              schedule: s,
              dueOn: ready.map((m) => m.dueOn).sort()[ready.length - 1],
              milestoneIds: ready.map((m) => m.id),
            },
          ]
        : [],
  }
}

function toStatus(db: Db, s: ScheduleRow, asOf: string): ScheduleStatus {
  const o = occurrences(db, s, asOf)
  const { state, missed } = scheduleState(o, s.paused === 1, asOf)
  const line = s.budget_line_id ? getLine(db, s.budget_line_id) : null
  const grant = s.grant_id ? getGrant(db, s.grant_id) : null
  const last = db.prepare('SELECT max(id) AS id FROM disbursement_batches WHERE schedule_id = ?').get(s.id) as {
    id: number | null
  }
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    safeAddress: s.safe_address,
    paused: s.paused === 1,
    state,
    nextDueOn: o.next,
    missed,
    summary:
      s.kind === 'monthly'
        ? `${s.amount} base units of ${line!.symbol} to ${s.recipient} on day ${s.day_of_month} of each month (${lineLabel(line!)})`
        : `milestones of "${grant!.title}" as they fall due`,
    budgetLineId: s.budget_line_id,
    recipient: s.recipient,
    amount: s.amount,
    symbol: line?.symbol ?? grant?.symbol ?? null,
    decimals: line?.decimals ?? grant?.decimals ?? null,
    dayOfMonth: s.day_of_month,
    startsOn: s.starts_on,
    endsOn: s.ends_on,
    grantId: s.grant_id,
    lastBatchId: last.id,
  }
}

function scheduleRow(db: Db, id: number): ScheduleRow {
  const r = db.prepare('SELECT * FROM disbursement_schedules WHERE id = ?').get(id) as ScheduleRow | undefined
  if (!r) throw new ApiError('NOT_FOUND', `There is no schedule #${id}.`)
  return r
}

export function listSchedules(db: Db, asOf: string): ScheduleStatus[] {
  return (db.prepare('SELECT * FROM disbursement_schedules ORDER BY id').all() as ScheduleRow[]).map((s) =>
    toStatus(db, s, asOf),
  )
}

export function getSchedule(db: Db, id: number, asOf: string): ScheduleStatus {
  return toStatus(db, scheduleRow(db, id), asOf)
}

/** What has fallen due on `asOf` for every schedule that is not paused. */
export function dueWork(db: Db, asOf: string): DueWork[] {
  const rows = db.prepare('SELECT * FROM disbursement_schedules WHERE paused = 0 ORDER BY id').all() as ScheduleRow[]
  return rows.flatMap((s) => occurrences(db, s, asOf).work)
}

export type NewSchedule =
  | {
      kind: 'monthly'
      name: string
      chainId: number
      safeAddress: string
      budgetLineId: number
      recipient: string
      amount: string
      dayOfMonth: number
      startsOn: string
      endsOn?: string
    }
  | { kind: 'milestones'; name: string; chainId: number; safeAddress: string; grantId: number }

export function insertSchedule(db: Db, s: NewSchedule, now = new Date()): number {
  if (s.kind === 'monthly') {
    const line = getLine(db, s.budgetLineId)
    if (line.chainId !== s.chainId)
      throw new ApiError('CONFLICT', `Budget line ${lineLabel(line)} is on chain ${line.chainId}.`)
    if (s.endsOn && s.endsOn < s.startsOn) throw new ApiError('BAD_INPUT', 'The schedule ends before it starts.')
  } else {
    const grant = getGrant(db, s.grantId)
    if (grant.status === 'rejected') throw new ApiError('CONFLICT', `Grant "${grant.title}" was rejected.`)
    if (db.prepare("SELECT 1 FROM disbursement_schedules WHERE kind = 'milestones' AND grant_id = ?").get(s.grantId))
      throw new ApiError('CONFLICT', `Grant "${grant.title}" already has a milestone schedule.`)
  }
  const m = s.kind === 'monthly' ? s : null
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO disbursement_schedules (name, kind, chain_id, safe_address, budget_line_id, recipient, amount,
         day_of_month, starts_on, ends_on, grant_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      s.name,
      s.kind,
      s.chainId,
      s.safeAddress,
      m?.budgetLineId ?? null,
      m?.recipient ?? null,
      m?.amount ?? null,
      m?.dayOfMonth ?? null,
      m?.startsOn ?? null,
      m?.endsOn ?? null,
      s.kind === 'milestones' ? s.grantId : null,
      now.toISOString(),
    )
  return Number(lastInsertRowid)
}

export function setPaused(db: Db, id: number, paused: boolean): void {
  const s = scheduleRow(db, id)
  if ((s.paused === 1) === paused)
    throw new ApiError('CONFLICT', `Schedule "${s.name}" is already ${paused ? 'paused' : 'running'}.`)
  db.prepare('UPDATE disbursement_schedules SET paused = ? WHERE id = ?').run(paused ? 1 : 0, id)
}
