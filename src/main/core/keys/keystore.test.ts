import { describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Wallet, decryptKeystoreJson, encryptKeystoreJson } from 'ethers'
import { openDatabase } from '../db/open'
import { createContext, WORKSPACE_USER } from '../workspace/context'
import { listAuditEvents } from '../audit'
import { KeyStore, derivationPath } from './keystore'

// Hardhat's public test account #1 and its mnemonic: never real keys.
const MNEMONIC = 'test test test test test test test test test test test junk'
const KEY1 = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'
const ADDR1 = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const PASS = 'correct horse battery'

function setup(dir = mkdtempSync(join(tmpdir(), 'treasury-keys-')), db = ':memory:', start = 1_000_000) {
  const ctx = createContext(openDatabase(db), 'cli', 'test')
  let clock = start
  const keys = new KeyStore(ctx, {
    dir: join(dir, 'keys'),
    scryptN: 1024,
    now: () => clock,
    unlockDelay: { baseMs: 1000, maxMs: 8000 },
  })
  return { dir, ctx, keys, tick: (ms: number) => (clock += ms), now: () => clock }
}

describe('KeyStore', () => {
  it('imports a private key into a 0600 keystore file, locked until unlocked, and signs after unlock', async () => {
    const { keys, dir, ctx } = setup()
    const signer = await keys.importPrivateKey(KEY1, 'Alice', PASS)
    expect(signer).toMatchObject({ address: ADDR1, kind: 'local', unlocked: false })
    const file = join(dir, 'keys', signer.keystoreFile!)
    if (process.platform !== 'win32') {
      expect(statSync(file).mode & 0o777).toBe(0o600)
      expect(statSync(join(dir, 'keys')).mode & 0o777).toBe(0o700)
    }
    expect(readFileSync(file, 'utf8')).not.toContain(KEY1.slice(2))
    expect(() => keys.wallet(ADDR1)).toThrow(/locked/)
    expect(keys.active()).toBeNull()
    await keys.unlock(ADDR1, PASS)
    expect(keys.wallet(ADDR1).address).toBe(ADDR1)
    expect(keys.unlocked()).toEqual([ADDR1])
    expect(keys.active()).toBe(ADDR1)
    keys.lock(ADDR1)
    expect(() => keys.wallet(ADDR1)).toThrow(/locked/)
    expect(keys.active()).toBeNull()
    // Managing a key is the workspace user's act: an unlocked key is never credited with it.
    expect(listAuditEvents(ctx.db, { limit: 10 }).map((e) => e.actor)).toEqual(
      listAuditEvents(ctx.db, { limit: 10 }).map(() => WORKSPACE_USER),
    )
    const actions = listAuditEvents(ctx.db, { limit: 10 }).map((e) => e.action)
    expect(actions).toContain('signer.added')
    expect(JSON.stringify(listAuditEvents(ctx.db, { limit: 10 }))).not.toContain(KEY1.slice(2))
  })

  it('gives a growing delay after wrong passphrases, and refuses tries inside it', async () => {
    const { keys, tick } = setup()
    await keys.importPrivateKey(KEY1, 'Alice', PASS)
    await expect(keys.unlock(ADDR1, 'wrong passphrase')).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      details: { retryAfterMs: 1000 },
    })
    await expect(keys.unlock(ADDR1, PASS)).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: /try again in 1 s/ })
    tick(1000)
    await expect(keys.unlock(ADDR1, 'wrong again!')).rejects.toMatchObject({ details: { retryAfterMs: 2000 } })
    tick(2000)
    await expect(keys.unlock(ADDR1, 'wrong again!')).rejects.toMatchObject({ details: { retryAfterMs: 4000 } })
    tick(4000)
    await keys.unlock(ADDR1, PASS)
    keys.lock(ADDR1)
    await expect(keys.unlock(ADDR1, 'wrong')).rejects.toMatchObject({ details: { retryAfterMs: 1000 } }) // reset
  })

  it('keeps the delay in the workspace database: a new key store (restart, workspace switch) still refuses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'treasury-keys-'))
    const db = join(dir, 'workspace.sqlite')
    const first = setup(dir, db)
    await first.keys.importPrivateKey(KEY1, 'Alice', PASS)
    await expect(first.keys.unlock(ADDR1, 'wrong passphrase')).rejects.toMatchObject({ details: { failures: 1 } })
    first.tick(1000)
    await expect(first.keys.unlock(ADDR1, 'wrong passphrase')).rejects.toMatchObject({ details: { failures: 2 } })
    const stoppedAt = first.now()
    await first.ctx.close()

    const second = setup(dir, db, stoppedAt + 500)
    expect(second.keys.retryAfter(ADDR1)).toBe(1500)
    await expect(second.keys.unlock(ADDR1, PASS)).rejects.toMatchObject({ message: /try again in 2 s/ })
    second.tick(1500)
    await expect(second.keys.unlock(ADDR1, 'wrong passphrase')).rejects.toMatchObject({
      details: { failures: 3, retryAfterMs: 4000 },
    })
    second.tick(4000)
    await second.keys.unlock(ADDR1, PASS)
    expect(second.keys.retryAfter(ADDR1)).toBe(0)
    await second.ctx.close()
  })

  it('refuses a wrong passphrase for a key that is already unlocked, and counts it', async () => {
    const { keys, tick } = setup()
    await keys.importPrivateKey(KEY1, 'Alice', PASS)
    await keys.unlock(ADDR1, PASS)
    await expect(keys.unlock(ADDR1, 'wrong passphrase')).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      details: { failures: 1 },
    })
    expect(keys.unlocked()).toEqual([ADDR1]) // still unlocked: the refusal takes nothing away
    tick(1000)
    await keys.unlock(ADDR1, PASS)
  })

  it('exports the keystore only with its passphrase, under the same delay', async () => {
    const { keys, tick, ctx } = setup()
    const random = await keys.createRandom('Fresh', PASS)
    await expect(keys.exportKeystore(random.address, 'not it at all')).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    })
    await expect(keys.exportKeystore(random.address, PASS)).rejects.toMatchObject({ message: /try again in 1 s/ })
    tick(1000)
    const exported = await keys.exportKeystore(random.address, PASS)
    const decrypted = await decryptKeystoreJson(exported.json, PASS) // ethers reads what we wrote
    expect(decrypted.address).toBe(random.address)
    const actions = listAuditEvents(ctx.db, { limit: 20 }).map((e) => e.action)
    expect(actions).toContain('signer.exported')
    expect(actions).toContain('signer.unlock-failed')
  })

  it('auto-locks after the idle time and locks everything on close', async () => {
    const { keys, tick, ctx } = setup()
    await keys.importPrivateKey(KEY1, 'Alice', PASS)
    keys.setAutoLock(2)
    await keys.unlock(ADDR1, PASS)
    tick(90_000)
    keys.wallet(ADDR1) // use resets the idle time
    tick(90_000)
    keys.checkIdle()
    expect(keys.unlocked()).toEqual([ADDR1])
    tick(31_000)
    keys.checkIdle()
    expect(keys.unlocked()).toEqual([])
    await keys.unlock(ADDR1, PASS)
    await ctx.close()
    expect(keys.unlocked()).toEqual([])
  })

  it('derives BIP-44 accounts from a mnemonic and imports a Web3 Secret Storage file', async () => {
    const { keys } = setup()
    const s = await keys.importMnemonic(`  ${MNEMONIC.toUpperCase()} `, 1, 'From phrase', PASS)
    expect(s.address).toBe(ADDR1)
    expect(s.path).toBe(derivationPath(1))
    await expect(keys.importPrivateKey(KEY1, 'again', PASS)).rejects.toMatchObject({ code: 'CONFLICT' })
    const other = Wallet.createRandom()
    const json = await encryptKeystoreJson({ address: other.address, privateKey: other.privateKey }, 'file pass', {
      scrypt: { N: 1024 },
    })
    await expect(keys.importKeystore(json, 'nope', 'x', PASS)).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    await expect(keys.importKeystore('{"not":"a keystore"}', 'nope', 'x', PASS)).rejects.toMatchObject({
      code: 'BAD_INPUT',
    })
    const imported = await keys.importKeystore(json, 'file pass', 'From file', PASS)
    expect(imported.address).toBe(other.address)
    await keys.unlock(other.address, PASS) // re-encrypted under the workspace passphrase
  })

  it('creates a mnemonic signer only after the confirmation words match', async () => {
    const { keys } = setup()
    const pending = keys.startMnemonic()
    expect(pending.words).toHaveLength(24)
    expect(pending.confirm).toHaveLength(3)
    await expect(keys.confirmMnemonic(pending.id, ['a', 'b', 'c'], 'New', PASS)).rejects.toMatchObject({
      code: 'BAD_INPUT',
    })
    expect(keys.list()).toHaveLength(0)
    const signer = await keys.confirmMnemonic(
      pending.id,
      pending.confirm.map((i) => pending.words[i]),
      'New',
      PASS,
    )
    expect(signer.path).toBe(derivationPath(0))
    await expect(keys.confirmMnemonic(pending.id, [], 'x', PASS)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('keeps watch-only signers, exports the encrypted keystore and wipes the file on delete', async () => {
    const { keys, dir } = setup()
    const watch = keys.addWatch('0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', 'Carol (watch)')
    expect(watch.kind).toBe('watch')
    expect(() => keys.wallet(watch.address)).toThrow(/watch-only/)
    const random = await keys.createRandom('Fresh', PASS)
    const exported = await keys.exportKeystore(random.address, PASS)
    expect(JSON.parse(exported.json).address).toBe(random.address.slice(2).toLowerCase())
    keys.remove(random.address)
    expect(existsSync(join(dir, 'keys', random.keystoreFile!))).toBe(false)
    expect(readdirSync(join(dir, 'keys'))).toEqual([])
    expect(keys.list().map((s) => s.address)).toEqual([watch.address])
  })
})
