import { describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Wallet } from 'ethers'
import { boot } from './boot'
import type { Envelope } from '../shared/errors'

// Real SQLite files in a temporary data folder; no sandbox chain (noSandbox), so switching is exercised on its own.
async function call<T = Record<string, unknown>>(
  booted: Awaited<ReturnType<typeof boot>>,
  name: string,
  input: unknown = {},
): Promise<T> {
  const envelope = (await booted.api.dispatch(name, input)) as Envelope<T>
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), envelope.error)
  return envelope.value
}

const watch = () => ({ label: 'Watched', address: Wallet.createRandom().address })

describe('workspaces: one dispatcher, the workspace open now', () => {
  it('creates, switches and keeps each workspace’s data apart, audited in both', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'treasury-boot-'))
    const booted = await boot({ dataDir, host: 'cli', noSandbox: true, log: () => {} })
    try {
      expect(booted.session.current().id).toBe('main')
      const inMain = watch()
      await call(booted, 'keys.watch', inMain)

      const created = await call<{ current: { id: string; name: string }; workspaces: Array<{ name: string }> }>(
        booted,
        'workspaces.create',
        { name: 'Grants council' },
      )
      expect(created.current.name).toBe('Grants council')
      expect(created.workspaces.map((w) => w.name)).toEqual(['Main', 'Grants council', 'Sandbox'])
      expect(booted.databaseFile).toBe(join(dataDir, 'workspaces', created.current.id, 'workspace.sqlite'))
      // The new workspace is empty: Main's signer is not there.
      const keysThere = await call<{ signers: Array<{ address: string }> }>(booted, 'keys.list')
      expect(keysThere.signers).toEqual([])
      const inGrants = watch()
      await call(booted, 'keys.watch', inGrants)
      const info = await call<{ workspace: { name: string }; firstRun: boolean }>(booted, 'workspace.info')
      expect(info.workspace.name).toBe('Grants council')
      expect(info.firstRun).toBe(false)

      // Back to Main: its own signer only; the switch is in both audit trails.
      await call(booted, 'workspaces.open', { id: 'main' })
      const keysMain = await call<{ signers: Array<{ address: string }> }>(booted, 'keys.list')
      expect(keysMain.signers.map((s) => s.address)).toEqual([inMain.address])
      const mainAudit = booted.services.ctx.db
        .prepare('SELECT action FROM audit_events ORDER BY seq')
        .all()
        .map((r) => (r as { action: string }).action)
      expect(mainAudit).toEqual(['signer.added', 'workspace.left', 'workspace.opened'])
      expect(() => call(booted, 'workspaces.open', { id: 'w-000000000000' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
      await expect(call(booted, 'workspaces.create', { name: 'grants COUNCIL' })).rejects.toMatchObject({
        code: 'CONFLICT',
      })
    } finally {
      await booted.close()
    }

    // The next start opens the last choice (Main), and the named workspace still holds its data.
    const again = await boot({ dataDir, host: 'cli', noSandbox: true, log: () => {} })
    try {
      expect(again.session.current().id).toBe('main')
      const grants = again.session.list().find((w) => w.name === 'Grants council')!
      await call(again, 'workspaces.open', { id: grants.id })
      const audit = again.services.ctx.db
        .prepare('SELECT action FROM audit_events ORDER BY seq')
        .all()
        .map((r) => (r as { action: string }).action)
      expect(audit).toEqual(['workspace.created', 'signer.added', 'workspace.left', 'workspace.opened'])
    } finally {
      await again.close()
    }
  })

  it('sends calls that arrive during a switch to the workspace opened, and closes the old one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'treasury-boot-'))
    const booted = await boot({ dataDir, host: 'cli', noSandbox: true, log: () => {} })
    try {
      const oldDb = booted.services.ctx.db
      const switching = call(booted, 'workspaces.create', { name: 'Ops' })
      const during = call<{ workspace: { name: string } }>(booted, 'workspace.info')
      await switching
      expect((await during).workspace.name).toBe('Ops')
      expect(oldDb.open).toBe(false)
      // Two switches at once run one after the other: the last one asked wins.
      await Promise.all([
        call(booted, 'workspaces.open', { id: 'main' }),
        call(booted, 'workspaces.create', { name: 'Other' }),
      ])
      expect(booted.session.current().name).toBe('Other')
    } finally {
      await booted.close()
    }
  })

  it('answers hostile workspace inputs with typed errors and creates nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'treasury-boot-'))
    const booted = await boot({ dataDir, host: 'cli', noSandbox: true, log: () => {} })
    try {
      const hostile: Array<[string, unknown]> = [
        ['workspaces.open', { id: '../../etc' }],
        ['workspaces.open', { id: 'w-../../../x' }],
        ['workspaces.open', { id: 'W-ABCDEFABCDEF' }],
        ['workspaces.open', { id: 'main', extra: 1 }],
        ['workspaces.create', { name: '' }],
        ['workspaces.create', { name: 'x'.repeat(300_000) }],
        ['workspaces.create', { name: 'a\u0000b' }],
        ['workspaces.create', { name: 'Main' }],
        ['workspaces.create', JSON.parse('{"__proto__":{"name":"x"}}')],
        ['workspaces.list', { unexpected: true }],
      ]
      for (const [name, input] of hostile) {
        const answer = await booted.api.dispatch(name, input)
        expect(answer.ok, `${name} ${JSON.stringify(input).slice(0, 40)}`).toBe(false)
        if (!answer.ok) expect(['BAD_INPUT', 'CONFLICT', 'NOT_FOUND']).toContain(answer.error.code)
      }
      expect(existsSync(join(dataDir, 'workspaces'))).toBe(false)
      expect(booted.session.current().id).toBe('main')
    } finally {
      await booted.close()
    }
  })

  it('keeps the single-workspace file of earlier versions as Main', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'treasury-boot-'))
    const first = await boot({ dataDir, host: 'cli', noSandbox: true, log: () => {} })
    await first.close()
    expect(existsSync(join(dataDir, 'workspace.sqlite'))).toBe(true)
    expect(first.session.list().map((w) => w.id)).toEqual(['main', 'sandbox'])
  })
})
