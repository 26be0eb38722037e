import { describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPrefs, DEFAULT_PREFS, PREFS_FILE } from './store'

const fresh = () => mkdtempSync(join(tmpdir(), 'treasury-prefs-'))

describe('prefs', () => {
  it('answers the defaults without a file, and keeps a change across stores', () => {
    const dir = fresh()
    expect(createPrefs(dir).read()).toEqual({ prefs: DEFAULT_PREFS, warning: null })
    createPrefs(dir).update({ role: 'steward' })
    const state = createPrefs(dir).update({ theme: 'dark' })
    expect(state).toEqual({ prefs: { role: 'steward', theme: 'dark' }, warning: null })
    expect(createPrefs(dir).read().prefs).toEqual({ role: 'steward', theme: 'dark' })
    expect(JSON.parse(readFileSync(join(dir, PREFS_FILE), 'utf8'))).toEqual({
      version: 1,
      role: 'steward',
      theme: 'dark',
    })
  })

  it('clears the role with null and leaves fields not given alone', () => {
    const dir = fresh()
    const prefs = createPrefs(dir)
    prefs.update({ role: 'council', theme: 'light' })
    expect(prefs.update({ role: null }).prefs).toEqual({ role: null, theme: 'light' })
  })

  it.each([
    ['not JSON', '{ role: signer', /not valid JSON/],
    ['an unknown role', JSON.stringify({ version: 1, role: 'admin', theme: 'dark' }), /role/],
    ['an extra key', JSON.stringify({ version: 1, role: null, theme: 'dark', evil: 1 }), /Unrecognized key/i],
    ['a future version', JSON.stringify({ version: 2, role: null, theme: 'dark' }), /version/],
    ['an array', '[]', /the file/],
    ['a huge file', 'x'.repeat(70_000), /more than a preferences file holds/],
  ])('falls back to the defaults with a warning on %s, and the next change keeps the bad file', (_what, text, why) => {
    const dir = fresh()
    writeFileSync(join(dir, PREFS_FILE), text)
    const state = createPrefs(dir).read()
    expect(state.prefs).toEqual(DEFAULT_PREFS)
    expect(state.warning).toMatch(why)
    expect(createPrefs(dir).update({ theme: 'dark' })).toEqual({
      prefs: { role: null, theme: 'dark' },
      warning: null,
    })
    expect(readFileSync(join(dir, `${PREFS_FILE}.bad`), 'utf8')).toBe(text)
  })

  it('keeps preferences in memory without a folder', () => {
    const prefs = createPrefs(null)
    prefs.update({ role: 'signer' })
    expect(prefs.read().prefs.role).toBe('signer')
  })

  it('creates the data folder when it is missing', () => {
    const dir = join(fresh(), 'nested', 'data')
    createPrefs(dir).update({ theme: 'light' })
    expect(existsSync(join(dir, PREFS_FILE))).toBe(true)
  })
})
