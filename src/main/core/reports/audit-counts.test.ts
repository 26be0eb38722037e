import { describe, expect, it } from 'vitest'
import { openDatabase } from '../db/open'
import { appendAuditEvent, toPeriod } from '../audit'
import { WORKSPACE_USER, createContext } from '../workspace/context'
import { auditDayActorCounts } from './audit-counts'

/** The same figures by brute force: every event of the period grouped by day and actor. */
function recount(db: ReturnType<typeof openDatabase>, from: string | null, to: string | null) {
  return db
    .prepare(
      `SELECT substr(at, 1, 10) AS day, actor, count(*) AS events FROM audit_events WHERE at >= ? AND at < ?
        GROUP BY day, actor ORDER BY day, actor`,
    )
    .all(from ?? '', to ?? '\uffff')
}

describe('per-day audit counts kept as events are appended', () => {
  it('equal a full recount for whole days, partial days and open ends', () => {
    const db = openDatabase(':memory:')
    const ctx = createContext(db, 'cli', 'test')
    // Through the product's own append (ctx.mutate) and the raw append, over five days, three actors.
    const start = Date.parse('2026-03-01T00:00:00Z')
    for (let i = 0; i < 600; i++) {
      const at = new Date(start + i * 11 * 60_000 + (i % 7) * 1000)
      const actor = ['alice', 'bob', '0xCarol'][i % 3]
      if (i % 2) appendAuditEvent(db, { actor, action: 'x.y', subject: `s:${i}` }, at)
      else
        db.transaction(() => appendAuditEvent(db, { actor, action: 'x.z', subject: `s:${i}`, payload: { i } }, at))()
    }
    ctx.mutate({ actor: WORKSPACE_USER, action: 'now', subject: 'now' }, () => undefined)
    const periods: Array<[string | undefined, string | undefined]> = [
      [undefined, undefined],
      ['2026-03-02', '2026-03-03'],
      ['2026-03-01T05:30:00Z', '2026-03-03T17:45:00Z'],
      ['2026-03-02T01:00:00Z', '2026-03-02T02:00:00Z'],
      ['2026-03-02', '2026-03-02T12:00:00Z'],
      ['2026-03-03T08:00:00Z', undefined],
      [undefined, '2026-03-02T09:00:00Z'],
      ['2027-01-01', undefined],
    ]
    for (const [from, to] of periods) {
      const period = toPeriod({ from, to })
      expect(auditDayActorCounts(db, period), `${from} … ${to}`).toEqual(recount(db, period.fromIso, period.toIso))
    }
    const total = db.prepare('SELECT sum(events) FROM audit_day_counts').pluck().get()
    expect(total).toBe(601)
  })
})
