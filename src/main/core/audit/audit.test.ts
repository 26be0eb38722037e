import { describe, expect, it } from 'vitest'
import { openDatabase } from '../db/open'
import { appendAuditEvent, listAuditEvents, verifyAuditChain } from './log'
import { GENESIS_HASH, eventHash } from './hash-chain'
import { createContext } from '../workspace/context'

function withEvents(count: number) {
  const db = openDatabase(':memory:')
  for (let i = 0; i < count; i++)
    appendAuditEvent(db, {
      actor: 'tester',
      action: 'thing.done',
      subject: `thing:${i}`,
      payload: { i, note: 'ünïcödé' },
    })
  return db
}

describe('audit chain', () => {
  it('links every event to the one before it', () => {
    const db = withEvents(3)
    const events = listAuditEvents(db, { limit: 10 }).reverse()
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3])
    expect(events[0].prevHash).toBe(GENESIS_HASH)
    expect(events[1].prevHash).toBe(events[0].hash)
    expect(events[2].hash).toBe(eventHash(events[1].hash, events[2]))
    expect(verifyAuditChain(db)).toEqual({ ok: true, events: 3, headHash: events[2].hash })
  })

  it('hashes canonical JSON, so key order does not matter but content does', () => {
    const base = { seq: 1, at: '2026-01-01T00:00:00.000Z', actor: 'a', action: 'b', subject: 'c' }
    expect(eventHash(GENESIS_HASH, { ...base, payload: { x: 1, y: 2 } })).toBe(
      eventHash(GENESIS_HASH, { ...base, payload: { y: 2, x: 1 } }),
    )
    expect(eventHash(GENESIS_HASH, { ...base, payload: { x: 1 } })).not.toBe(
      eventHash(GENESIS_HASH, { ...base, payload: { x: 2 } }),
    )
  })

  it('refuses UPDATE and DELETE inside SQLite', () => {
    const db = withEvents(2)
    expect(() => db.prepare("UPDATE audit_events SET actor = 'mallory' WHERE seq = 1").run()).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM audit_events WHERE seq = 2').run()).toThrow(/append-only/)
  })

  it('names the first event changed behind its back, by one byte', () => {
    const db = withEvents(5)
    // An attacker with the file can drop the triggers; the hashes still give them away.
    db.exec('DROP TRIGGER audit_events_no_update')
    db.prepare(`UPDATE audit_events SET payload = replace(payload, '"i":2', '"i":7') WHERE seq = 3`).run()
    const verdict = verifyAuditChain(db)
    expect(verdict.ok).toBe(false)
    expect(verdict.firstBadSeq).toBe(3)
    expect(verdict.reason).toMatch(/does not match its hash/)
  })

  it('finds a deleted event as a sequence gap', () => {
    const db = withEvents(4)
    db.exec('DROP TRIGGER audit_events_no_delete')
    db.prepare('DELETE FROM audit_events WHERE seq = 2').run()
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadSeq: 3 })
  })

  it('commits a change and its event together, or neither', () => {
    const db = openDatabase(':memory:')
    const ctx = createContext(db, 'cli', 'test')
    expect(() =>
      ctx.mutate({ actor: 'tester', action: 'setting.changed', subject: 'x' }, () => {
        db.prepare("INSERT INTO settings (key, value) VALUES ('x', '1')").run()
        throw new Error('crash mid-change')
      }),
    ).toThrow('crash mid-change')
    expect(db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 0 })
    expect(listAuditEvents(db, { limit: 10 })).toHaveLength(0)

    ctx.mutate({ actor: 'tester', action: 'setting.changed', subject: 'x' }, () =>
      db.prepare("INSERT INTO settings (key, value) VALUES ('x', '1')").run(),
    )
    expect(listAuditEvents(db, { limit: 10 })).toHaveLength(1)
  })
})
