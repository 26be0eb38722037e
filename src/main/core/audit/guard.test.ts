import { describe, expect, it } from 'vitest'
import { openDatabase } from '../db/open'
import { appendAuditEvent, verifyAuditChain } from './log'
import {
  AuditGuard,
  auditVerdict,
  guardAuditChain,
  readAuditCheckpoint,
  saveAuditCheckpoint,
  verifyAuditChainSliced,
  verifyAuditTail,
} from './guard'

function withEvents(count: number) {
  const db = openDatabase(':memory:')
  append(db, count)
  return db
}

function append(db: ReturnType<typeof openDatabase>, count: number) {
  for (let i = 0; i < count; i++)
    appendAuditEvent(db, { actor: 'tester', action: 'thing.done', subject: `thing:${i}`, payload: { i } })
}

function tamper(db: ReturnType<typeof openDatabase>, seq: number) {
  db.exec('DROP TRIGGER IF EXISTS audit_events_no_update')
  db.prepare(`UPDATE audit_events SET payload = '{"i":-1}' WHERE seq = ?`).run(seq)
}

describe('checkpointed audit verification', () => {
  it('the sliced full walk gives the same verdict as verifyAuditChain', async () => {
    const db = withEvents(1200)
    expect(await verifyAuditChainSliced(db, { sliceMs: 1 })).toEqual(verifyAuditChain(db))
    tamper(db, 777)
    const verdict = await verifyAuditChainSliced(db, { sliceMs: 1 })
    expect(verdict).toEqual(verifyAuditChain(db))
    expect(verdict).toMatchObject({ ok: false, firstBadSeq: 777 })
  })

  it('a passed walk leaves a checkpoint; the next start checks only its event and those after it', async () => {
    const db = withEvents(50)
    const guard = guardAuditChain(db)
    expect(await guard.verdict()).toMatchObject({ ok: true, events: 50 })
    expect(readAuditCheckpoint(db)).toMatchObject({ seq: 50 })
    append(db, 5)
    expect(verifyAuditTail(db)).toMatchObject({ ok: true, events: 55 })
  })

  it('finds tampering after the checkpoint at start, before any walk', () => {
    const db = withEvents(40)
    saveAuditCheckpoint(db, 30, verifyChainHead(db, 30))
    tamper(db, 35)
    const lines: string[] = []
    const guard = new AuditGuard(db, (l) => lines.push(l))
    expect(guard.early).toMatchObject({ ok: false, firstBadSeq: 35 })
    expect(lines.join('\n')).toMatch(/AUDIT CHAIN BROKEN at event #35/)
  })

  it("finds tampering with the checkpoint's own event at start", () => {
    const db = withEvents(40)
    saveAuditCheckpoint(db, 30, verifyChainHead(db, 30))
    tamper(db, 30)
    expect(verifyAuditTail(db)).toMatchObject({ ok: false, firstBadSeq: 30, reason: /does not match its hash/ })
  })

  it('finds a forged checkpoint (hash not the event’s) and a checkpoint past the end', () => {
    const db = withEvents(10)
    saveAuditCheckpoint(db, 5, 'f'.repeat(64))
    expect(verifyAuditTail(db)).toMatchObject({ ok: false, firstBadSeq: 5 })
    saveAuditCheckpoint(db, 20, 'f'.repeat(64))
    expect(verifyAuditTail(db)).toMatchObject({ ok: false, firstBadSeq: 20, reason: /missing/ })
  })

  it('finds tampering BEFORE the checkpoint with the background walk, and audit.verify reports it', async () => {
    const db = withEvents(60)
    saveAuditCheckpoint(db, 50, verifyChainHead(db, 50))
    tamper(db, 7)
    const lines: string[] = []
    const guard = guardAuditChain(db, (l) => lines.push(l))
    // The quick check cannot see it (event 7 is before the checkpoint) …
    expect(guard.early.ok).toBe(true)
    // … the full walk does, and that is what the banner's call answers.
    expect(await auditVerdict(db)).toMatchObject({ ok: false, firstBadSeq: 7 })
    expect(lines.join('\n')).toMatch(/AUDIT CHAIN BROKEN at event #7/)
    // No checkpoint is moved past a broken chain.
    expect(readAuditCheckpoint(db)).toMatchObject({ seq: 50 })
  })

  it('without a guard, audit.verify still walks the whole chain', async () => {
    const db = withEvents(20)
    tamper(db, 3)
    expect(await auditVerdict(db)).toMatchObject({ ok: false, firstBadSeq: 3 })
  })
})

function verifyChainHead(db: ReturnType<typeof openDatabase>, seq: number): string {
  return (db.prepare('SELECT hash FROM audit_events WHERE seq = ?').get(seq) as { hash: string }).hash
}
