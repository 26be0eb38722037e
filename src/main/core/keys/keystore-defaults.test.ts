import { describe, expect, it } from 'vitest'
import { createDecipheriv, scryptSync } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { keccak256, computeAddress } from 'ethers'
import { openDatabase } from '../db/open'
import { createContext } from '../workspace/context'
import { KeyStore } from './keystore'

// Hardhat's public test account #1: never a real key.
const KEY1 = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'
const ADDR1 = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const PASS = 'correct horse battery'

/**
 * Every other keystore test lowers N to stay fast, so this one is the only guard on the real default: a KeyStore
 * built with no options writes a keystore, and the file is read and decrypted here without ethers (node:crypto
 * scrypt + AES-128-CTR + the Web3 Secret Storage MAC), with the parameters the file itself states.
 */
describe('KeyStore default KDF (slow: one real scrypt with N = 2^17 to write, one to read)', () => {
  it('writes Web3 Secret Storage v3 with scrypt N = 131072, r = 8, p = 1, dklen 32, and that file opens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'treasury-keys-default-'))
    const ctx = createContext(openDatabase(':memory:'), 'cli', 'test')
    const keys = new KeyStore(ctx, { dir: join(dir, 'keys') })
    const signer = await keys.importPrivateKey(KEY1, 'Alice', PASS)
    const file = JSON.parse(readFileSync(join(dir, 'keys', signer.keystoreFile!), 'utf8'))
    const crypto = file.crypto ?? file.Crypto // the v3 spec says "crypto"; ethers writes "Crypto"

    expect(file.version).toBe(3)
    expect(crypto.kdf).toBe('scrypt')
    expect(crypto.cipher).toBe('aes-128-ctr')
    const { n, r, p, dklen, salt } = crypto.kdfparams
    expect({ n, r, p, dklen }).toEqual({ n: 131072, r: 8, p: 1, dklen: 32 })
    expect(salt).toMatch(/^(0x)?[0-9a-f]{64}$/)

    const derived = scryptSync(PASS.normalize('NFKC'), Buffer.from(salt.replace(/^0x/, ''), 'hex'), dklen, {
      N: n,
      r,
      p,
      maxmem: 256 * 1024 * 1024,
    })
    const ciphertext = Buffer.from(crypto.ciphertext.replace(/^0x/, ''), 'hex')
    const mac = keccak256(Buffer.concat([derived.subarray(16, 32), ciphertext])).slice(2)
    expect(mac).toBe(crypto.mac.replace(/^0x/, ''))
    const iv = Buffer.from(crypto.cipherparams.iv.replace(/^0x/, ''), 'hex')
    const decipher = createDecipheriv('aes-128-ctr', derived.subarray(0, 16), iv)
    const privateKey = '0x' + Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('hex')
    expect(privateKey).toBe(KEY1)
    expect(computeAddress(privateKey)).toBe(ADDR1)

    // and the product opens its own default file
    await keys.unlock(ADDR1, PASS)
    expect(keys.wallet(ADDR1).address).toBe(ADDR1)
    ctx.close()
  }, 60_000)
})
