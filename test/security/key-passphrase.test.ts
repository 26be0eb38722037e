import { afterAll, describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { boot, type Booted } from '../../src/main/boot'
import type { CallInput, CallName } from '../../src/shared/contract'

// Hardhat's public test account #1: never a real key.
const KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'
const ADDRESS = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const PASS = 'correct horse battery'

/** The passphrase guards every way to the key, through the real API of a booted host, across restarts. */
describe('key passphrase: export, delay, unlocked keys', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'treasury-sec-keys-'))
  let host: Booted
  const start = async () => (host = await boot({ dataDir, host: 'cli', noSandbox: true, log: () => {} }))
  const call = <N extends CallName>(name: N, input: CallInput<N>) => host.api.dispatch(name, input)
  const code = async <N extends CallName>(name: N, input: CallInput<N>) => {
    const answer = await call(name, input)
    return answer.ok ? 'OK' : answer.error.code
  }
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
  afterAll(() => host?.close())

  it('refuses keys.export without the passphrase or with a wrong one; the right one exports, audited', async () => {
    await start()
    expect(
      await code('keys.import', { label: 'Alice', passphrase: PASS, source: { kind: 'privateKey', privateKey: KEY } }),
    ).toBe('OK')
    expect(await code('keys.export', { address: ADDRESS } as CallInput<'keys.export'>)).toBe('BAD_INPUT')
    expect(await code('keys.export', { address: ADDRESS, passphrase: '' })).toBe('BAD_INPUT')
    const wrong = await call('keys.export', { address: ADDRESS, passphrase: 'a guess at it' })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', details: { failures: 1 } } })
    await sleep(1000)
    const exported = await call('keys.export', { address: ADDRESS, passphrase: PASS })
    expect(exported.ok && JSON.parse((exported.value as { json: string }).json).address).toBe(
      ADDRESS.slice(2).toLowerCase(),
    )
    const audit = await call('audit.list', { limit: 10 } as CallInput<'audit.list'>)
    expect(JSON.stringify(audit)).toContain('signer.exported')
  })

  it('refuses a wrong passphrase for a key already unlocked (and the key stays unlocked)', async () => {
    expect(await code('keys.unlock', { address: ADDRESS, passphrase: PASS })).toBe('OK')
    const wrong = await call('keys.unlock', { address: ADDRESS, passphrase: 'not the passphrase' })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', details: { failures: 1 } } })
    const state = await call('keys.list', {})
    expect(state.ok && (state.value as { signers: Array<{ unlocked: boolean }> }).signers[0].unlocked).toBe(true)
  })

  it('keeps the wrong-passphrase delay across a workspace switch and a restart', async () => {
    await sleep(1000)
    // A second wrong try: the delay doubles to 2 s and is written to the workspace database.
    expect(await call('keys.unlock', { address: ADDRESS, passphrase: 'wrong again' })).toMatchObject({
      error: { details: { failures: 2, retryAfterMs: 2000 } },
    })
    // Switch away and back: a new key store over the same database still refuses the right passphrase.
    expect(await code('workspaces.create', { name: 'Elsewhere' })).toBe('OK')
    expect(await code('workspaces.open', { id: 'main' })).toBe('OK')
    expect(await call('keys.unlock', { address: ADDRESS, passphrase: PASS })).toMatchObject({
      error: { code: 'UNAUTHORIZED', message: /Too many wrong passphrases/ },
    })
    // Restart the host: still refused while the delay runs, then the right passphrase unlocks and resets it.
    await host.close()
    await start()
    const refused = await call('keys.unlock', { address: ADDRESS, passphrase: PASS })
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: /try again in/ } })
    const waitMs = refused.ok ? 0 : (refused.error.details as { retryAfterMs: number }).retryAfterMs
    expect(waitMs).toBeGreaterThan(0)
    await sleep(waitMs + 50)
    expect(await code('keys.unlock', { address: ADDRESS, passphrase: PASS })).toBe('OK')
    expect(await call('keys.unlock', { address: ADDRESS, passphrase: 'wrong' })).toMatchObject({
      error: { details: { failures: 1 } },
    })
  })
})
