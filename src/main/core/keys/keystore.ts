import { randomBytes, randomInt } from 'node:crypto'
import { join } from 'node:path'
import { HDNodeWallet, Mnemonic, SigningKey, Wallet, getAddress } from 'ethers'
import { ApiError } from '../../../shared/errors'
import { WORKSPACE_USER, type CoreContext } from '../workspace/context'
import type { UnlockedKeys } from './types'
import { KEYSTORE_SCRYPT } from './scrypt'
import { KdfQueue } from './kdf'
import { keystoreFileName, readKeystoreFile, wipeFile, writeKeystoreFile } from './files'
import {
  clearUnlockAttempts,
  deleteSigner,
  getAutoLockMinutes,
  getSigner,
  getUnlockAttempts,
  insertSigner,
  listSigners,
  renameSigner,
  setAutoLockMinutes,
  setUnlockAttempts,
  type SignerRecord,
} from './store'

/** BIP-44 Ethereum accounts: m/44'/60'/0'/0/i. */
export const BIP44_PREFIX = "m/44'/60'/0'/0"
export const derivationPath = (index: number) => `${BIP44_PREFIX}/${index}`

export const MNEMONIC_WORDS = 24
const CONFIRM_WORDS = 3
const PENDING_TTL_MS = 10 * 60_000

export interface KeyStoreOptions {
  /** Where keystore files live: `<workspace folder>/keys`. */
  dir: string
  /**
   * Tests and benchmarks only: a cheaper scrypt N for the files they write. The product never sets it, so new
   * keystores always get KEYSTORE_SCRYPT.
   */
  scryptN?: number
  now?: () => number
  /** Wrong-passphrase delay: base × 2^(failures − 1), capped. */
  unlockDelay?: { baseMs: number; maxMs: number }
}

export interface SignerState extends SignerRecord {
  unlocked: boolean
  active: boolean
}

export interface PendingMnemonic {
  id: string
  words: string[]
  /** 0-based positions of the words the user must type back. */
  confirm: number[]
}

/**
 * Signer keys of one workspace. Keys rest as Web3 Secret Storage files (scrypt, mode 0600); metadata (label, kind,
 * path) and the wrong-passphrase delay live in SQLite. Unlocked keys are held in this object only, dropped on lock,
 * after the idle time, and at close. Key derivations run one at a time in a worker thread (KdfQueue). No method
 * returns or logs key material; errors name the signer, never the secret.
 */
export class KeyStore implements UnlockedKeys {
  private readonly dir: string
  private readonly scryptN: number
  private readonly now: () => number
  private readonly delay: { baseMs: number; maxMs: number }
  private readonly open = new Map<string, Wallet>()
  private readonly kdf = new KdfQueue()
  private readonly inFlight = new Set<string>()
  private readonly pending = new Map<string, { phrase: string; confirm: number[]; expires: number }>()
  private activeAddress: string | null = null
  private lastUsed = 0
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly ctx: CoreContext,
    options: KeyStoreOptions,
  ) {
    this.dir = options.dir
    this.scryptN = options.scryptN ?? KEYSTORE_SCRYPT.N
    this.now = options.now ?? Date.now
    this.delay = options.unlockDelay ?? { baseMs: 1000, maxMs: 5 * 60_000 }
    ctx.onClose(async () => {
      this.lockAll()
      await this.kdf.close()
    })
  }

  // ---- reading -------------------------------------------------------------------------------------------------

  list(): SignerState[] {
    return listSigners(this.ctx.db).map((s) => this.state(s))
  }

  get(address: string): SignerState {
    return this.state(this.record(address))
  }

  unlocked(): string[] {
    return [...this.open.keys()]
  }

  /** The signer chosen by default in this session (the last one unlocked or chosen); never an audit actor by itself. */
  active(): string | null {
    return this.activeAddress
  }

  autoLockMinutes(): number {
    return getAutoLockMinutes(this.ctx.db)
  }

  wallet(address: string): Wallet {
    const wallet = this.open.get(address)
    if (wallet) {
      this.touch()
      return wallet
    }
    const signer = this.record(address)
    if (signer.kind === 'watch')
      throw new ApiError('CONFLICT', `${signer.label} (${address}) is watch-only: this workspace holds no key for it.`)
    throw new ApiError('LOCKED', `${signer.label} (${address}) is locked. Unlock it with its passphrase first.`)
  }

  // ---- adding signers -----------------------------------------------------------------------------------------

  async createRandom(label: string, passphrase: string): Promise<SignerState> {
    const wallet = new Wallet(new SigningKey(randomBytes(32)))
    return this.addLocal(wallet, label, null, passphrase, 'random')
  }

  /** A fresh BIP-39 mnemonic, held here (not on disk) until the user proves they wrote it down. */
  startMnemonic(): PendingMnemonic {
    this.expirePending()
    const mnemonic = Mnemonic.fromEntropy(randomBytes((MNEMONIC_WORDS / 3) * 4))
    const id = randomBytes(16).toString('hex')
    const confirm = new Set<number>()
    while (confirm.size < CONFIRM_WORDS) confirm.add(randomInt(MNEMONIC_WORDS))
    const positions = [...confirm].sort((a, b) => a - b)
    this.pending.set(id, { phrase: mnemonic.phrase, confirm: positions, expires: this.now() + PENDING_TTL_MS })
    return { id, words: mnemonic.phrase.split(' '), confirm: positions }
  }

  async confirmMnemonic(id: string, words: string[], label: string, passphrase: string): Promise<SignerState> {
    this.expirePending()
    const pending = this.pending.get(id)
    if (!pending)
      throw new ApiError(
        'NOT_FOUND',
        'That recovery phrase is no longer pending (it expired or was used). Start again.',
      )
    const all = pending.phrase.split(' ')
    const wrong = pending.confirm.filter((position, i) => (words[i] ?? '').trim().toLowerCase() !== all[position])
    if (words.length !== pending.confirm.length || wrong.length)
      throw new ApiError(
        'BAD_INPUT',
        `Word${wrong.length === 1 ? '' : 's'} ${wrong.map((p) => `#${p + 1}`).join(', ')} do${wrong.length === 1 ? 'es' : ''} not match the recovery phrase. Check what you wrote down.`,
      )
    const wallet = HDNodeWallet.fromPhrase(pending.phrase, undefined, derivationPath(0))
    const state = await this.addLocal(new Wallet(wallet.privateKey), label, derivationPath(0), passphrase, 'mnemonic')
    this.pending.delete(id)
    return state
  }

  async importPrivateKey(privateKey: string, label: string, passphrase: string): Promise<SignerState> {
    let wallet: Wallet
    try {
      wallet = new Wallet(privateKey.startsWith('0x') ? privateKey : `0x${privateKey}`)
    } catch {
      throw new ApiError('BAD_INPUT', 'That is not a valid secp256k1 private key (64 hex digits, not zero).')
    }
    return this.addLocal(wallet, label, null, passphrase, 'private-key')
  }

  async importMnemonic(phrase: string, index: number, label: string, passphrase: string): Promise<SignerState> {
    const normalized = phrase.trim().toLowerCase().split(/\s+/).join(' ')
    let wallet: HDNodeWallet
    try {
      wallet = HDNodeWallet.fromPhrase(normalized, undefined, derivationPath(index))
    } catch {
      throw new ApiError(
        'BAD_INPUT',
        'That recovery phrase is not a valid BIP-39 English mnemonic (12–24 words with a valid checksum).',
      )
    }
    return this.addLocal(new Wallet(wallet.privateKey), label, derivationPath(index), passphrase, 'mnemonic')
  }

  async importKeystore(
    json: string,
    keystorePassphrase: string,
    label: string,
    passphrase: string,
  ): Promise<SignerState> {
    // Bounded KDF parameters (KDF_LIMITS) are checked before anything is derived; BAD_INPUT names the one refused.
    let account: { privateKey: string }
    try {
      account = await this.kdf.decrypt(json, keystorePassphrase)
    } catch (error) {
      if (error instanceof ApiError && error.code === 'UNAUTHORIZED')
        throw new ApiError('UNAUTHORIZED', "The keystore file's passphrase is wrong.")
      throw error
    }
    return this.addLocal(new Wallet(account.privateKey), label, null, passphrase, 'keystore')
  }

  addWatch(address: string, label: string): SignerState {
    this.refuseDuplicate(address)
    const record: SignerRecord = {
      address,
      label,
      kind: 'watch',
      path: null,
      keystoreFile: null,
      addedAt: new Date(this.now()).toISOString(),
    }
    this.ctx.mutate(
      {
        actor: WORKSPACE_USER,
        action: 'signer.added',
        subject: `signer:${address}`,
        payload: { label, kind: 'watch' },
      },
      () => insertSigner(this.ctx.db, record),
    )
    return this.state(record)
  }

  /**
   * Adds already-known keys (the sandbox's public demo keys) and keeps them unlocked, which saves the scrypt
   * decryption right after the encryption. The encryptions run one after another in the KDF worker.
   */
  async importUnlocked(
    keys: Array<{ privateKey: string; label: string }>,
    passphrase: string,
    source: string,
  ): Promise<SignerState[]> {
    const fresh = keys
      .map((k) => ({ ...k, wallet: new Wallet(k.privateKey) }))
      .filter((k) => !getSigner(this.ctx.db, k.wallet.address))
    const encrypted = await Promise.all(fresh.map((k) => this.encrypt(k.wallet, passphrase)))
    // Recorded one after another, in the order given, once every scrypt run is done.
    const added = fresh.map((k, i) => this.persist(k.wallet, encrypted[i], k.label, null, source))
    for (const k of fresh) this.open.set(k.wallet.address, k.wallet)
    if (fresh.length) {
      this.activeAddress = this.activeAddress ?? fresh[0].wallet.address
      this.touch()
    }
    return added.map((s) => this.get(s.address))
  }

  // ---- changing signers ---------------------------------------------------------------------------------------

  rename(address: string, label: string): SignerState {
    const signer = this.record(address)
    this.ctx.mutate(
      {
        actor: WORKSPACE_USER,
        action: 'signer.renamed',
        subject: `signer:${address}`,
        payload: { from: signer.label, to: label },
      },
      () => renameSigner(this.ctx.db, address, label),
    )
    return this.get(address)
  }

  /** Removes the signer; a keystore file is overwritten with random bytes before it is unlinked. */
  remove(address: string): void {
    const signer = this.record(address)
    this.forget(address)
    this.ctx.mutate(
      {
        actor: WORKSPACE_USER,
        action: 'signer.deleted',
        subject: `signer:${address}`,
        payload: { label: signer.label, kind: signer.kind },
      },
      () => deleteSigner(this.ctx.db, address),
    )
    if (signer.keystoreFile) {
      try {
        wipeFile(join(this.dir, signer.keystoreFile))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
        throw new ApiError(
          'INTERNAL',
          `${signer.label} was removed from the workspace, but its keystore file could not be wiped: ${join(this.dir, signer.keystoreFile)}. Delete it by hand.`,
        )
      }
    }
  }

  /**
   * The encrypted keystore, as stored (Web3 Secret Storage v3 JSON), once its passphrase is proven by decrypting:
   * whoever holds the session alone (a compromised renderer) cannot take the file away to guess offline, past the
   * wrong-passphrase delay.
   */
  async exportKeystore(address: string, passphrase: string): Promise<{ fileName: string; json: string }> {
    const signer = this.record(address)
    if (!signer.keystoreFile) throw new ApiError('CONFLICT', `${signer.label} is watch-only: there is no keystore.`)
    const json = this.readFile(signer)
    await this.provePassphrase(signer, json, passphrase)
    this.ctx.mutate(
      {
        actor: WORKSPACE_USER,
        action: 'signer.exported',
        subject: `signer:${signer.address}`,
        payload: { label: signer.label },
      },
      () => clearUnlockAttempts(this.ctx.db, signer.address),
    )
    return { fileName: `UTC--${signer.addedAt.replace(/:/g, '-')}--${address.slice(2).toLowerCase()}.json`, json }
  }

  setAutoLock(minutes: number): void {
    this.ctx.mutate(
      { actor: WORKSPACE_USER, action: 'keys.auto-lock-set', subject: 'settings:keys', payload: { minutes } },
      () => setAutoLockMinutes(this.ctx.db, minutes),
    )
    this.schedule()
  }

  // ---- lock and unlock -----------------------------------------------------------------------------------------

  /** Unlocks a key, or proves the passphrase again for one already unlocked: a wrong one is refused either way. */
  async unlock(address: string, passphrase: string): Promise<SignerState> {
    const signer = this.record(address)
    if (!signer.keystoreFile)
      throw new ApiError('CONFLICT', `${signer.label} is watch-only: there is no key to unlock.`)
    const wallet = await this.provePassphrase(signer, this.readFile(signer), passphrase)
    this.ctx.mutate(
      { actor: WORKSPACE_USER, action: 'signer.unlocked', subject: `signer:${signer.address}`, payload: {} },
      () => clearUnlockAttempts(this.ctx.db, signer.address),
    )
    this.open.set(signer.address, this.open.get(signer.address) ?? wallet)
    this.activeAddress = signer.address
    this.touch()
    return this.get(signer.address)
  }

  /** Milliseconds until another passphrase may be tried for `address` (0 = now). Kept in the workspace database. */
  retryAfter(address: string): number {
    const attempts = getUnlockAttempts(this.ctx.db, address)
    return attempts ? Math.max(0, attempts.notBefore - this.now()) : 0
  }

  /**
   * Decrypts the keystore with `passphrase` (in the KDF worker) after checking the delay; a wrong passphrase
   * doubles the delay (base × 2^(failures − 1), capped), recorded with its audit event in one transaction.
   */
  private async provePassphrase(signer: SignerRecord, json: string, passphrase: string): Promise<Wallet> {
    const address = signer.address
    const waitMs = this.retryAfter(address)
    if (waitMs > 0)
      throw new ApiError(
        'UNAUTHORIZED',
        `Too many wrong passphrases for ${signer.label}: try again in ${Math.ceil(waitMs / 1000)} s.`,
        { retryAfterMs: waitMs },
      )
    if (this.inFlight.has(address))
      throw new ApiError('CONFLICT', `A passphrase for ${signer.label} is already being checked.`)
    this.inFlight.add(address)
    try {
      let account: { address: string; privateKey: string }
      try {
        account = await this.kdf.decrypt(json, passphrase)
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'UNAUTHORIZED'))
          throw new ApiError('INTERNAL', `The keystore file of ${signer.label} is corrupt or of an unknown kind.`)
        const failures = (getUnlockAttempts(this.ctx.db, address)?.failures ?? 0) + 1
        const delayMs = Math.min(this.delay.baseMs * 2 ** Math.min(failures - 1, 30), this.delay.maxMs)
        this.ctx.mutate(
          {
            actor: WORKSPACE_USER,
            action: 'signer.unlock-failed',
            subject: `signer:${address}`,
            payload: { failures },
          },
          () => setUnlockAttempts(this.ctx.db, address, { failures, notBefore: this.now() + delayMs }),
        )
        throw new ApiError(
          'UNAUTHORIZED',
          `Wrong passphrase for ${signer.label}. The next try is possible in ${Math.ceil(delayMs / 1000)} s.`,
          { retryAfterMs: delayMs, failures },
        )
      }
      if (account.address !== address)
        throw new ApiError('CONFLICT', `The keystore file of ${signer.label} holds the key of another address.`)
      return new Wallet(account.privateKey)
    } finally {
      this.inFlight.delete(address)
    }
  }

  setActive(address: string): void {
    const signer = this.record(address)
    if (!this.open.has(address))
      throw new ApiError('LOCKED', `${signer.label} is locked: unlock it to make it the active signer.`)
    this.activeAddress = address
  }

  lock(address: string): void {
    this.record(address)
    this.forget(address)
  }

  lockAll(): void {
    this.open.clear()
    this.pending.clear()
    this.activeAddress = null
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  // ---- internals -----------------------------------------------------------------------------------------------

  private async addLocal(
    wallet: Wallet,
    label: string,
    path: string | null,
    passphrase: string,
    source: string,
  ): Promise<SignerState> {
    this.refuseDuplicate(wallet.address)
    return this.persist(wallet, await this.encrypt(wallet, passphrase), label, path, source)
  }

  private encrypt(wallet: Wallet, passphrase: string): Promise<string> {
    return this.kdf.encrypt(wallet.privateKey, passphrase, this.scryptN)
  }

  /** Writes the keystore file, then records the signer with its audit event; the file is wiped if that fails. */
  private persist(wallet: Wallet, json: string, label: string, path: string | null, source: string): SignerState {
    const address = wallet.address
    this.refuseDuplicate(address) // another call may have added it while scrypt ran
    const fileName = keystoreFileName(address)
    try {
      writeKeystoreFile(this.dir, fileName, json)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        throw new ApiError('CONFLICT', `A keystore file for ${address} already exists in ${this.dir}.`)
      throw error
    }
    const record: SignerRecord = {
      address,
      label,
      kind: 'local',
      path,
      keystoreFile: fileName,
      addedAt: new Date(this.now()).toISOString(),
    }
    try {
      this.ctx.mutate(
        {
          actor: WORKSPACE_USER,
          action: 'signer.added',
          subject: `signer:${address}`,
          payload: { label, kind: 'local', path, source },
        },
        () => insertSigner(this.ctx.db, record),
      )
    } catch (error) {
      wipeFile(join(this.dir, fileName))
      throw error
    }
    return this.state(record)
  }

  private refuseDuplicate(address: string): void {
    const existing = getSigner(this.ctx.db, address)
    if (existing) throw new ApiError('CONFLICT', `${address} is already in this workspace, as "${existing.label}".`)
  }

  private record(address: string): SignerRecord {
    const signer = getSigner(this.ctx.db, getAddress(address))
    if (!signer) throw new ApiError('NOT_FOUND', `No signer ${address} in this workspace.`)
    return signer
  }

  private readFile(signer: SignerRecord): string {
    try {
      return readKeystoreFile(this.dir, signer.keystoreFile!)
    } catch {
      throw new ApiError(
        'NOT_FOUND',
        `The keystore file of ${signer.label} is missing (${join(this.dir, signer.keystoreFile!)}).`,
      )
    }
  }

  private state(record: SignerRecord): SignerState {
    return { ...record, unlocked: this.open.has(record.address), active: this.activeAddress === record.address }
  }

  private forget(address: string): void {
    this.open.delete(address)
    if (this.activeAddress === address) this.activeAddress = [...this.open.keys()].pop() ?? null
  }

  private expirePending(): void {
    const now = this.now()
    for (const [id, p] of this.pending) if (p.expires <= now) this.pending.delete(id)
  }

  private touch(): void {
    this.lastUsed = this.now()
    this.schedule()
  }

  /** Idle auto-lock: one timer, re-armed for the remaining time when keys were used since it was set. */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.open.size === 0) return
    const idleMs = this.autoLockMinutes() * 60_000
    const remaining = this.lastUsed + idleMs - this.now()
    if (remaining <= 0) {
      this.lockAll()
      return
    }
    this.timer = setTimeout(() => this.schedule(), remaining)
    this.timer.unref()
  }

  /** For tests with a fake clock: runs the idle check now. */
  checkIdle(): void {
    this.schedule()
  }
}
