import { afterAll, describe, expect, it, vi } from 'vitest'
import { Wallet, decryptKeystoreJson, encryptKeystoreJson } from 'ethers'
import { KDF_LIMITS, KdfQueue, parseKeystore } from './kdf'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- hostile edits reach into arbitrary JSON
type Json = any

const PASS = 'pässwörd ﬁ' // NFKC matters: ethers normalises, so must we
const wallet = Wallet.createRandom()

/** A keystore made by ethers, with its KDF parameters then rewritten as a hostile file would. */
async function ethersKeystore(edit?: (crypto: Record<string, Json>) => void, N = 1024): Promise<string> {
  const json = JSON.parse(
    await encryptKeystoreJson({ address: wallet.address, privateKey: wallet.privateKey }, PASS, { scrypt: { N } }),
  )
  edit?.(json.Crypto ?? json.crypto)
  return JSON.stringify(json)
}

describe('bounded keystore KDF', () => {
  const kdf = new KdfQueue()
  afterAll(() => kdf.close())

  it('decrypts what ethers writes, and ethers decrypts what it writes (known answers both ways)', async () => {
    expect(await kdf.decrypt(await ethersKeystore(), PASS)).toEqual({
      address: wallet.address,
      privateKey: wallet.privateKey,
    })
    const ours = await kdf.encrypt(wallet.privateKey, PASS, 2048)
    const account = await decryptKeystoreJson(ours, PASS)
    expect(account.privateKey).toBe(wallet.privateKey)
    expect(account.address).toBe(wallet.address)
    await expect(kdf.decrypt(ours, 'wrong')).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
  })

  it('opens a pbkdf2 keystore (geth --lightkdf style) within the bound', async () => {
    // Built by hand from the Web3 Secret Storage test vector's layout, keyed by our own worker-free derivation.
    const { pbkdf2Sync, createCipheriv, randomBytes } = await import('node:crypto')
    const { keccak256 } = await import('ethers')
    const salt = randomBytes(32)
    const iv = randomBytes(16)
    const key = pbkdf2Sync(Buffer.from(PASS.normalize('NFKC')), salt, 4096, 32, 'sha256')
    const c = createCipheriv('aes-128-ctr', key.subarray(0, 16), iv)
    const ciphertext = Buffer.concat([c.update(Buffer.from(wallet.privateKey.slice(2), 'hex')), c.final()])
    const mac = keccak256(Buffer.concat([key.subarray(16), ciphertext])).slice(2)
    const json = JSON.stringify({
      version: 3,
      crypto: {
        cipher: 'aes-128-ctr',
        cipherparams: { iv: iv.toString('hex') },
        ciphertext: ciphertext.toString('hex'),
        kdf: 'pbkdf2',
        kdfparams: { c: 4096, dklen: 32, prf: 'hmac-sha256', salt: salt.toString('hex') },
        mac,
      },
    })
    expect((await decryptKeystoreJson(json, PASS)).address).toBe(wallet.address) // ethers agrees on the file
    expect((await kdf.decrypt(json, PASS)).address).toBe(wallet.address)
  })

  it.each([
    ['scrypt N = 2^20', (c: Json) => (c.kdfparams.n = 2 ** 20), /scrypt N \(1048576\) is above the limit of 2\^18/],
    ['scrypt r = 64', (c: Json) => (c.kdfparams.r = 64), /scrypt r \(64\) is not 8/],
    ['scrypt p = 16', (c: Json) => (c.kdfparams.p = 16), /scrypt p \(16\) is above the limit of 4/],
    ['scrypt N not a power of 2', (c: Json) => (c.kdfparams.n = 3000), /not a power of two/],
    [
      'pbkdf2 c = 2^31',
      (c: Json) => {
        c.kdf = 'pbkdf2'
        c.kdfparams = { c: 2 ** 31, dklen: 32, prf: 'hmac-sha256', salt: c.kdfparams.salt }
      },
      /pbkdf2 iteration count \(2147483648\) is above the limit of 1000000/,
    ],
    ['an unknown kdf', (c: Json) => (c.kdf = 'argon2'), /neither scrypt nor pbkdf2/],
    ['dklen 4096', (c: Json) => (c.kdfparams.dklen = 4096), /dklen/],
    ['a 1 MB salt', (c: Json) => (c.kdfparams.salt = 'ab'.repeat(500_000)), /salt/],
  ])('refuses %s before deriving anything, naming the reason', async (_name, edit, reason) => {
    const json = await ethersKeystore(edit)
    expect(() => parseKeystore(json)).toThrow(reason)
    // Refused from the parameters alone: the worker is never asked to derive (a timing bound would flake under load).
    const derive = vi.spyOn(kdf, 'derive')
    try {
      await expect(kdf.decrypt(json, PASS)).rejects.toMatchObject({ code: 'BAD_INPUT', message: reason })
      expect(derive).not.toHaveBeenCalled()
    } finally {
      derive.mockRestore()
    }
  })

  it('accepts the bounds themselves (N = 2^18, r = 8, p = 4 stays under the memory cap)', () => {
    expect(KDF_LIMITS.scryptMaxMemBytes).toBeGreaterThan(128 * 8 * 2 ** 18 + 128 * 8 * 4)
    expect(KDF_LIMITS.scryptMaxMemBytes).toBeLessThan(300 * 1024 * 1024)
  })

  it('runs derivations one at a time, off the main thread (the event loop keeps turning)', async () => {
    const json = await ethersKeystore(undefined, 2 ** 15)
    let ticks = 0
    const timer = setInterval(() => ticks++, 5)
    const order: number[] = []
    await Promise.all([1, 2, 3].map((i) => kdf.decrypt(json, PASS).then(() => order.push(i))))
    clearInterval(timer)
    expect(order).toEqual([1, 2, 3])
    expect(ticks).toBeGreaterThan(2)
  })
})
