import { describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { MessagePort } from 'node:worker_threads'
import { openDatabase, type Db } from '../db/open'
import { startCoreWorker } from '../workers'
import { FileSink } from '../reports/sink'
import { CHUNK_ROWS, writeBundleEventsParallel } from '../reports/csv-parallel'
import { GENESIS_HASH, eventHash } from './hash-chain'
import { countAuditEvents } from './log'
import { ChainBrokenError, writeBundleEvents, type BundleStart } from './bundle-writer'

/** A file workspace of `events` chained events (hashed with the reference RFC 8785 `eventHash`). */
function chainedWorkspace(events: number): Db {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'bundle-par-')), 'workspace.sqlite'))
  const insert = db.prepare(
    'INSERT INTO audit_events (seq, at, actor, action, subject, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  )
  db.transaction(() => {
    let prev = GENESIS_HASH
    for (let seq = 1; seq <= events; seq++) {
      const event = {
        seq,
        at: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(),
        actor: seq % 2 ? 'ünïcödé "steward"' : '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
        action: 'thing.done',
        subject: `thing:${seq}`,
        payload: { z: seq, a: [1, 2.5, 'x\ny'], n: { b: null, a: true } },
      }
      const hash = eventHash(prev, event)
      insert.run(seq, event.at, event.actor, event.action, event.subject, JSON.stringify(event.payload), prev, hash)
      prev = hash
    }
    countAuditEvents(db, 1, events)
  })()
  db.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete')
  return db
}

function oneThread(db: Db, range: { firstSeq: number; lastSeq: number }, start: BundleStart) {
  let text = ''
  let error: unknown = null
  try {
    writeBundleEvents(db, range, start, { write: (t) => (text += t) })
  } catch (e) {
    error = e
  }
  return { text, error }
}

// From source, helper threads load through tsx: seconds on a busy machine.
describe('the bundle export on helper threads', { timeout: 180_000 }, () => {
  const events = CHUNK_ROWS * 2 + 700
  const range = { firstSeq: 1, lastSeq: events }
  const start = { firstSeq: 1, lastSeq: events, prevHash: GENESIS_HASH }
  const dir = mkdtempSync(join(tmpdir(), 'bundle-par-out-'))
  const startHelper = (data: unknown, transfer: MessagePort[]) => startCoreWorker(data, { transferList: transfer })
  const parallel = async (db: Db, file: string, helpersOnly: boolean) => {
    const sink = new FileSink(join(dir, file))
    try {
      const result = await writeBundleEventsParallel(db, range, start, sink, {
        helpers: 2,
        startHelper,
        cancelled: () => false,
        onProgress: () => {},
        helpersOnly,
      })
      sink.commit()
      return { result, text: readFileSync(join(dir, file), 'utf8'), error: null as unknown }
    } catch (error) {
      sink.abort()
      return { result: null, text: '', error }
    }
  }

  it('writes byte for byte the one-thread event lines, whatever thread re-hashed a chunk', async () => {
    const db = chainedWorkspace(events)
    const one = oneThread(db, range, start)
    expect(one.error).toBeNull()
    const helpers = await parallel(db, 'helpers.json', true)
    expect(helpers.result).toEqual({ rows: events, chunks: 3, byHelpers: 3 })
    expect(helpers.text === one.text).toBe(true)
    const mixed = await parallel(db, 'mixed.json', false)
    expect(mixed.result?.rows).toBe(events)
    expect(mixed.text === one.text).toBe(true)
    db.close()
  })

  it('names the event a one-thread walk meets first: tampered, removed, reordered', async () => {
    const late = CHUNK_ROWS * 2 + 10 // in the last chunk, which a helper may finish first
    const cases: Array<[string, (db: Db) => void, number, RegExp]> = [
      [
        'content changed in the first and the last chunk',
        (db) => {
          for (const seq of [100, late])
            db.prepare(`UPDATE audit_events SET payload = replace(payload, '"z":${seq}', '"z":0') WHERE seq = ?`).run(
              seq,
            )
        },
        100,
        /broken at event #100 \(its content does not match its hash\)/,
      ],
      [
        'the first event of a helper chunk removed',
        (db) => db.prepare('DELETE FROM audit_events WHERE seq = ?').run(CHUNK_ROWS + 1),
        CHUNK_ROWS + 2,
        new RegExp(`broken at event #${CHUNK_ROWS + 2} \\(expected #${CHUNK_ROWS + 1}\\)`),
      ],
      [
        'the last event of the first chunk removed',
        (db) => db.prepare('DELETE FROM audit_events WHERE seq = ?').run(CHUNK_ROWS),
        CHUNK_ROWS + 1,
        new RegExp(`broken at event #${CHUNK_ROWS + 1} \\(expected #${CHUNK_ROWS}\\)`),
      ],
      [
        'two events swapped in the last chunk',
        (db) => {
          db.prepare('UPDATE audit_events SET seq = -1 WHERE seq = ?').run(late)
          db.prepare('UPDATE audit_events SET seq = ? WHERE seq = ?').run(late, late + 1)
          db.prepare('UPDATE audit_events SET seq = ? WHERE seq = -1').run(late + 1)
        },
        late,
        new RegExp(`broken at event #${late} \\(its link to the previous event is wrong\\)`),
      ],
    ]
    for (const [name, change, seq, message] of cases) {
      const db = chainedWorkspace(events)
      change(db)
      const one = oneThread(db, range, start)
      expect(one.error, name).toBeInstanceOf(ChainBrokenError)
      expect((one.error as ChainBrokenError).seq, name).toBe(seq)
      expect((one.error as Error).message, name).toMatch(message)
      for (const helpersOnly of [true, false]) {
        const { error } = await parallel(db, 'broken.json', helpersOnly)
        expect(error, name).toBeInstanceOf(ChainBrokenError)
        expect((error as ChainBrokenError).seq, name).toBe(seq)
        expect((error as Error).message, name).toBe((one.error as Error).message)
      }
      db.close()
    }
  })
})
