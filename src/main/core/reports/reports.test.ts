import { describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, type Db } from '../db/open'
import { appendAuditEvent, countAuditEvents, parsePeriodBound, toPeriod } from '../audit'
import { createContext } from '../workspace/context'
import { saveChain } from '../chain/store'
import { saveToken } from '../tokens/registry'
import { csvCell, csvLine } from './csv'
import { ACTIVITY_HEADERS, treasuryActivityRows, type ActivitySource } from './activity'
import { runExport } from './export'
import { createExportJobs, type ExportJobs } from './jobs'
import { workerEntry } from '../workers'
import type { ExportJob } from '../../../shared/contract/reports'

const TOKEN = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512'

function seeded(events: Array<{ action: string; subject: string; payload: unknown; at?: string }>): Db {
  const db = openDatabase(':memory:')
  const ctx = createContext(db, 'cli', 'test')
  ctx.mutate({ actor: 'tester', action: 'chain.connected', subject: 'chain:31337' }, () => {
    saveChain(db, {
      chainId: 31337,
      name: 'test',
      rpcUrl: 'http://127.0.0.1:1',
      isSandbox: true,
      contractNetwork: null,
    })
    saveToken(db, { chainId: 31337, address: TOKEN, symbol: 'AITBC', name: 'AITBC', decimals: 18 })
  })
  for (const e of events) appendAuditEvent(db, { actor: 'local-user', ...e }, e.at ? new Date(e.at) : new Date())
  return db
}

describe('CSV cells', () => {
  it('neutralises spreadsheet formulas with a leading apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`)
    expect(csvCell('+1+1')).toBe("'+1+1")
    expect(csvCell('-2+3')).toBe("'-2+3")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('\tcmd')).toBe("'\tcmd")
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`)
    expect(csvCell('a=b')).toBe('a=b')
    expect(csvCell('1000')).toBe('1000')
  })

  it('quotes commas, quotes and line breaks (RFC 4180) and leaves plain text alone', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell('')).toBe('')
    expect(csvLine(['x', 'y,z', ''])).toBe('x,"y,z",\r\n')
  })
})

describe('treasury activity rows', () => {
  it('fills the auditor columns from subjects and the payload convention', () => {
    const db = seeded([
      {
        action: 'safe.tx.executed',
        subject: 'safe:31337:0x5FbDB2315678afecb367f032d93F642f64180aa3',
        payload: {
          nonce: 4,
          safeTxHash: '0x' + 'aa'.repeat(32),
          txHash: '0x' + 'bb'.repeat(32),
          to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
          token: TOKEN.toLowerCase(),
          amount: '1500000000000000000',
          category: 'Grants',
          signers: ['0x1', '0x2'],
          note: '=cmd|/C calc',
        },
      },
      { action: 'setting.changed', subject: 'setting:x', payload: { before: 1, after: 2 } },
    ])
    const rows = [...treasuryActivityRows(db, { firstSeq: 1, lastSeq: 3 })]
    expect(rows).toHaveLength(3)
    expect(rows[0]).toMatchObject({ chainId: '31337', auditAction: 'chain.connected', amount: '' })
    expect(rows[1]).toMatchObject({
      chainId: '31337',
      safe: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
      nonce: '4',
      tokenSymbol: 'AITBC',
      tokenAddress: TOKEN,
      amount: '1.5',
      amountBaseUnits: '1500000000000000000',
      decimals: '18',
      category: 'Grants',
      signers: '0x1;0x2',
      auditSeq: '2',
    })
    expect(rows[2]).toMatchObject({ auditAction: 'setting.changed', safe: '', amount: '' })
  })

  it('lets a capability add its own source for its actions', () => {
    const db = seeded([{ action: 'proposal.created', subject: 'proposal:7', payload: {} }])
    const proposals: ActivitySource = {
      name: 'proposals',
      handles: (action) => action.startsWith('proposal.'),
      prepare: () => (row, event) => {
        row.proposalTitle = `Proposal ${event.subject.split(':')[1]}`
        row.status = 'proposed'
      },
    }
    const rows = [...treasuryActivityRows(db, { firstSeq: 1, lastSeq: 2 }, [proposals])]
    expect(rows[0].proposalTitle).toBe('')
    expect(rows[1]).toMatchObject({ proposalTitle: 'Proposal 7', status: 'proposed' })
  })

  it('exports any date range as CSV with a header row and escaped cells', async () => {
    const db = seeded([
      { action: 'a.one', subject: 'x:1', payload: { note: 'first, "quoted"' }, at: '2026-02-01T10:00:00.000Z' },
      { action: 'a.two', subject: 'x:2', payload: { note: '@evil' }, at: '2026-02-02T10:00:00.000Z' },
      { action: 'a.three', subject: 'x:3', payload: {}, at: '2026-02-03T10:00:00.000Z' },
    ])
    const file = join(mkdtempSync(join(tmpdir(), 'csv-')), 'out.csv')
    const outcome = await runExport(
      db,
      { format: 'csv', period: { from: '2026-02-01', to: '2026-02-02' }, generator: 't' },
      file,
    )
    expect(outcome.events).toBe(2)
    const lines = readFileSync(file, 'utf8').split('\r\n')
    expect(lines[0]).toBe(ACTIVITY_HEADERS.join(','))
    expect(lines[0]).toMatch(/^utc_time,chain_id,safe,nonce,safe_tx_hash,tx_hash,block,from,to,token_symbol/)
    expect(lines).toHaveLength(4) // header, 2 rows, trailing empty
    expect(lines[1]).toContain('"first, ""quoted"""')
    expect(lines[2]).toContain(",'@evil,")
  })
})

describe('periods', () => {
  it('reads days as whole UTC days and instants to the millisecond', () => {
    expect(toPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({
      fromIso: '2026-03-01T00:00:00.000Z',
      toIso: '2026-04-01T00:00:00.000Z',
    })
    expect(parsePeriodBound('2026-03-01T12:00:00+02:00', true)).toBe('2026-03-01T10:00:00.001Z')
    expect(() => parsePeriodBound('2026-02-30', false)).toThrow(/not a calendar date/)
    expect(() => toPeriod({ from: '2026-03-02', to: '2026-03-01' })).toThrow(/ends .* before it starts/)
  })
})

async function until(jobs: ExportJobs, id: string, done: (j: ExportJob) => boolean): Promise<ExportJob> {
  for (let i = 0; i < 600; i++) {
    const job = jobs.status(id)!
    if (done(job)) return job
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('export job did not settle')
}

// From source the worker loads through tsx, which takes seconds on a busy machine.
describe('export jobs', { timeout: 60_000 }, () => {
  it('runs in a worker thread with its own connection, reports progress and lands the file', async () => {
    expect(workerEntry()).not.toBeNull()
    const dir = mkdtempSync(join(tmpdir(), 'jobs-'))
    const db = openDatabase(join(dir, 'workspace.sqlite'))
    for (let i = 0; i < 300; i++) appendAuditEvent(db, { actor: 'u', action: 'x.y', subject: `s:${i}`, payload: { i } })
    const jobs = createExportJobs({ db, exportsDir: join(dir, 'exports'), generator: 'test' })
    const started = jobs.start({ format: 'json', period: {} })
    expect(started).toMatchObject({ state: 'running', format: 'json' })
    expect(started.fileName).toMatch(/^audit-bundle_start_now_\d{8}T\d{6}Z\.json$/)
    const job = await until(jobs, started.id, (j) => j.state !== 'running')
    expect(job).toMatchObject({ state: 'done', events: 300, done: 300, total: 300, etaSeconds: 0 })
    expect(jobs.files().map((f) => f.name)).toEqual([started.fileName])
    expect(jobs.resolveFile(started.fileName)).toBe(join(dir, 'exports', started.fileName))
    expect(jobs.resolveFile('../workspace.sqlite')).toBeNull()
    await jobs.close()
    db.close()
  })

  it('writes a long CSV in slices on helper threads, byte for byte the one-thread export', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobs-'))
    const db = openDatabase(join(dir, 'workspace.sqlite'))
    const insert = db.prepare(
      'INSERT INTO audit_events (seq, at, actor, action, subject, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    db.transaction(() => {
      for (let i = 1; i <= 120_000; i++)
        insert.run(
          i,
          '2026-01-01T00:00:00.000Z',
          'u',
          'x.y',
          `safe:1:0x${i}`,
          `{"note":"row ${i}, \\"q\\""}`,
          'p',
          `h${i}`,
        )
      countAuditEvents(db, 1, 120_000)
    })()
    const seen: number[] = []
    const one = await runExport(db, { format: 'csv', period: {}, generator: 't' }, join(dir, 'one.csv'))
    const sliced = await runExport(db, { format: 'csv', period: {}, generator: 't' }, join(dir, 'sliced.csv'), {
      helpers: 2,
      onProgress: (done) => seen.push(done),
    })
    expect(sliced.events).toBe(120_000)
    expect(readFileSync(join(dir, 'sliced.csv')).equals(readFileSync(join(dir, 'one.csv')))).toBe(true)
    expect(one.bytes).toBe(sliced.bytes)
    expect(seen[seen.length - 1]).toBe(120_000)
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]) // parts appended and removed
    db.close()
  })

  it('cancels a long export and leaves no file behind, partial or final', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobs-'))
    const db = openDatabase(join(dir, 'workspace.sqlite'))
    const insert = db.prepare(
      'INSERT INTO audit_events (seq, at, actor, action, subject, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    // Hashes do not matter to the CSV export; many rows make it long enough to cancel midway.
    db.transaction(() => {
      for (let i = 1; i <= 400_000; i++)
        insert.run(i, '2026-01-01T00:00:00.000Z', 'u', 'x.y', `s:${i}`, '{"note":"row"}', 'p', `h${i}`)
      countAuditEvents(db, 1, 400_000)
    })()
    const jobs = createExportJobs({ db, exportsDir: join(dir, 'exports'), generator: 'test' })
    const started = jobs.start({ format: 'csv', period: {} })
    await until(jobs, started.id, (j) => j.done > 0 || j.state !== 'running')
    const cancelled = jobs.cancel(started.id)!
    expect(['running', 'cancelled']).toContain(cancelled.state)
    const job = await until(jobs, started.id, (j) => j.state !== 'running')
    expect(job.state).toBe('cancelled')
    expect(existsSync(join(dir, 'exports', started.fileName))).toBe(false)
    expect(readdirSync(join(dir, 'exports'))).toEqual([])
    await jobs.close()
    db.close()
  })
})
