import { describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, type Db } from '../db/open'
import { createContext } from '../workspace/context'
import { appendAuditEvent, appendAuditEvents, verifyAuditChain, type NewAuditEvent } from './log'

/** The counts as migration 0014's trigger kept them: every event grouped by its UTC day and actor. */
const recount = (db: Db) =>
  db
    .prepare('SELECT substr(at, 1, 10) AS day, actor, count(*) AS events FROM audit_events GROUP BY 1, 2 ORDER BY 1, 2')
    .all()
const stored = (db: Db) => db.prepare('SELECT day, actor, events FROM audit_day_counts ORDER BY 1, 2').all()
const trail = (db: Db) => db.prepare('SELECT * FROM audit_events ORDER BY seq').all()

/** Voter-like events: many actors, a few of them repeated, payloads of the vote import's shape. */
function events(n: number, tag: string): NewAuditEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    actor: i % 5 === 0 ? '0xRepeated' : `0xvoter${tag}${i}`,
    action: 'governance.votes.imported',
    subject: `governance-proposal:${tag}`,
    payload: { stored: 1, votes: [{ support: 'for', weight: String(i), n: i / 4 }], note: 'ü "q"' },
  }))
}

const day = (d: number, h = 12) => new Date(Date.UTC(2026, 2, d, h, 0, 0, 123))

describe('audit day counts kept by the appenders (the trigger of 0014 dropped by 0025)', () => {
  it('no trigger counts inserts any more: only the append-only guards remain on audit_events', () => {
    const db = openDatabase(':memory:')
    const triggers = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_events' ORDER BY name")
      .pluck()
      .all()
    expect(triggers).toEqual(['audit_events_no_delete', 'audit_events_no_update'])
  })

  it('equal a recount after single appends, alone, in a transaction and through ctx.mutate, over days and actors', () => {
    const db = openDatabase(':memory:')
    const ctx = createContext(db, 'cli', 'test')
    appendAuditEvent(db, { actor: 'alice', action: 'a.b', subject: 's' }, day(1, 23))
    expect(stored(db)).toEqual([{ day: '2026-03-01', actor: 'alice', events: 1 }])
    db.transaction(() => {
      appendAuditEvent(db, { actor: 'alice', action: 'a.b', subject: 's' }, day(1, 23))
      appendAuditEvent(db, { actor: 'bob', action: 'a.b', subject: 's' }, day(2, 0))
    })()
    ctx.mutate({ actor: 'carol', action: 'c.d', subject: 's' }, () => undefined)
    expect(stored(db)).toEqual(recount(db))
    expect(stored(db)).toContainEqual({ day: '2026-03-01', actor: 'alice', events: 2 })
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, events: 4 })
  })

  it('a bulk append stores the same events, hashes and counts as one append each', () => {
    const one = openDatabase(':memory:')
    const bulk = openDatabase(':memory:')
    for (const db of [one, bulk]) appendAuditEvent(db, { actor: '0xRepeated', action: 'x', subject: 's' }, day(3))
    const first = events(1_500, 'p1')
    const second = events(700, 'p2')
    one.transaction(() => {
      for (const e of first) appendAuditEvent(one, e, day(3))
      appendAuditEvent(one, { actor: 'local-user', action: 'governance.votes.refused', subject: 's' }, day(3))
      for (const e of second) appendAuditEvent(one, e, day(4, 0))
    })()
    bulk.transaction(() => {
      appendAuditEvents(bulk, first, day(3))
      appendAuditEvent(bulk, { actor: 'local-user', action: 'governance.votes.refused', subject: 's' }, day(3))
      appendAuditEvents(bulk, second.values(), day(4, 0)) // any iterable
    })()
    expect(trail(bulk)).toEqual(trail(one))
    expect(stored(bulk)).toEqual(recount(bulk))
    expect(stored(one)).toEqual(recount(one))
    expect(stored(bulk)).toContainEqual({ day: '2026-03-03', actor: '0xRepeated', events: 1 + 300 })
    expect(verifyAuditChain(bulk)).toMatchObject({ ok: true, events: 1 + 1_500 + 1 + 700 })
    // Outside a transaction it makes its own; nothing to append appends nothing.
    appendAuditEvents(bulk, events(10, 'p3'), day(5))
    appendAuditEvents(bulk, [], day(5))
    expect(stored(bulk)).toEqual(recount(bulk))
    expect(verifyAuditChain(bulk).events).toBe(2_212)
  })

  it('stores the payload text and hash of the single JSON round trip, awkward payloads included', () => {
    const db = openDatabase(':memory:')
    const payloads: unknown[] = [
      { b: 1, a: 2, 10: 'ten', 2: 'two', nested: { z: [1, -0, 1e21, 0.1 + 0.2, null] } },
      { when: new Date(Date.UTC(2026, 0, 2)), text: 'lone \ud800 surrogate, ü, "quotes", \n', gone: undefined },
      ['x', undefined, { __proto__: null, k: true }],
      null,
    ]
    appendAuditEvents(
      db,
      payloads.map((payload) => ({ actor: 'alice', action: 'p', subject: 's', payload })),
      day(8),
    )
    const texts = db.prepare('SELECT payload FROM audit_events ORDER BY seq').pluck().all()
    // What the appender stored before (the payload through JSON and back, then written again).
    expect(texts).toEqual(payloads.map((p) => JSON.stringify(JSON.parse(JSON.stringify(p ?? null)))))
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, events: 4 })
  })

  it('a rolled-back transaction leaves the counts and the chain as they were, as does a bulk append that fails midway', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'day-counts-')), 'workspace.sqlite'))
    appendAuditEvents(db, events(50, 'before'), day(6))
    const counts = stored(db)
    const chain = verifyAuditChain(db)
    expect(() =>
      db.transaction(() => {
        appendAuditEvents(db, events(400, 'lost'), day(6))
        appendAuditEvent(db, { actor: 'alice', action: 'a.b', subject: 's' }, day(7))
        throw new Error('crash mid-write')
      })(),
    ).toThrow('crash mid-write')
    // An event without an actor is refused halfway through the bulk append's own transaction.
    const bad = [...events(30, 'half'), { actor: ' ', action: 'x', subject: 's' }, ...events(5, 'after')]
    expect(() => appendAuditEvents(db, bad, day(6))).toThrow(/has no actor/)
    expect(stored(db)).toEqual(counts)
    expect(stored(db)).toEqual(recount(db))
    expect(verifyAuditChain(db)).toEqual(chain)
    // And the next append goes on from the same head, counted.
    appendAuditEvents(db, events(20, 'next'), day(6))
    expect(stored(db)).toEqual(recount(db))
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, events: 70 })
    db.close()
  })
})
