import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isTrustedUrl } from './trusted-url'
import { resolveAppFile } from './app-origin'

describe('isTrustedUrl', () => {
  it('allows the app:// renderer and the dev server only', () => {
    expect(isTrustedUrl('app://treasury/index.html', undefined)).toBe(true)
    expect(isTrustedUrl('app://treasury/index.html#/audit', undefined)).toBe(true)
    expect(isTrustedUrl('http://localhost:5173/#/audit', 'http://localhost:5173')).toBe(true)
  })
  it('refuses everything else, every file:// URL included', () => {
    expect(isTrustedUrl('file:///opt/app/out/renderer/index.html', undefined)).toBe(false)
    expect(isTrustedUrl('file:///tmp/evil.html', undefined)).toBe(false)
    expect(isTrustedUrl('app://other/index.html', undefined)).toBe(false)
    expect(isTrustedUrl('app://user:pw@treasury/index.html', undefined)).toBe(false)
    expect(isTrustedUrl('https://evil.example/', undefined)).toBe(false)
    expect(isTrustedUrl('http://localhost:5173/', undefined)).toBe(false)
    expect(isTrustedUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
    expect(isTrustedUrl('javascript:alert(1)', undefined)).toBe(false)
    expect(isTrustedUrl('not a url', undefined)).toBe(false)
  })
})

describe('resolveAppFile', () => {
  const root = mkdtempSync(join(tmpdir(), 'treasury-renderer-'))
  mkdirSync(join(root, 'assets'))
  writeFileSync(join(root, 'index.html'), '<!doctype html>')
  it('maps the app origin into the renderer folder only', () => {
    expect(resolveAppFile(root, 'app://treasury/')).toEqual({ status: 200, file: join(root, 'index.html') })
    expect(resolveAppFile(root, 'app://treasury/assets/a%20b.js')).toEqual({
      status: 200,
      file: join(root, 'assets', 'a b.js'),
    })
    // The URL parser resolves dot segments first: this one stays inside the folder.
    expect(resolveAppFile(root, 'app://treasury/%2e%2e/%2e%2e/etc/passwd')).toEqual({
      status: 200,
      file: join(root, 'etc', 'passwd'),
    })
    expect(resolveAppFile(root, 'app://treasury/..%2f..%2fetc%2fpasswd').status).toBe(404)
    expect(resolveAppFile(root, 'app://elsewhere/index.html').status).toBe(404)
    expect(resolveAppFile(root, 'file:///etc/passwd').status).toBe(404)
    expect(resolveAppFile(root, 'app://treasury/%E0%A4%A').status).toBe(400)
    expect(resolveAppFile(root, 'app://treasury/x%00.html').status).toBe(400)
  })
})
