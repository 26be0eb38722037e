import type { Db } from '../db/open'
import type { Period } from '../audit'

export interface DayActorCount {
  day: string
  actor: string
  events: number
}

const MIDNIGHT = 'T00:00:00.000Z'
const nextDay = (day: string) => new Date(Date.parse(day + MIDNIGHT) + 86_400_000).toISOString().slice(0, 10)

/**
 * Audit events per UTC day and actor in the period. Whole days come from `audit_day_counts` (kept by the audit
 * appenders as events are appended, migrations 0014 and 0025); a period that starts or ends inside a day counts that part of the day from
 * the events themselves (an index range of at most one day).
 */
export function auditDayActorCounts(db: Db, period: Period): DayActorCount[] {
  const from = period.fromIso
  const to = period.toIso
  const partial: Array<[string, string]> = []
  let fullFrom = ''
  let fullTo = '\uffff'
  if (from && to && from.slice(0, 10) === to.slice(0, 10) && !to.endsWith(MIDNIGHT)) {
    partial.push([from, to])
    fullTo = fullFrom
  } else {
    if (from) {
      fullFrom = from.endsWith(MIDNIGHT) ? from.slice(0, 10) : nextDay(from.slice(0, 10))
      if (!from.endsWith(MIDNIGHT)) partial.push([from, fullFrom + MIDNIGHT])
    }
    if (to) {
      fullTo = to.slice(0, 10)
      if (!to.endsWith(MIDNIGHT)) partial.push([fullTo + MIDNIGHT, to])
    }
  }
  const rows: DayActorCount[] = []
  if (fullFrom < fullTo)
    rows.push(
      ...(db
        .prepare('SELECT day, actor, events FROM audit_day_counts WHERE day >= ? AND day < ? ORDER BY day, actor')
        .all(fullFrom, fullTo) as DayActorCount[]),
    )
  const direct = db.prepare(
    `SELECT substr(at, 1, 10) AS day, actor, count(*) AS events FROM audit_events WHERE at >= ? AND at < ?
      GROUP BY day, actor`,
  )
  for (const [a, b] of partial) rows.push(...(direct.all(a, b) as DayActorCount[]))
  return rows.sort((x, y) => x.day.localeCompare(y.day) || x.actor.localeCompare(y.actor))
}

export function countsPerDay(rows: DayActorCount[]): Array<{ label: string; count: number }> {
  const days = new Map<string, number>()
  for (const r of rows) days.set(r.day, (days.get(r.day) ?? 0) + r.events)
  return [...days].map(([label, count]) => ({ label, count }))
}

export function countsPerActor(rows: DayActorCount[]): Map<string, number> {
  const actors = new Map<string, number>()
  for (const r of rows) actors.set(r.actor, (actors.get(r.actor) ?? 0) + r.events)
  return actors
}
