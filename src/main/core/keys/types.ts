import type { Wallet } from 'ethers'

/**
 * What the rest of the core may ask of the key store: a signer for an unlocked local key. Keys never leave the
 * main process; callers get a Wallet to sign with, and only for as long as the key stays unlocked.
 */
export interface UnlockedKeys {
  /** The unlocked wallet for `address`; throws ApiError('LOCKED') when it is locked, or NOT_FOUND when unknown. */
  wallet(address: string): Wallet
  /** Addresses of the signers unlocked right now. */
  unlocked(): string[]
}
