import { describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createWorkspaceRegistry, normaliseName, workspaceFiles, WorkspaceRegistryError } from './registry'

const fresh = () => createWorkspaceRegistry(mkdtempSync(join(tmpdir(), 'treasury-registry-')))

describe('workspace registry', () => {
  it('lists only the sandbox in a fresh data folder, and no choice yet', () => {
    const r = fresh()
    expect(r.list().map((w) => w.id)).toEqual(['sandbox'])
    expect(r.lastChoice()).toBeNull()
  })

  it('lists Main when the single workspace of earlier versions exists', () => {
    const r = fresh()
    writeFileSync(join(r.dataDir, 'workspace.sqlite'), '')
    expect(r.list().map((w) => `${w.id}:${w.name}`)).toEqual(['main:Main', 'sandbox:Sandbox'])
  })

  it('creates named workspaces in their own folder, with ids that never come from the name', () => {
    const r = fresh()
    const a = r.create('  Grants   council ', new Date('2026-01-01T00:00:00Z'))
    const b = r.create('../../etc', new Date('2026-01-02T00:00:00Z'))
    expect(a.name).toBe('Grants council')
    expect(a.id).toMatch(/^w-[0-9a-f]{12}$/)
    expect(workspaceFiles(r.dataDir, b.id).database).toBe(join(r.dataDir, 'workspaces', b.id, 'workspace.sqlite'))
    expect(r.list().map((w) => w.name)).toEqual(['Grants council', '../../etc', 'Sandbox'])
    expect(r.get(a.id)).toEqual(a)
  })

  it('refuses duplicate (case-insensitive), reserved, empty and control-character names', () => {
    const r = fresh()
    r.create('Ops')
    const code = (name: string) => {
      try {
        r.create(name)
        return 'created'
      } catch (error) {
        return (error as WorkspaceRegistryError).code
      }
    }
    expect(code('ops')).toBe('CONFLICT')
    expect(code('main')).toBe('CONFLICT')
    expect(code('Sandbox')).toBe('CONFLICT')
    expect(code('   ')).toBe('BAD_INPUT')
    expect(code('a\u0000b')).toBe('BAD_INPUT')
    expect(code('x'.repeat(61))).toBe('BAD_INPUT')
    expect(() => normaliseName('a\u202eb')).toThrow(/control/)
  })

  it('remembers the last choice, and forgets one whose workspace is gone', () => {
    const r = fresh()
    const a = r.create('Alpha')
    r.recordChoice(a.id)
    expect(createWorkspaceRegistry(r.dataDir).lastChoice()).toBe(a.id)
    r.recordChoice('sandbox')
    expect(r.lastChoice()).toBe('sandbox')
    r.recordChoice('w-000000000000')
    expect(r.lastChoice()).toBeNull()
    expect(() => r.recordChoice('../x')).toThrow(WorkspaceRegistryError)
  })

  it('treats an unreadable choice file as no choice, and unknown ids as not found', () => {
    const r = fresh()
    writeFileSync(join(r.dataDir, 'workspace-choice.json'), '{not json')
    expect(r.lastChoice()).toBeNull()
    expect(() => r.get('w-123456789012')).toThrow(/no workspace/)
    expect(() => workspaceFiles(r.dataDir, '../../x')).toThrow(WorkspaceRegistryError)
    expect(existsSync(join(r.dataDir, 'workspaces'))).toBe(false)
  })
})
