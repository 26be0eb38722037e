import { afterAll, describe, expect, it, vi } from 'vitest'
import { createCipheriv, pbkdf2, randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { Wallet, keccak256 } from 'ethers'
import { verifyAuditChain } from '../../src/main/core/audit'
import { KDF_LIMITS, KdfQueue } from '../../src/main/core/keys/kdf'
import { sandboxWorkspace } from '../integration/helpers'

const FILE_PASS = 'the file passphrase'
const PASS = 'workspace passphrase'

/** A pbkdf2 keystore with iteration count c (derived here only when `derive`; a bomb is never derived). */
async function pbkdf2Keystore(c: number, derive: boolean): Promise<{ json: string; address: string }> {
  const wallet = Wallet.createRandom()
  const salt = randomBytes(32)
  const iv = randomBytes(16)
  const key = derive ? await promisify(pbkdf2)(Buffer.from(FILE_PASS), salt, c, 32, 'sha256') : randomBytes(32)
  const cipher = createCipheriv('aes-128-ctr', key.subarray(0, 16), iv)
  const ciphertext = Buffer.concat([cipher.update(Buffer.from(wallet.privateKey.slice(2), 'hex')), cipher.final()])
  const json = JSON.stringify({
    version: 3,
    address: wallet.address.slice(2).toLowerCase(),
    crypto: {
      cipher: 'aes-128-ctr',
      cipherparams: { iv: iv.toString('hex') },
      ciphertext: ciphertext.toString('hex'),
      kdf: 'pbkdf2',
      kdfparams: { c, dklen: 32, prf: 'hmac-sha256', salt: salt.toString('hex') },
      mac: keccak256(Buffer.concat([key.subarray(16), ciphertext])).slice(2),
    },
  })
  return { json, address: wallet.address }
}

describe('hostile keystores', () => {
  const ws = sandboxWorkspace()
  const maker = new KdfQueue()
  afterAll(async () => {
    await maker.close()
    await ws.ctx.close()
  })
  const importKeystore = (json: string, label: string) =>
    ws.api.dispatch('keys.import', {
      label,
      passphrase: PASS,
      source: { kind: 'keystore', json, keystorePassphrase: FILE_PASS },
    })

  it('refuses pbkdf2 and scrypt bombs at once, with the reason, storing nothing', async () => {
    const before = verifyAuditChain(ws.db).events
    const scryptBomb = JSON.parse(await maker.encrypt(Wallet.createRandom().privateKey, FILE_PASS, 1024))
    scryptBomb.crypto.kdfparams.n = 2 ** 20
    const bigP = JSON.parse(await maker.encrypt(Wallet.createRandom().privateKey, FILE_PASS, 1024))
    bigP.crypto.kdfparams.p = 2 ** 20
    const bombs: Array<[string, string, RegExp]> = [
      ['pbkdf2 c = 30,000,000', (await pbkdf2Keystore(30_000_000, false)).json, /pbkdf2 iteration count \(30000000\)/],
      ['pbkdf2 c = 2^31', (await pbkdf2Keystore(2 ** 31, false)).json, /above the limit of 1000000/],
      ['scrypt N = 2^20', JSON.stringify(scryptBomb), /scrypt N \(1048576\) is above the limit of 2\^18/],
      ['scrypt p = 2^20', JSON.stringify(bigP), /scrypt p \(1048576\) is above the limit of 4/],
    ]
    // Refused from the parameters alone: no derivation is ever queued (not a timing bound, which flakes under load).
    const derive = vi.spyOn(KdfQueue.prototype, 'derive')
    try {
      for (const [name, json, reason] of bombs) {
        const started = performance.now()
        const answer = await importKeystore(json, name)
        const ms = performance.now() - started
        console.log(`[hostile keystore] ${name}: ${answer.ok ? 'ok' : answer.error.code} in ${ms.toFixed(1)} ms`)
        expect(answer.ok ? null : answer.error).toMatchObject({ code: 'BAD_INPUT', message: reason })
      }
      expect(derive).not.toHaveBeenCalled()
    } finally {
      derive.mockRestore()
    }
    expect(verifyAuditChain(ws.db).events).toBe(before)
    expect((await ws.call('keys.list', {})).signers.filter((s) => s.label.includes('='))).toEqual([])
  })

  it('derives one keystore at a time off the main thread: other calls answer meanwhile, a bomb at once', async () => {
    // Files at the bounds (scrypt N = 2^18, r = 8: 256 MiB each; pbkdf2 c = 10^6) are accepted; three at once.
    const scryptFiles = await Promise.all(
      [0, 1].map(async () => {
        const wallet = Wallet.createRandom()
        const json = await maker.encrypt(wallet.privateKey, FILE_PASS, KDF_LIMITS.scryptMaxN)
        expect(JSON.parse(json).crypto.kdfparams).toMatchObject({ n: 2 ** 18, r: 8 })
        return { json, address: wallet.address }
      }),
    )
    const pbkdf2Files = [await pbkdf2Keystore(KDF_LIMITS.pbkdf2MaxC, true)]
    const files = [...scryptFiles, ...pbkdf2Files]

    const derive = vi.spyOn(KdfQueue.prototype, 'derive')
    const started = performance.now()
    let running = true
    const imports = Promise.all(files.map((f, i) => importKeystore(f.json, `Heavy ${i}`))).finally(
      () => (running = false),
    )
    // A bomb arriving while the worker is busy is refused at once too: bounds are checked before the queue, so its
    // answer comes while the three derivations are still running, and it never joins them.
    const bomb = (await pbkdf2Keystore(30_000_000, false)).json
    expect(await importKeystore(bomb, 'Bomb during')).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    expect(running).toBe(true)
    const latencies: number[] = []
    while (running) {
      const t0 = performance.now()
      const answer = await ws.api.dispatch('keys.list', {})
      latencies.push(performance.now() - t0)
      expect(answer.ok).toBe(true)
      await new Promise((r) => setTimeout(r, 20))
    }
    const answers = await imports
    const total = performance.now() - started
    const worst = Math.max(...latencies)
    console.log(
      `[hostile keystore] 3 imports at the bounds: ${(total / 1000).toFixed(1)} s in all; keys.list answered ` +
        `${latencies.length} times meanwhile, worst ${worst.toFixed(1)} ms`,
    )
    expect(answers.map((a) => (a.ok ? (a.value as { address: string }).address : a.error.code))).toEqual(
      files.map((f) => f.address),
    )
    // Each accepted file is derived twice (opened with its own passphrase, sealed with the workspace's); none beyond.
    const derived = derive.mock.calls.map(([params]) => (params.kdf === 'pbkdf2' ? params.c : params.N))
    expect(derived.filter((cost) => cost > KDF_LIMITS.pbkdf2MaxC)).toEqual([])
    expect(derive).toHaveBeenCalledTimes(files.length * 2)
    derive.mockRestore()
    expect(latencies.length).toBeGreaterThan(10)
    // A derivation on this thread would hold a call for a whole derivation (about a sixth of the total); measured
    // against the run's own derivations rather than a fixed bound, so a loaded machine slows both alike.
    expect(worst).toBeLessThan(total / (files.length * 2) / 4)
  })
})
