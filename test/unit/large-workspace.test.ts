import { describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../src/main/core/db/open'
import { verifyAuditChain } from '../../src/main/core/audit'
import { getActiveChain } from '../../src/main/core/chain'
import { generateLargeWorkspace } from '../../bench/large-workspace'
import { workspaceFile } from '../../src/main/core/workspace/paths'

describe('the large-workspace generator (bench)', () => {
  it('writes a valid audit hash chain, schema-valid proposals and a saved non-sandbox chain', () => {
    const dir = mkdtempSync(join(tmpdir(), 'treasury-large-'))
    try {
      const made = generateLargeWorkspace({ dataDir: dir, proposals: 300, events: 2000 })
      expect(made).toMatchObject({ proposals: 300, events: 2000 })
      const db = openDatabase(workspaceFile(dir))
      expect(verifyAuditChain(db)).toMatchObject({ ok: true, events: 2000 })
      expect(db.prepare('SELECT count(*) FROM proposals').pluck().get()).toBe(300)
      const statuses = db.prepare('SELECT DISTINCT status FROM proposals').pluck().all()
      expect(statuses).toEqual(expect.arrayContaining(['executed', 'awaiting_signatures', 'ready', 'draft']))
      expect(db.pragma('foreign_key_check')).toEqual([])
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(getActiveChain(db)).toMatchObject({ isSandbox: false })
      db.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
