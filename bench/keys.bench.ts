import { performance } from 'node:perf_hooks'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Wallet, decryptKeystoreJson, encryptKeystoreJson } from 'ethers'
import { openDatabase } from '../src/main/core/db/open'
import { createContext } from '../src/main/core/workspace/context'
import { KEYSTORE_SCRYPT, KeyStore } from '../src/main/core/keys'
import { plainSafeTx, signSafeTx } from '../src/main/core/signing'
import { median, type Bench } from './types'

const PASS = 'benchmark passphrase'

/** Keystore unlock with the product's scrypt parameters, and EIP-712 signing with an unlocked key. */
export const bench: Bench = {
  name: 'keys',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'treasury-bench-keys-'))
    // Reference first, before the key store routes scrypt to Node's native one: ethers' own (pure JS) scrypt.
    const sample = Wallet.createRandom()
    const json = await encryptKeystoreJson({ address: sample.address, privateKey: sample.privateKey }, PASS)
    const t = performance.now()
    await decryptKeystoreJson(json, PASS)
    const jsDecrypt = performance.now() - t

    const ctx = createContext(openDatabase(join(dir, 'w.sqlite')), 'cli', 'bench')
    const keys = new KeyStore(ctx, { dir: join(dir, 'keys') }) // product defaults: N = 2^17
    const signer = await keys.createRandom('bench', PASS)
    const unlocks: number[] = []
    for (let i = 0; i < 3; i++) {
      keys.lockAll()
      const t0 = performance.now()
      await keys.unlock(signer.address, PASS)
      unlocks.push(performance.now() - t0)
    }

    const tx = plainSafeTx({ to: sample.address, value: '1000000000000000000', data: '0x', operation: 0, nonce: '0' })
    const safe = '0x3b528a984d3F9e7b7dA1f2310685fFAF327C3238'
    for (let i = 0; i < 50; i++) await signSafeTx(keys.wallet(signer.address), 31337, safe, { ...tx, nonce: String(i) })
    const signs: number[] = []
    const cpu0 = process.cpuUsage()
    for (let i = 0; i < 1000; i++) {
      const t0 = performance.now()
      await signSafeTx(keys.wallet(signer.address), 31337, safe, { ...tx, nonce: String(i) })
      signs.push(performance.now() - t0)
    }
    const cpu = process.cpuUsage(cpu0)
    await ctx.close()
    rmSync(dir, { recursive: true, force: true })

    const unlock = Math.round(median(unlocks))
    const sign = Math.round(median(signs) * 100) / 100
    const p95 = Math.round([...signs].sort((a, b) => a - b)[Math.floor(signs.length * 0.95)] * 100) / 100
    return [
      {
        name: 'keys.unlock',
        value: unlock,
        unit: 'ms',
        reference: { name: 'ethers pure-JS scrypt decrypt, same parameters', value: Math.round(jsDecrypt), unit: 'ms' },
        details: {
          scrypt: KEYSTORE_SCRYPT,
          runs: unlocks.map(Math.round),
          kdf: "Node's native scrypt in the key store's KDF worker thread",
          machineLoad: loadavg()[0],
        },
      },
      {
        name: 'keys.sign-after-unlock',
        value: sign,
        unit: 'ms/signature (median)',
        target: '<= 5 ms',
        met: sign <= 5,
        details: {
          signatures: signs.length,
          p95,
          cpuMsPerSignature: Math.round(((cpu.user + cpu.system) / 1000 / signs.length) * 100) / 100,
          machineLoad: loadavg()[0],
        },
      },
    ]
  },
}
