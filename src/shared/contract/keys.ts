import { z } from 'zod'
import { call } from './define'
import { address, empty } from './primitives'

export interface SignerInfo {
  address: string
  label: string
  kind: 'local' | 'watch'
  /** BIP-44 path when derived from a mnemonic. */
  path: string | null
  addedAt: string
  unlocked: boolean
  /** The signer acting in this session (audit actor). */
  active: boolean
}

export interface KeysState {
  signers: SignerInfo[]
  autoLockMinutes: number
  active: string | null
  /** The workspace runs on the sandbox chain: its demo signers can be imported. */
  sandbox: boolean
}

/** A recovery phrase shown once; the signer exists only after the words at `confirm` are typed back. */
export interface PendingMnemonic {
  id: string
  words: string[]
  /** 0-based positions of the words to type back. */
  confirm: number[]
}

export const MIN_PASSPHRASE = 8

const passphrase = z
  .string()
  .min(MIN_PASSPHRASE, `a passphrase has at least ${MIN_PASSPHRASE} characters`)
  .max(1024, 'a passphrase has at most 1024 characters')
// Bidi overrides and isolates (U+202A–E, U+2066–9, and the marks U+200E/F, U+061C) could make a label read as
// another signer's; NUL, newlines and other control characters break logs, CSV cells and the audit trail.
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const UNSAFE_LABEL_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/
const label = z
  .string()
  .trim()
  .min(1, 'a label is required')
  .max(80)
  .refine((value) => !UNSAFE_LABEL_CHARS.test(value), {
    message: 'a label may not hold control characters, newlines or bidirectional-text controls',
  })

/** A signer's label, as every call that names a signer checks it. */
export const signerLabel = label

// Schemas for secrets never echo the value in their messages.
const source = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('privateKey'),
      privateKey: z.string().regex(/^(0x)?[0-9a-fA-F]{64}$/, 'a private key is 64 hex digits'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('mnemonic'),
      mnemonic: z.string().max(1000, 'a recovery phrase is at most 24 words'),
      index: z
        .number()
        .int()
        .min(0)
        .max(2 ** 31 - 1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('keystore'),
      json: z.string().max(100_000, 'a keystore file is small JSON'),
      keystorePassphrase: z.string().max(1024),
    })
    .strict(),
])

export const keysContract = {
  'keys.list': call<KeysState>()(empty),
  /** A new random key, encrypted at once under the passphrase. */
  'keys.create': call<SignerInfo>()(z.object({ label, passphrase }).strict()),
  /** Starts a mnemonic signer: the phrase is returned once, to be written down; nothing is stored yet. */
  'keys.createMnemonic': call<PendingMnemonic>()(empty),
  'keys.confirmMnemonic': call<SignerInfo>()(
    z
      .object({ id: z.string().regex(/^[0-9a-f]{32}$/), words: z.array(z.string().max(20)).max(24), label, passphrase })
      .strict(),
  ),
  'keys.import': call<SignerInfo>()(z.object({ label, passphrase, source }).strict()),
  'keys.watch': call<SignerInfo>()(z.object({ label, address }).strict()),
  'keys.rename': call<SignerInfo>()(z.object({ address, label }).strict()),
  /** Removes a signer; its keystore file is overwritten, then deleted. */
  'keys.delete': call<KeysState>()(z.object({ address }).strict()),
  'keys.unlock': call<SignerInfo>()(z.object({ address, passphrase: z.string().max(1024) }).strict()),
  /** Locks one signer, or all of them without an address. */
  'keys.lock': call<KeysState>()(z.object({ address: address.optional() }).strict()),
  'keys.setActive': call<KeysState>()(z.object({ address }).strict()),
  'keys.setAutoLock': call<KeysState>()(
    z
      .object({
        minutes: z
          .number()
          .int()
          .min(1)
          .max(24 * 60),
      })
      .strict(),
  ),
  /**
   * The encrypted keystore file (Web3 Secret Storage): a backup, useless without its passphrase, which must be given
   * (checked by decrypting, under the wrong-passphrase delay) so the session alone cannot take the file away.
   */
  'keys.export': call<{ fileName: string; json: string }>()(
    z.object({ address, passphrase: z.string().min(1, 'the key’s passphrase is required').max(1024) }).strict(),
  ),
  /** Sandbox only: imports the three demo signers (public Hardhat keys) under a passphrase of your choice. */
  'keys.importSandboxSigners': call<KeysState>()(z.object({ passphrase }).strict()),
}
