import { describe, expect, it } from 'vitest'
import { openDatabase } from '../core/db/open'
import { createContext } from '../core/workspace/context'
import { createSandboxController } from '../core/workflows/sandbox-workspace'
import { createDispatcher } from './registry'
import { createApi, type Services } from '.'
import { workspaceHandlers } from './workspace'
import { ApiError } from '../../shared/errors'
import { listAuditEvents } from '../core/audit'
import { KeyStore } from '../core/keys'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

function services(): Services {
  const ctx = createContext(openDatabase(':memory:'), 'cli', 'test')
  return {
    ctx,
    keys: new KeyStore(ctx, { dir: join(tmpdir(), 'treasury-unit-keys-unused') }),
    sandbox: createSandboxController(
      ctx,
      () => {},
      () => Promise.reject(new Error('no sandbox in unit tests')),
    ),
  }
}

describe('API registry', () => {
  it('throws at start when a name is registered twice', () => {
    expect(() => createDispatcher(services(), [workspaceHandlers, workspaceHandlers])).toThrow(/registered twice/)
  })

  it('throws at start when a contract call has no handler', () => {
    expect(() => createDispatcher(services(), [workspaceHandlers])).toThrow(/without a handler/)
  })

  it('answers an unknown name with UNKNOWN_CALL, including prototype names', async () => {
    const api = createApi(services())
    for (const name of ['nope', '__proto__', 'constructor', 'toString']) {
      const result = await api.dispatch(name, {})
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } })
    }
  })

  it('refuses input that fails its schema, names the field, and writes nothing', async () => {
    const s = services()
    const api = createApi(s)
    const bad = await api.dispatch('chain.connect', { rpcUrl: 'ftp://x', extra: 1 })
    expect(bad.ok).toBe(false)
    if (bad.ok) return
    expect(bad.error.code).toBe('BAD_INPUT')
    expect(JSON.stringify(bad.error.details)).toMatch(/rpcUrl/)
    expect(listAuditEvents(s.ctx.db, { limit: 5 })).toHaveLength(0)
    for (const input of [null, 42, 'x', [], { limit: 0 }, { limit: 'ten' }]) {
      const r = await api.dispatch('audit.list', input)
      if (input === null) expect(r.ok).toBe(true)
      else expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    }
  })

  it('answers BAD_INPUT, not INTERNAL, where zod itself throws on an input (a length that is no number)', async () => {
    const api = createApi(services())
    const hostile = { address: { length: Object.create(null) as object } }
    const result = await api.dispatch('safe.add', hostile)
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
  })

  it('checks address checksums at the boundary', async () => {
    const api = createApi(services())
    const wrong = await api.dispatch('safe.add', { address: '0x70997970c51812dc3A010C7d01b50e0d17dc79C8' })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/checksum/) } })
    const notAddress = await api.dispatch('safe.add', { address: '0x1234' })
    expect(notAddress).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    // A correct address passes the schema and reaches the handler, which then needs a chain.
    const lower = await api.dispatch('safe.add', { address: '0x70997970c51812dc3a010c7d01b50e0d17dc79c8' })
    expect(lower).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED' } })
  })

  it('passes typed errors through and hides unexpected ones', async () => {
    const s = services()
    const logged: string[] = []
    const throwing = {
      ...workspaceHandlers,
      'workspace.info': () => {
        throw new ApiError('CONFLICT', 'busy', { why: 'test' })
      },
      'sandbox.start': () => {
        throw new Error('secret-ish internal detail')
      },
    }
    // Every other group as registered, so a new capability needs no change here.
    const { handlerGroups } = await import('.')
    const others = handlerGroups.filter((g) => g !== workspaceHandlers)
    const api = createDispatcher(s, [throwing, ...others], (l) => logged.push(l))
    expect(await api.dispatch('workspace.info', {})).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'busy', details: { why: 'test' } },
    })
    const internal = await api.dispatch('sandbox.start', {})
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(internal)).not.toMatch(/secret-ish/)
    expect(logged.join('\n')).toMatch(/sandbox.start failed/)
  })
})
