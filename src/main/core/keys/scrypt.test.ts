import { describe, expect, it, vi } from 'vitest'
import { scryptSync } from 'node:crypto'
import { hexlify, scrypt as ethersScrypt, toUtf8Bytes } from 'ethers'
import { useNativeScrypt } from './scrypt'

// Small cost parameters: the routing is under test here, not the keystore's cost (keystore-defaults.test.ts).
const PASSWORD = toUtf8Bytes('correct horse battery')
const SALT = toUtf8Bytes('a fixed salt for a known answer')
const N = 1024
const r = 8
const p = 1
const DKLEN = 32
const KNOWN = hexlify(scryptSync(Buffer.from(PASSWORD), Buffer.from(SALT), DKLEN, { N, r, p }))

/**
 * ethers' JavaScript scrypt reports progress; the native one registered by useNativeScrypt does not (it runs on
 * libuv's thread pool and ignores the callback). So "is the progress callback called" tells which implementation
 * derived the key, while the key bytes must be the same either way.
 */
async function derive(): Promise<{ key: string; progressCalls: number }> {
  let progressCalls = 0
  const key = await ethersScrypt(PASSWORD, SALT, N, r, p, DKLEN, () => {
    progressCalls++
  })
  return { key, progressCalls }
}

describe('useNativeScrypt (module state is fresh in this file: nothing registered before the first test)', () => {
  it('after it, ethers derives with node:crypto (no JS progress callbacks) and gives the same bytes as node:crypto', async () => {
    useNativeScrypt()
    const after = await derive()
    expect(after.key).toBe(KNOWN)
    expect(after.progressCalls).toBe(0)
  })

  it("ethers' own JavaScript scrypt reports progress (so the check above can tell the two apart)", async () => {
    const js = ethersScrypt._
    let progressCalls = 0
    const key = await js(PASSWORD, SALT, N, r, p, DKLEN, () => {
      progressCalls++
      return false
    })
    expect(hexlify(key)).toBe(KNOWN)
    expect(progressCalls).toBeGreaterThan(0)
  })

  // ethers.scrypt is frozen (no spy), but ethers can be locked: after scrypt.lock() any further register() throws
  // "scrypt is locked". A KeyStore calls useNativeScrypt each time one is built, so a second call must not register
  // again — or an app that locks ethers (as ethers recommends) would fail on its second keystore. Runs last: the
  // lock lasts for this file's module instance.
  it('registers once: a second call after ethers is locked does not register again (no "scrypt is locked")', async () => {
    // A fresh copy of the module (nothing registered yet), so this test runs the first registration itself:
    // Stryker runs only the tests that cover a mutant, and the earlier tests' first call would not count here.
    vi.resetModules()
    const fresh = await import('./scrypt')
    ethersScrypt.lock()
    // its first call does register (ethers, locked, refuses it), and that call already marks it registered
    expect(() => fresh.useNativeScrypt()).toThrow('scrypt is locked')
    expect(() => fresh.useNativeScrypt()).not.toThrow()
  })
})
