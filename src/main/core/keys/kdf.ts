import { createCipheriv, createDecipheriv, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import { computeAddress, getAddress, keccak256 } from 'ethers'
import { ApiError } from '../../../shared/errors'
import { KdfWorker } from './kdf-worker'

/**
 * Web3 Secret Storage v3 with bounded key derivation. The cost of a keystore's KDF comes from the file itself, so
 * an imported file could ask for minutes of CPU (pbkdf2 c = 2^31) or gigabytes (scrypt N = 2^20): parameters past
 * these bounds are refused before anything is derived, and every derivation runs in a worker thread.
 */
export const KDF_LIMITS = {
  scryptMaxN: 2 ** 18,
  scryptR: 8,
  scryptMaxP: 4,
  pbkdf2MaxC: 1_000_000,
  /** scrypt needs 128·r·N bytes (256 MiB at the bounds) plus 128·r·p; nothing above this is ever allocated. */
  scryptMaxMemBytes: 128 * 8 * 2 ** 18 + 16 * 1024 * 1024,
} as const

export type KdfParams =
  | { kdf: 'scrypt'; N: number; r: number; p: number; dklen: 32; salt: string }
  | { kdf: 'pbkdf2'; c: number; dklen: 32; salt: string }

export interface ParsedKeystore {
  kdf: KdfParams
  iv: Buffer
  ciphertext: Buffer
  mac: Buffer
  /** The address the file claims, checksummed; null when it names none. */
  address: string | null
}

const HEX = /^(0x)?([0-9a-fA-F]{2})*$/

function hexField(value: unknown, what: string, bytes?: number): Buffer {
  if (typeof value !== 'string' || !HEX.test(value) || value.length > 1026) throw badKeystore(`its ${what} is not hex`)
  const buffer = Buffer.from(value.replace(/^0x/, ''), 'hex')
  if (bytes !== undefined && buffer.length !== bytes) throw badKeystore(`its ${what} is not ${bytes} bytes`)
  return buffer
}

function badKeystore(reason: string): ApiError {
  return new ApiError('BAD_INPUT', `That keystore file cannot be used: ${reason}.`, { reason })
}

function integer(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    throw badKeystore(`its ${what} is not a positive integer`)
  return value
}

/** Reads the KDF's parameters and refuses those past KDF_LIMITS, naming the one that is. */
export function checkKdfParams(kdf: unknown, params: unknown): KdfParams {
  if (typeof params !== 'object' || params === null) throw badKeystore('it has no kdfparams')
  const p = params as Record<string, unknown>
  if (p.dklen !== 32) throw badKeystore('its derived key length (dklen) is not 32')
  const salt = hexField(p.salt, 'salt')
  if (salt.length < 16 || salt.length > 64) throw badKeystore('its salt is not 16 to 64 bytes')
  if (kdf === 'scrypt') {
    const N = integer(p.n, 'scrypt N')
    const r = integer(p.r, 'scrypt r')
    const parallel = integer(p.p, 'scrypt p')
    if (N < 2 || (N & (N - 1)) !== 0) throw badKeystore(`its scrypt N (${N}) is not a power of two`)
    if (N > KDF_LIMITS.scryptMaxN)
      throw badKeystore(`its scrypt N (${N}) is above the limit of 2^18 (${KDF_LIMITS.scryptMaxN})`)
    if (r !== KDF_LIMITS.scryptR) throw badKeystore(`its scrypt r (${r}) is not 8`)
    if (parallel > KDF_LIMITS.scryptMaxP)
      throw badKeystore(`its scrypt p (${parallel}) is above the limit of ${KDF_LIMITS.scryptMaxP}`)
    return { kdf: 'scrypt', N, r, p: parallel, dklen: 32, salt: salt.toString('hex') }
  }
  if (kdf === 'pbkdf2') {
    const c = integer(p.c, 'pbkdf2 iteration count (c)')
    if (c > KDF_LIMITS.pbkdf2MaxC)
      throw badKeystore(`its pbkdf2 iteration count (${c}) is above the limit of ${KDF_LIMITS.pbkdf2MaxC}`)
    if (p.prf !== 'hmac-sha256') throw badKeystore('its pbkdf2 prf is not hmac-sha256')
    return { kdf: 'pbkdf2', c, dklen: 32, salt: salt.toString('hex') }
  }
  throw badKeystore(`its kdf "${String(kdf).slice(0, 20)}" is neither scrypt nor pbkdf2`)
}

/** Parses a Web3 Secret Storage v3 file without deriving anything; BAD_INPUT names what is wrong. */
export function parseKeystore(json: string): ParsedKeystore {
  let data: unknown
  try {
    data = JSON.parse(json)
  } catch {
    throw badKeystore('it is not JSON')
  }
  if (typeof data !== 'object' || data === null) throw badKeystore('it is not a JSON object')
  const file = data as Record<string, unknown>
  const crypto = (file.crypto ?? file.Crypto) as Record<string, unknown> | undefined
  if (typeof crypto !== 'object' || crypto === null) throw badKeystore('it has no "crypto" section')
  if (crypto.cipher !== 'aes-128-ctr') throw badKeystore('its cipher is not aes-128-ctr')
  const cipherparams = crypto.cipherparams as Record<string, unknown> | undefined
  const iv = hexField(cipherparams?.iv, 'iv', 16)
  const ciphertext = hexField(crypto.ciphertext, 'ciphertext', 32)
  const mac = hexField(crypto.mac, 'mac', 32)
  const kdf = checkKdfParams(crypto.kdf, crypto.kdfparams)
  let address: string | null = null
  if (file.address !== undefined) {
    try {
      address = getAddress(String(file.address).startsWith('0x') ? String(file.address) : `0x${file.address}`)
    } catch {
      throw badKeystore('its address is not an Ethereum address')
    }
  }
  return { kdf, iv, ciphertext, mac, address }
}

/** Serialises derivations: one at a time per key store (per workspace), each in its worker thread. */
export class KdfQueue {
  private tail: Promise<unknown> = Promise.resolve()
  private readonly worker = new KdfWorker(KDF_LIMITS.scryptMaxMemBytes)

  derive(params: KdfParams, password: string): Promise<Buffer> {
    const run = this.tail.then(
      () => this.worker.derive(params, password),
      () => this.worker.derive(params, password),
    )
    this.tail = run.catch(() => undefined)
    return run
  }

  /** Decrypts a keystore; UNAUTHORIZED when the passphrase is wrong (the MAC does not match). */
  async decrypt(json: string, password: string): Promise<{ address: string; privateKey: string }> {
    const file = parseKeystore(json)
    const key = await this.derive(file.kdf, password)
    const mac = Buffer.from(keccak256(Buffer.concat([key.subarray(16, 32), file.ciphertext])).slice(2), 'hex')
    if (!timingSafeEqual(mac, file.mac)) throw new ApiError('UNAUTHORIZED', 'Wrong passphrase for that keystore.')
    const decipher = createDecipheriv('aes-128-ctr', key.subarray(0, 16), file.iv)
    const privateKey = `0x${Buffer.concat([decipher.update(file.ciphertext), decipher.final()]).toString('hex')}`
    let address: string
    try {
      address = computeAddress(privateKey)
    } catch {
      throw badKeystore('the key it holds is not a valid secp256k1 key')
    }
    if (file.address && file.address !== address) throw badKeystore('the address it names is not its key’s address')
    return { address, privateKey }
  }

  /** A new v3 keystore (scrypt, r = 8, p = 1), readable by ethers, geth and MyCrypto alike. */
  async encrypt(privateKey: string, password: string, N: number): Promise<string> {
    const salt = randomBytes(32).toString('hex')
    const iv = randomBytes(16)
    const kdf: KdfParams = { kdf: 'scrypt', N, r: 8, p: 1, dklen: 32, salt }
    const key = await this.derive(kdf, password)
    const cipher = createCipheriv('aes-128-ctr', key.subarray(0, 16), iv)
    const ciphertext = Buffer.concat([cipher.update(Buffer.from(privateKey.slice(2), 'hex')), cipher.final()])
    const mac = keccak256(Buffer.concat([key.subarray(16, 32), ciphertext])).slice(2)
    return JSON.stringify({
      address: computeAddress(privateKey).slice(2).toLowerCase(),
      id: randomUUID(),
      version: 3,
      crypto: {
        cipher: 'aes-128-ctr',
        cipherparams: { iv: iv.toString('hex') },
        ciphertext: ciphertext.toString('hex'),
        kdf: 'scrypt',
        kdfparams: { salt, n: N, dklen: 32, p: 1, r: 8 },
        mac,
      },
    })
  }

  close(): Promise<void> {
    return this.worker.close()
  }
}
