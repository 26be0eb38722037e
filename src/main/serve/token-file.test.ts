import { describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeTokenFile } from './token-file'

const posix = process.platform !== 'win32'

describe('--token-file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'treasury-token-'))

  it.runIf(posix)('writes the token with mode 0600 whatever the umask, and tightens a file already there', () => {
    const old = process.umask(0)
    try {
      const fresh = join(dir, 'fresh')
      writeTokenFile(fresh, 'secret-token')
      expect(readFileSync(fresh, 'utf8')).toBe('secret-token')
      expect(statSync(fresh).mode & 0o777).toBe(0o600)
      const loose = join(dir, 'loose')
      writeFileSync(loose, 'a much longer old content', { mode: 0o666 })
      writeTokenFile(loose, 'tok')
      expect(readFileSync(loose, 'utf8')).toBe('tok')
      expect(statSync(loose).mode & 0o777).toBe(0o600)
    } finally {
      process.umask(old)
    }
  })

  it.runIf(posix)('refuses a symlink (even a dangling one) and a folder, leaving the target untouched', () => {
    const victim = join(dir, 'victim')
    writeFileSync(victim, 'precious', { mode: 0o644 })
    const link = join(dir, 'link')
    symlinkSync(victim, link)
    expect(() => writeTokenFile(link, 'tok')).toThrow(/symbolic link/)
    expect(readFileSync(victim, 'utf8')).toBe('precious')
    expect(statSync(victim).mode & 0o777).toBe(0o644)
    const dangling = join(dir, 'dangling')
    symlinkSync(join(dir, 'would-be-created'), dangling)
    expect(() => writeTokenFile(dangling, 'tok')).toThrow(/symbolic link/)
    expect(() => statSync(join(dir, 'would-be-created'))).toThrow()
    mkdirSync(join(dir, 'folder'))
    expect(() => writeTokenFile(join(dir, 'folder'), 'tok')).toThrow(/not a regular file/)
  })
})
