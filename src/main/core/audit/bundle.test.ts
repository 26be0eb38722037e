import { describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Wallet } from 'ethers'
import canonicalize from 'canonicalize'
import { openDatabase } from '../db/open'
import { appendAuditEvent } from './log'
import { GENESIS_HASH, eventHash, jcs, parsedEventHash } from './hash-chain'
import { anchorMessage, signAuditHead, verifyAuditAnchor } from './anchor'
import { auditSlice, toPeriod } from './range'
import { verifyAuditBundleFile, verifyAuditBundleText } from './verify-bundle'
import { runExport } from '../reports/export'

const steward = new Wallet('0x' + '11'.repeat(32))

function workspace(count: number) {
  const db = openDatabase(':memory:')
  for (let i = 1; i <= count; i++)
    appendAuditEvent(
      db,
      {
        actor: 'tester',
        action: 'thing.done',
        subject: `thing:${i}`,
        payload: { i, note: 'ünïcödé, "quoted"', n: [1, 2.5] },
      },
      new Date(Date.UTC(2026, 0, i)),
    )
  return db
}

async function exportBundle(count: number, opts: { from?: string; to?: string; sign?: boolean } = {}) {
  const db = workspace(count)
  const slice = auditSlice(db, toPeriod(opts))!
  const anchor = opts.sign ? await signAuditHead(steward, { seq: slice.lastSeq, hash: slice.headHash }) : null
  const file = join(mkdtempSync(join(tmpdir(), 'bundle-')), 'audit.json')
  await runExport(db, { format: 'json', period: opts, generator: 'test', anchor, expectedSlice: slice }, file)
  return { db, file, slice }
}

/** Changes one byte of the line holding event `seq`. */
function tamper(file: string, seq: number, from: string, to: string) {
  const lines = readFileSync(file, 'utf8').split('\n')
  const index = lines.findIndex((l) => l.startsWith(`{"seq":${seq},`))
  expect(lines[index]).toContain(from)
  lines[index] = lines[index].replace(from, to)
  writeFileSync(file, lines.join('\n'))
}

describe('fast canonical hashing', () => {
  it('equals the RFC 8785 reference on awkward payloads', () => {
    const payloads: unknown[] = [
      null,
      { b: 1, a: [true, false, null], é: 'x', A: { z: -0, y: 1e21, x: 0.1 + 0.2 } },
      ['\u2028', '\ud83d\ude00', 'tab\there', { '': 'empty key', '\u0000': 'nul' }],
      { big: 123456789012345680000, small: 5e-324, neg: -1.5, unicodeKeys: { ä: 1, z: 2, Z: 3, '\ud800\udc00': 4 } },
      'just text',
      42,
    ]
    for (const payload of payloads) {
      const parsed = JSON.parse(JSON.stringify(payload)) as unknown
      expect(jcs(parsed)).toBe(canonicalize(parsed))
      const event = {
        seq: 7,
        at: '2026-01-01T00:00:00.000Z',
        actor: 'a"b',
        action: 'x.y',
        subject: 's:1',
        payload: parsed,
      }
      expect(parsedEventHash(GENESIS_HASH, 7, event.at, event.actor, event.action, event.subject, parsed)).toBe(
        eventHash(GENESIS_HASH, event),
      )
    }
  })
})

describe('steward anchor (EIP-191)', () => {
  it('signs the head and recovers the steward', async () => {
    const head = { seq: 12, hash: 'ab'.repeat(32) }
    const anchor = await signAuditHead(steward, head)
    expect(anchor.message).toBe(anchorMessage(head))
    expect(anchor.address).toBe(steward.address)
    expect(verifyAuditAnchor(anchor, head)).toEqual({ ok: true, address: steward.address })
  })

  it('refuses an anchor over another head, a forged address or a changed message', async () => {
    const head = { seq: 12, hash: 'ab'.repeat(32) }
    const anchor = await signAuditHead(steward, head)
    expect(verifyAuditAnchor(anchor, { seq: 11, hash: head.hash })).toMatchObject({ ok: false })
    const other = Wallet.createRandom().address
    expect(verifyAuditAnchor({ ...anchor, address: other }, head)).toMatchObject({
      ok: false,
      reason: expect.stringContaining(steward.address),
    })
    expect(verifyAuditAnchor({ ...anchor, message: anchor.message + ' ' }, head)).toMatchObject({ ok: false })
    expect(verifyAuditAnchor({ ...anchor, signature: '0x1234' }, head)).toMatchObject({ ok: false })
  })
})

describe('JSON audit bundle', () => {
  it('verifies from the file alone, with the steward signature', async () => {
    const { file, slice } = await exportBundle(5, { sign: true })
    const verdict = await verifyAuditBundleFile(file)
    expect(verdict).toMatchObject({
      ok: true,
      events: 5,
      firstSeq: 1,
      lastSeq: 5,
      prevHash: GENESIS_HASH,
      headHash: slice.headHash,
      anchor: { ok: true, address: steward.address },
    })
    // Plain JSON: any parser reads it, and re-indenting it (jq, an editor) keeps it verifiable.
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { events: unknown[] }
    expect(parsed.events).toHaveLength(5)
    const pretty = join(mkdtempSync(join(tmpdir(), 'bundle-')), 'pretty.json')
    writeFileSync(pretty, JSON.stringify(parsed, null, 2))
    expect(await verifyAuditBundleFile(pretty)).toMatchObject({ ok: true, events: 5 })
    expect(verifyAuditBundleText(JSON.stringify(parsed))).toMatchObject({ ok: true })
  })

  it('exports a middle range with the hash before its first event', async () => {
    const { file, db } = await exportBundle(6, { from: '2026-01-03', to: '2026-01-04' })
    const verdict = await verifyAuditBundleFile(file)
    expect(verdict).toMatchObject({ ok: true, firstSeq: 3, lastSeq: 4, events: 2 })
    expect(verdict.prevHash).toBe(db.prepare('SELECT hash FROM audit_events WHERE seq = 2').pluck().get())
  })

  it('names the event whose content changed by one byte', async () => {
    const { file } = await exportBundle(6)
    tamper(file, 4, '"i":4', '"i":5')
    expect(await verifyAuditBundleFile(file)).toMatchObject({
      ok: false,
      firstBadSeq: 4,
      events: 3,
      line: 5,
      reason: 'event content does not match its hash',
    })
  })

  it('names the event whose time, actor or hash changed, and a removed or reordered event', async () => {
    for (const [seq, from, to] of [
      [2, '2026-01-02', '2026-01-03'],
      [3, '"actor":"tester"', '"actor":"testes"'],
      [5, '"hash":"', '"hash":"0'],
    ] as const) {
      const { file } = await exportBundle(6)
      tamper(file, seq, from, to)
      expect(await verifyAuditBundleFile(file), `event ${seq}`).toMatchObject({ ok: false, firstBadSeq: seq })
    }
    const { file } = await exportBundle(6)
    const lines = readFileSync(file, 'utf8').split('\n')
    writeFileSync(file, [...lines.slice(0, 3), ...lines.slice(4)].join('\n')) // drop event #3
    expect(await verifyAuditBundleFile(file)).toMatchObject({ ok: false, firstBadSeq: 3, reason: /sequence broken/ })
  })

  it('catches a one-byte change that breaks the JSON, and a file cut short', async () => {
    const { file } = await exportBundle(4)
    tamper(file, 2, '"seq":2,', '"seq":2;')
    expect(await verifyAuditBundleFile(file)).toMatchObject({ ok: false, firstBadSeq: 2, line: 3 })
    const cut = await exportBundle(4)
    const text = readFileSync(cut.file, 'utf8')
    writeFileSync(cut.file, text.slice(0, text.lastIndexOf('{"seq":4')))
    expect(await verifyAuditBundleFile(cut.file)).toMatchObject({ ok: false })
  })

  it('detects a truncated end with an edited header only through the steward signature', async () => {
    const { file, db } = await exportBundle(5, { sign: true })
    const lines = readFileSync(file, 'utf8').split('\n')
    const header = JSON.parse(lines[0].replace(/,"events":\[$/, '}')) as Record<string, unknown>
    const hash4 = db.prepare('SELECT hash FROM audit_events WHERE seq = 4').pluck().get() as string
    const edited = { ...header, range: { ...(header.range as object), lastSeq: 4, events: 4 }, headHash: hash4 }
    const truncated = [
      JSON.stringify(edited).slice(0, -1) + ',"events":[',
      ...lines.slice(1, 4),
      lines[4].replace(/,$/, ''),
      ']}',
      '',
    ]
    writeFileSync(file, truncated.join('\n'))
    const verdict = await verifyAuditBundleFile(file)
    expect(verdict.ok).toBe(false)
    expect(verdict.anchor).toMatchObject({ ok: false })
    expect(verdict.reason).toMatch(/steward signature/)
  })

  it('refuses files that are not bundles, with a reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'))
    const cases: Array<[string, RegExp]> = [
      ['', /not valid JSON/],
      ['{"format":"something-else","events":[]}', /not an aitbc-treasury.audit-bundle/],
      ['[1,2]', /not an audit bundle/],
    ]
    for (const [text, reason] of cases) {
      writeFileSync(join(dir, 'f.json'), text)
      expect((await verifyAuditBundleFile(join(dir, 'f.json'))).reason).toMatch(reason)
    }
    expect((await verifyAuditBundleFile(join(dir, 'missing.json'))).reason).toMatch(/cannot read/)
  })

  it('refuses to export a database whose events were changed behind its back', async () => {
    const db = workspace(4)
    db.exec('DROP TRIGGER audit_events_no_update')
    db.prepare(`UPDATE audit_events SET payload = replace(payload, '"i":3', '"i":9') WHERE seq = 3`).run()
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'))
    await expect(runExport(db, { format: 'json', period: {}, generator: 'test' }, join(dir, 'a.json'))).rejects.toThrow(
      /broken at event #3/,
    )
    expect(readdirSync(dir)).toEqual([]) // no partial file, not even the temporary one
  })

  it('gives the same verdict when worker threads check the events in batches', { timeout: 300_000 }, async () => {
    const { file } = await exportBundle(5000)
    const original = readFileSync(file, 'utf8')
    // [change, verifies, reason of the failure]
    const cases: Array<[(lines: string[]) => void, boolean, RegExp?]> = [
      [() => {}, true],
      // inside the second batch
      [(lines) => (lines[3000] = lines[3000].replace('"i":3000', '"i":3001')), false, /does not match its hash/],
      // first event of a batch
      [(lines) => (lines[2049] = lines[2049].replace('"i":2049', '"i":2050')), false, /does not match its hash/],
      [(lines) => (lines[4100] = lines[4100].replace('"seq":4100,', '"seq":4100;')), false, /not a valid JSON/],
      [(lines) => lines.splice(2049, 1), false, /sequence broken/], // an event missing at a batch boundary
      // reordered: two events swapped
      [(lines) => ([lines[1500], lines[1501]] = [lines[1501], lines[1500]]), false, /sequence broken/],
      // a wrong head in the header
      [(lines) => (lines[0] = lines[0].replace(/"headHash":"[0-9a-f]/, '"headHash":"x')), false, /headHash/],
      [
        (lines) => (lines[0] = lines[0].replace(/"headHash":"[0-9a-f]{64}"/, `"headHash":"${'ab'.repeat(32)}"`)),
        false,
        /not the head/,
      ],
      // the events are handed to the helpers as spans of the file joined by ",\n": a stray comma of an event's own,
      // at a span's end or inside one, is still not valid JSON
      [(lines) => (lines[2500] += ','), false, /not a valid JSON/],
      [(lines) => (lines[2500] += ',\n'), false, /not a valid JSON/],
      // JSON whitespace around and between events is allowed; a blank line ends a span
      [(lines) => (lines[1200] = ` \t${lines[1200].slice(0, -1)} ,\r`), true],
      [(lines) => lines.splice(2600, 0, '', '  '), true],
    ]
    for (const [i, [change, verifies, reason]] of cases.entries()) {
      const lines = original.split('\n')
      change(lines)
      writeFileSync(file, lines.join('\n'))
      const sequential = await verifyAuditBundleFile(file, { workers: 0 })
      for (const workers of [1, 2])
        expect(await verifyAuditBundleFile(file, { workers }), `case ${i}`).toEqual(sequential)
      expect(sequential.ok, `case ${i}: ${sequential.reason}`).toBe(verifies)
      if (reason) expect(sequential.reason, `case ${i}`).toMatch(reason)
    }
  })
})
