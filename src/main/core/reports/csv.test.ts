import { describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Papa from 'papaparse'
import { openDatabase, type Db } from '../db/open'
import { countAuditEvents } from '../audit'
import { saveChain } from '../chain/store'
import { saveToken } from '../tokens/registry'
import { ACTIVITY_HEADERS, activityCells, treasuryActivityRows, type SeqRange } from './activity'
import { csvLine } from './csv'
import { writeActivityRows } from './csv-rows'
import { CHUNK_ROWS, writeActivityRowsParallel } from './csv-parallel'
import { ExportCancelled, FileSink } from './sink'
import type { MessagePort } from 'node:worker_threads'
import { startCoreWorker } from '../workers'

const TOKEN = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512'

/** Text a spreadsheet or a CSV parser could trip on. */
const NASTY = [
  'plain',
  'a,b',
  'say "hi"',
  '"',
  ',',
  'two\nlines',
  'cr\rhere',
  'crlf\r\nend',
  '=1+1',
  '+1',
  '-1',
  '@SUM(A1)',
  '\tcmd',
  '\rcmd',
  '=HYPERLINK("http://evil","x")',
  '=a\nb',
  ' leading space',
  'trailing space ',
  "'already quoted",
  'ünïcödé',
  '日本語,テキスト',
  'money 💸 "emoji"',
  'line\u2028separator',
  '',
]

function nastyPayload(i: number): string {
  const v = (k: number) => NASTY[(i + k) % NASTY.length]
  switch (i % 9) {
    case 0:
      return JSON.stringify({ note: v(0), category: v(1), proposalTitle: v(2), status: v(3) })
    case 1:
      return JSON.stringify({ signers: [v(0), v(1), 3], grant: { name: v(2), n: 1.5 }, nonce: 7, fee: 0.1 })
    case 2:
      // A known token spelled in lower case, an amount in base units, a formula in a free-text field.
      return JSON.stringify({ token: TOKEN.toLowerCase(), amount: `${i}000000000000000001`, note: v(4) })
    case 3:
      // An unknown token with a wrong checksum (kept as written), explicit decimals, a huge number.
      return JSON.stringify({
        tokenAddress: '0xABCDEF0123456789abcdef0123456789ABCDEF01',
        amount: 12345,
        decimals: 2,
        block: 1e21,
      })
    case 4:
      return JSON.stringify({ chainId: v(5), safe: v(6), milestone: null, executor: true, budgetLine: false })
    case 5:
      return '{"note": not json'
    case 6:
      return JSON.stringify([v(0), v(1)])
    case 7:
      return JSON.stringify(v(7))
    default:
      return JSON.stringify({ amount: '0000', decimals: 18, token: TOKEN, tokenSymbol: v(8), from: v(9), to: v(10) })
  }
}

function nastyWorkspace(events: number): Db {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'csv-nasty-')), 'workspace.sqlite'))
  saveChain(db, { chainId: 31337, name: 't', rpcUrl: 'http://127.0.0.1:1', isSandbox: true, contractNetwork: null })
  saveToken(db, { chainId: 31337, address: TOKEN, symbol: 'AITBC', name: 'AITBC', decimals: 18 })
  const insert = db.prepare(
    'INSERT INTO audit_events (seq, at, actor, action, subject, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const subjects = [
    'safe:31337:0x5FbDB2315678afecb367f032d93F642f64180aa3',
    'chain:31337',
    'safe:',
    'safe:=1:a,b:c',
    'x',
  ]
  db.transaction(() => {
    for (let i = 1; i <= events; i++)
      insert.run(
        i,
        new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
        i % 11 === 0 ? NASTY[i % NASTY.length] || 'u' : 'local-user',
        i % 13 === 0 ? `-${NASTY[i % NASTY.length]}` : 'x.y',
        i % 17 === 0 ? NASTY[(i + 3) % NASTY.length] : subjects[i % subjects.length],
        nastyPayload(i),
        'p',
        `h${i}`,
      )
    countAuditEvents(db, 1, events)
  })()
  return db
}

/** The straightforward writer: a fresh row object per event (treasuryActivityRows), csvLine per row. */
function referenceLines(db: Db, range: SeqRange): string {
  let out = ''
  for (const row of treasuryActivityRows(db, range)) out += csvLine(activityCells(row))
  return out
}

function written(file: string, write: (sink: FileSink) => void): string {
  const sink = new FileSink(file)
  write(sink)
  sink.commit()
  return readFileSync(file, 'utf8')
}

const FORMULA = /^[=+\-@\t\r]/

describe('the CSV writer against reference writers, on nasty rows', () => {
  const events = 600
  const db = nastyWorkspace(events)
  const range = { firstSeq: 1, lastSeq: events }
  const dir = mkdtempSync(join(tmpdir(), 'csv-out-'))

  it('writes the same bytes as a fresh row per event and csvLine', () => {
    const fast = written(join(dir, 'fast.csv'), (sink) => writeActivityRows(db, range, sink, () => {}))
    expect(fast).toBe(referenceLines(db, range))
  })

  it('means the same as papaparse unparse with formulas neutralised (RFC 4180)', () => {
    const fast = written(join(dir, 'fast.csv'), (sink) => {
      sink.write(csvLine(ACTIVITY_HEADERS))
      writeActivityRows(db, range, sink, () => {})
    })
    const raw = [...treasuryActivityRows(db, range)].map(activityCells)
    const reference = Papa.unparse([ACTIVITY_HEADERS as string[], ...raw], {
      newline: '\r\n',
      escapeFormulae: FORMULA,
    })
    const parse = (text: string) => Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n' }).data
    const ours = parse(fast)
    expect(ours.pop()).toEqual(['']) // the last line ends with CRLF
    expect(ours).toEqual(parse(reference))
    // And what a reader gets back is every cell as stored, a formula behind one apostrophe.
    expect(ours.slice(1)).toEqual(raw.map((cells) => cells.map((c) => (FORMULA.test(c) ? `'${c}` : c))))
    expect(ours.slice(1).flat()).toEqual(
      expect.arrayContaining(["'=a\nb", 'say "hi"', 'crlf\r\nend', '日本語,テキスト']),
    )
  })
})

// From source, helper threads load through tsx: seconds on a busy machine.
describe('the CSV writer on helper threads', { timeout: 120_000 }, () => {
  const events = CHUNK_ROWS * 2 + 1234
  const db = nastyWorkspace(events)
  const range = { firstSeq: 1, lastSeq: events }
  const dir = mkdtempSync(join(tmpdir(), 'csv-par-'))
  const startHelper = (data: unknown, transfer: MessagePort[]) => startCoreWorker(data, { transferList: transfer })

  it('writes in order, byte for byte the one-thread output, whatever thread encoded a chunk', async () => {
    const one = written(join(dir, 'one.csv'), (sink) => writeActivityRows(db, range, sink, () => {}))
    const progress: number[] = []
    const sink = new FileSink(join(dir, 'par.csv'))
    const result = await writeActivityRowsParallel(db, range, sink, {
      helpers: 2,
      startHelper,
      cancelled: () => false,
      onProgress: (done) => progress.push(done),
      helpersOnly: true,
    })
    sink.commit()
    expect(result).toEqual({ rows: events, chunks: 3, byHelpers: 3 })
    expect(readFileSync(join(dir, 'par.csv'), 'utf8') === one).toBe(true)
    expect(progress[progress.length - 1]).toBe(events)

    const mixed = new FileSink(join(dir, 'mixed.csv'))
    const shared = await writeActivityRowsParallel(db, range, mixed, {
      helpers: 1,
      startHelper,
      cancelled: () => false,
      onProgress: () => {},
    })
    mixed.commit()
    expect(shared.rows).toBe(events)
    expect(readFileSync(join(dir, 'mixed.csv'), 'utf8') === one).toBe(true)
  })

  it('stops every thread on cancel', async () => {
    const sink = new FileSink(join(dir, 'cancelled.csv'))
    let asked = 0
    await expect(
      writeActivityRowsParallel(db, range, sink, {
        helpers: 1,
        startHelper,
        cancelled: () => ++asked > 1,
        onProgress: () => {},
      }),
    ).rejects.toBeInstanceOf(ExportCancelled)
    sink.abort()
  })
})
