import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'node:http'
import { openDatabase } from '../../src/main/core/db/open'
import { createContext } from '../../src/main/core/workspace/context'
import { createSandboxController } from '../../src/main/core/workspace/sandbox'
import { createApi } from '../../src/main/api'
import { startBrowserHost, type BrowserHost } from '../../src/main/serve/server'
import { listAuditEvents } from '../../src/main/core/audit'
import { KeyStore } from '../../src/main/core/keys'
import { createExportJobs } from '../../src/main/core/reports/jobs'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function send(
  host: BrowserHost,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: opts.method ?? 'POST',
        headers: { host: `127.0.0.1:${host.port}`, ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        )
      },
    )
    req.on('error', reject)
    if (opts.body) req.write(opts.body)
    req.end()
  })
}

describe('browser host', () => {
  let host: BrowserHost
  const db = openDatabase(':memory:')
  const ctx = createContext(db, 'browser', 'test')
  const api = createApi({
    ctx,
    keys: new KeyStore(ctx, { dir: join(tmpdir(), 'treasury-unit-keys-unused') }),
    sandbox: createSandboxController(
      ctx,
      () => {},
      () => Promise.reject(new Error('none')),
    ),
  })
  const staticDir = mkdtempSync(join(tmpdir(), 'treasury-static-'))
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app</title>')
  const json = (token?: string) => ({
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  })

  beforeAll(async () => {
    host = await startBrowserHost({ api, staticDir, maxBodyBytes: 64 * 1024 })
  })
  afterAll(() => host.close())

  it('answers an API call with the session token', async () => {
    const r = await send(host, '/api/workspace.info', { headers: json(host.token), body: '{}' })
    expect(r.status).toBe(200)
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { host: 'browser' } })
    expect(r.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('refuses a request with no token or a wrong token (401)', async () => {
    expect((await send(host, '/api/workspace.info', { headers: json(), body: '{}' })).status).toBe(401)
    expect(
      (await send(host, '/api/workspace.info', { headers: json(host.token.slice(0, -1) + 'x'), body: '{}' })).status,
    ).toBe(401)
    expect(
      (await send(host, '/api/workspace.info', { headers: { ...json(), authorization: host.token }, body: '{}' }))
        .status,
    ).toBe(401)
  })

  it('refuses a foreign Origin even with the token', async () => {
    const r = await send(host, '/api/workspace.info', {
      headers: { ...json(host.token), origin: 'https://evil.example' },
      body: '{}',
    })
    expect(r.status).toBe(403)
    const own = await send(host, '/api/workspace.info', {
      headers: { ...json(host.token), origin: `http://127.0.0.1:${host.port}` },
      body: '{}',
    })
    expect(own.status).toBe(200)
  })

  it('refuses a DNS-rebinding Host header', async () => {
    const r = await send(host, '/api/workspace.info', {
      headers: { ...json(host.token), host: `evil.example:${host.port}` },
      body: '{}',
    })
    expect(r.status).toBe(421)
    const page = await send(host, '/', { method: 'GET', headers: { host: 'evil.example' } })
    expect(page.status).toBe(421)
  })

  it('refuses an oversized body and a malformed one, writing nothing', async () => {
    const big = JSON.stringify({ rpcUrl: 'http://x/' + 'a'.repeat(100 * 1024) })
    expect((await send(host, '/api/chain.connect', { headers: json(host.token), body: big })).status).toBe(413)
    const malformed = await send(host, '/api/chain.connect', { headers: json(host.token), body: '{"rpcUrl": ' })
    expect(malformed.status).toBe(400)
    expect(JSON.parse(malformed.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    const unknown = await send(host, '/api/nope', { headers: json(host.token), body: '{}' })
    expect(unknown.status).toBe(404)
    expect(listAuditEvents(db, { limit: 5 })).toHaveLength(0)
  })

  it('needs POST and JSON for the API', async () => {
    expect((await send(host, '/api/workspace.info', { method: 'GET', headers: json(host.token) })).status).toBe(405)
    const form = await send(host, '/api/workspace.info', {
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'text/plain' },
      body: '{}',
    })
    expect(form.status).toBe(415)
  })

  it('serves the app shell with a strict CSP and no path traversal', async () => {
    const page = await send(host, '/', { method: 'GET' })
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/)
    expect(page.headers['x-frame-options']).toBe('DENY')
    // Dot segments never leave the static folder: at worst a client route falls back to the app shell.
    for (const path of [
      '/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%2f..%2fetc%2fpasswd',
      '/assets/..%5c..%5cpackage.json',
    ]) {
      const r = await send(host, path, { method: 'GET' })
      expect(r.body).not.toMatch(/root:|"dependencies"/)
    }
    expect((await send(host, '/missing.js', { method: 'GET' })).status).toBe(404)
  })

  it('answers malformed percent-encoding with 400, not 500 (static files and API)', async () => {
    for (const path of ['/%E0%A4%A', '/assets/%zz.js', '/%', '/a%00b.js']) {
      const r = await send(host, path, { method: 'GET' })
      expect(r.status, path).toBe(400)
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    }
    for (const path of ['/api/%E0%A4%A', '/api/keys.%zz']) {
      const r = await send(host, path, { headers: json(host.token), body: '{}' })
      expect(r.status, path).toBe(400)
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    }
    // A request target the URL parser refuses ('//') is a 400 too.
    expect((await send(host, '//', { method: 'GET' })).status).toBe(400)
  })

  it('caps open connections: past the cap new sockets are closed, and the host still answers after', async () => {
    const capped = await startBrowserHost({ api, staticDir, maxConnections: 20 })
    const { connect } = await import('node:net')
    const sockets = await Promise.all(
      Array.from(
        { length: 60 },
        () =>
          new Promise<import('node:net').Socket>((resolve) => {
            const socket = connect(capped.port, '127.0.0.1', () => resolve(socket))
            socket.on('error', () => {})
          }),
      ),
    )
    await new Promise((r) => setTimeout(r, 300))
    const count = await new Promise<number>((resolve) => capped.server.getConnections((_e, n) => resolve(n)))
    const closed = sockets.filter((s) => s.destroyed || s.readableEnded).length
    expect(count).toBeLessThanOrEqual(20)
    expect(closed).toBeGreaterThanOrEqual(40)
    for (const s of sockets) s.destroy()
    await new Promise((r) => setTimeout(r, 100))
    expect((await send(capped, '/', { method: 'GET' })).status).toBe(200)
    await capped.close()
  })

  it('refuses to bind anywhere but loopback', async () => {
    await expect(startBrowserHost({ api, host: '0.0.0.0' })).rejects.toThrow(/loopback/)
    await expect(startBrowserHost({ api, host: '192.168.1.10' })).rejects.toThrow(/loopback/)
  })
})

describe('browser host export downloads', () => {
  let host: BrowserHost
  const db = openDatabase(':memory:')
  const ctx = createContext(db, 'browser', 'test')
  const api = createApi({
    ctx,
    sandbox: createSandboxController(
      ctx,
      () => {},
      () => Promise.reject(new Error('none')),
    ),
    keys: new KeyStore(ctx, { dir: join(tmpdir(), 'treasury-unit-keys-unused') }),
  })
  const dir = mkdtempSync(join(tmpdir(), 'treasury-exports-'))
  writeFileSync(join(dir, 'audit-bundle_start_now_1.json'), '{"format":"x"}\n')
  const jobs = createExportJobs({ db, exportsDir: dir, generator: 'test' })

  beforeAll(async () => {
    host = await startBrowserHost({ api, exportFile: (name) => jobs.resolveFile(name) })
  })
  afterAll(() => host.close())

  it('streams an export as an attachment with the session token', async () => {
    const r = await send(host, '/exports/audit-bundle_start_now_1.json', {
      method: 'GET',
      headers: { authorization: `Bearer ${host.token}` },
    })
    expect(r.status).toBe(200)
    expect(r.body).toBe('{"format":"x"}\n')
    expect(r.headers['content-disposition']).toBe('attachment; filename="audit-bundle_start_now_1.json"')
    expect(r.headers['content-type']).toBe('application/json')
    expect(r.headers['cache-control']).toBe('no-store')
  })

  it('refuses a download without the token, with a wrong one, or from a foreign origin', async () => {
    const path = '/exports/audit-bundle_start_now_1.json'
    expect((await send(host, path, { method: 'GET' })).status).toBe(401)
    expect((await send(host, path, { method: 'GET', headers: { authorization: 'Bearer nope' } })).status).toBe(401)
    const foreign = await send(host, path, {
      method: 'GET',
      headers: { authorization: `Bearer ${host.token}`, origin: 'https://evil.example' },
    })
    expect(foreign.status).toBe(403)
    expect(foreign.body).not.toContain('format')
  })

  it('serves nothing outside the exports folder, and no hidden temp file', async () => {
    writeFileSync(join(dir, '.audit-bundle_x.json.1234.partial'), 'partial')
    for (const path of [
      '/exports/..%2f..%2fetc%2fpasswd',
      '/exports/../../etc/passwd',
      '/exports/%2e%2e%2fserver.ts',
      '/exports/.audit-bundle_x.json.1234.partial',
      '/exports/missing.csv',
    ]) {
      const r = await send(host, path, { method: 'GET', headers: { authorization: `Bearer ${host.token}` } })
      expect(r.status, path).toBe(404)
      expect(r.body).not.toMatch(/root:|partial/)
    }
    const malformed = await send(host, '/exports/%E0%A4%A', {
      method: 'GET',
      headers: { authorization: `Bearer ${host.token}` },
    })
    expect(malformed.status).toBe(400)
  })
})
