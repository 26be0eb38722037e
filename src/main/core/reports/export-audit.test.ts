import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../db/open'
import { appendAuditEvent, verifyAuditChain } from '../audit'
import { WORKSPACE_USER, createContext } from '../workspace/context'
import { createExportJobs } from './jobs'
import { EXPORT_AUDIT_ACTION, recordExport } from './export-audit'
import { budgetsHandlers } from '../../api/budgets'
import { insertPeriod } from '../budgets'
import type { Services } from '../../api/services'


/** The last audit event, as stored. */
function lastEvent(db: ReturnType<typeof openDatabase>) {
  const row = db.prepare('SELECT actor, action, subject, payload FROM audit_events ORDER BY seq DESC LIMIT 1').get() as {
    actor: string
    action: string
    subject: string
    payload: string
  }
  return { ...row, payload: JSON.parse(row.payload) as Record<string, unknown> }
}

describe('audited exports', { timeout: 60_000 }, () => {
  it('a finished report export appends who, what, which range, the format and the file’s SHA-256', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-audit-'))
    const db = openDatabase(join(dir, 'workspace.sqlite'))
    const ctx = createContext(db, 'cli', 'test')
    for (let i = 0; i < 5; i++)
      appendAuditEvent(db, { actor: 'u', action: 'x.y', subject: `s:${i}`, payload: { i } }, new Date('2026-02-01'))
    const jobs = createExportJobs({
      db,
      exportsDir: join(dir, 'exports'),
      generator: 'test',
      actor: () => WORKSPACE_USER,
      recordExport: (r) => recordExport(ctx, r),
    })
    const started = jobs.start({ format: 'csv', period: { from: '2026-01-01', to: '2026-03-31' } })
    let job = jobs.status(started.id)!
    for (let i = 0; i < 600 && job.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50))
      job = jobs.status(started.id)!
    }
    expect(job.state).toBe('done')
    const file = join(dir, 'exports', job.fileName)
    const sha = spawnSync('sha256sum', [file], { encoding: 'utf8' }).stdout.split(' ')[0]
    expect(sha).toMatch(/^[0-9a-f]{64}$/)
    expect(job.sha256).toBe(sha)
    const event = lastEvent(db)
    expect(event).toMatchObject({ actor: WORKSPACE_USER, action: EXPORT_AUDIT_ACTION, subject: `export:${job.fileName}` })
    expect(event.payload).toEqual({
      kind: 'treasury-activity',
      format: 'csv',
      fileName: job.fileName,
      from: '2026-01-01',
      to: '2026-03-31',
      bytes: readFileSync(file).length,
      sha256: sha,
      requestedBy: WORKSPACE_USER,
    })
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, events: 6 })
    await jobs.close()
    db.close()
  })

  it('the budget vs actual CSV handed to the caller is audited with the hash of the text it returns', () => {
    const db = openDatabase(':memory:')
    const ctx = createContext(db, 'cli', 'test')
    const period = ctx.mutate({ actor: WORKSPACE_USER, action: 'budget.period.created', subject: 'p' }, () =>
      insertPeriod(db, { name: '2026-Q3', startsOn: '2026-07-01', endsOn: '2026-09-30' }),
    )
    const out = budgetsHandlers['budgets.exportCsv']({ periodId: period.id }, { ctx } as Services) as {
      fileName: string
      csv: string
    }
    const sha = spawnSync('sha256sum', { input: out.csv, encoding: 'utf8' }).stdout.split(' ')[0]
    expect(lastEvent(db)).toMatchObject({
      actor: 'local-user',
      action: EXPORT_AUDIT_ACTION,
      payload: { kind: 'budget-vs-actual', format: 'csv', fileName: out.fileName, sha256: sha, scope: { periodId: period.id } },
    })
  })
})
