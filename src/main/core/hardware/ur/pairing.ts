import { CryptoAccount, CryptoHDKey, RegistryTypes, type CryptoKeypath } from '@keystonehq/bc-ur-registry-eth'
import { HDNodeVoidWallet, HDNodeWallet, computeAddress, hexlify } from 'ethers'
import { ApiError } from '../../../../shared/errors'
import { decodeUr } from './codec'

/** One address a pairing code offers, with the full path the device signs it with. */
export interface PairedAccount {
  address: string
  path: string
}

/** What a device's account QR (`crypto-hdkey` or `crypto-account`) tells: who it is and which accounts it holds. */
export interface PairingCode {
  device: string
  /** Master key fingerprint, 8 hex digits: the device refuses a request naming another. */
  sourceFingerprint: string
  accounts: PairedAccount[]
}

/** Addresses offered from an account-level key (m/44'/60'/0' with children 0/*, MetaMask's and Keystone's layout). */
export const PAIRING_ADDRESSES = 5

const HDKEY = RegistryTypes.CRYPTO_HDKEY.getType()
const ACCOUNT = RegistryTypes.CRYPTO_ACCOUNT.getType()

export function readPairingCode(parts: string[]): PairingCode {
  const ur = decodeUr(parts, [HDKEY, ACCOUNT])
  try {
    if (ur.type === HDKEY) {
      const key = CryptoHDKey.fromCBOR(ur.cbor)
      return {
        device: key.getName() || 'QR device',
        sourceFingerprint: fingerprintOf(key.getOrigin()),
        accounts: accountsOf(key),
      }
    }
    const account = CryptoAccount.fromCBOR(ur.cbor)
    const keys = account
      .getOutputDescriptors()
      .map((d) => d.getCryptoKey())
      .filter((k): k is CryptoHDKey => k instanceof CryptoHDKey)
    if (keys.length === 0) throw new ApiError('BAD_INPUT', 'This account code holds no Ethereum key.')
    return {
      device: keys[0].getName() || 'QR device',
      sourceFingerprint: account.getMasterFingerprint().toString('hex').padStart(8, '0'),
      accounts: keys.flatMap(accountsOf),
    }
  } catch (error) {
    if (error instanceof ApiError) throw error
    throw new ApiError('BAD_INPUT', `The account code could not be read: ${(error as Error).message}`)
  }
}

function fingerprintOf(origin: CryptoKeypath | undefined): string {
  const fp = origin?.getSourceFingerprint()
  if (!fp || fp.length !== 4)
    throw new ApiError(
      'BAD_INPUT',
      'The account code names no source fingerprint: the device could not check a request.',
    )
  return fp.toString('hex')
}

/**
 * The addresses of one key: an account-level key with a chain code is extended (children 0/0…0/4); a key at a full
 * address path (Ledger Live layout, m/44'/60'/x'/0/0) is that one address.
 */
function accountsOf(key: CryptoHDKey): PairedAccount[] {
  const origin = key.getOrigin()
  if (!origin) throw new ApiError('BAD_INPUT', 'The account code names no derivation path.')
  const base = 'm/' + origin.getPath()
  if (!/^m\/44'\/60'\//.test(base))
    throw new ApiError('BAD_INPUT', `The account code's path ${base} is not an Ethereum path (m/44'/60'/…).`)
  const publicKey = hexlify(key.getKey())
  const chainCode = key.getChainCode()
  const depth = origin.getComponents().length
  if (!chainCode || depth >= 5) return [{ address: computeAddress(publicKey), path: base }]
  const children = key.getChildren()?.getPath() ?? '0/*'
  const prefix = children.replace(/\/?\*$/, '')
  if (!/^(\d+\/?)*$/.test(prefix))
    throw new ApiError('BAD_INPUT', `The account code's child path ${children} is not supported.`)
  if (key.isPrivateKey()) throw new ApiError('BAD_INPUT', 'An account code must not hold a private key.')
  const node = HDNodeWallet.fromExtendedKey(key.getBip32Key())
  if (!(node instanceof HDNodeVoidWallet))
    throw new ApiError('BAD_INPUT', 'An account code must not hold a private key.')
  return Array.from({ length: PAIRING_ADDRESSES }, (_, i) => {
    const relative = `${prefix ? `${prefix}/` : ''}${i}`.replace(/\/\//g, '/')
    return { address: node.derivePath(relative).address, path: `${base}/${relative}` }
  })
}
