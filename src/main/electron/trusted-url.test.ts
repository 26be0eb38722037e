import { describe, expect, it } from 'vitest'
import { isTrustedUrl } from './trusted-url'

describe('isTrustedUrl', () => {
  it('allows the packaged renderer and the dev server only', () => {
    expect(isTrustedUrl('file:///opt/app/out/renderer/index.html', undefined)).toBe(true)
    expect(isTrustedUrl('http://localhost:5173/#/audit', 'http://localhost:5173')).toBe(true)
  })
  it('refuses everything else', () => {
    expect(isTrustedUrl('https://evil.example/', undefined)).toBe(false)
    expect(isTrustedUrl('http://localhost:5173/', undefined)).toBe(false)
    expect(isTrustedUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
    expect(isTrustedUrl('file://remote-host/share/x.html', undefined)).toBe(false)
    expect(isTrustedUrl('javascript:alert(1)', undefined)).toBe(false)
    expect(isTrustedUrl('not a url', undefined)).toBe(false)
  })
})
