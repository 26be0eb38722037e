import { describe, expect, it } from 'vitest'
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { boot } from '../../src/main/boot'
import type { ExportJob } from '../../src/shared/contract'

const posix = process.platform !== 'win32'
const mode = (path: string) => statSync(path).mode & 0o777

/**
 * The data folder (keystores, databases, exports) is owner-only whatever the umask: folders 0700, files 0600. Run
 * under umask 000, the worst case, and over a folder an older version left world-readable.
 */
describe.runIf(posix)('data folder permissions', () => {
  it('makes the folder 0700 and the database (with -wal/-shm), keystores and exports 0600 under umask 000', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'treasury-modes-')), 'data')
    // What an older version left: a 0755 folder and a 0644 database.
    mkdirSync(dataDir, { mode: 0o755 })
    chmodSync(dataDir, 0o755)
    writeFileSync(join(dataDir, 'workspace.sqlite'), '', { mode: 0o644 })
    chmodSync(join(dataDir, 'workspace.sqlite'), 0o644)
    const old = process.umask(0)
    try {
      const host = await boot({ dataDir, host: 'cli', noSandbox: true, log: () => {} })
      try {
        const imported = await host.api.dispatch('keys.import', {
          label: 'Alice',
          passphrase: 'correct horse battery',
          source: { kind: 'privateKey', privateKey: '0x' + '11'.repeat(32) },
        })
        expect(imported.ok).toBe(true)
        // SQLite made these while the database is open, with the database file's own mode.
        for (const companion of ['workspace.sqlite-wal', 'workspace.sqlite-shm'])
          expect(mode(join(dataDir, companion)), companion).toBe(0o600)
        const started = await host.api.dispatch('exports.start', { format: 'csv' })
        expect(started.ok).toBe(true)
        let job = started.ok ? (started.value as ExportJob) : null
        while (job?.state === 'running') {
          await new Promise((r) => setTimeout(r, 50))
          const status = await host.api.dispatch('exports.status', { id: job.id })
          job = status.ok ? (status.value as ExportJob) : null
        }
        expect(job?.state).toBe('done')
        expect(await host.api.dispatch('workspaces.create', { name: 'Second' })).toMatchObject({ ok: true })
      } finally {
        await host.close()
      }
    } finally {
      process.umask(old)
    }
    expect(mode(dataDir)).toBe(0o700)
    const found: string[] = []
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name)
        found.push(path.slice(dataDir.length + 1))
        if (entry.isDirectory()) {
          expect(mode(path), path).toBe(0o700)
          walk(path)
        } else expect(mode(path), path).toBe(0o600)
      }
    }
    walk(dataDir)
    // The places that matter were really there to check.
    expect(found).toEqual(
      expect.arrayContaining([
        'workspace.sqlite',
        'keys',
        expect.stringMatching(/^keys\/[0-9a-f]{40}\.json$/),
        'exports',
        expect.stringMatching(/^exports\/.+\.csv$/),
        expect.stringMatching(/^workspaces\/w-[0-9a-f]{12}\/workspace\.sqlite$/),
      ]),
    )
  })
})
