import { getAddress, recoverAddress } from 'ethers'
import { addressOfPublicKey, nativeSecp256k1 } from '../signing/native-crypto'

/**
 * secp256k1 public-key recovery for vote signatures. Imports of thousands of votes are bound by this step, so it
 * uses libsecp256k1 (see signing/secp256k1.ts) where it loads, ethers' pure-JS recovery otherwise.
 */
export { secp256k1Backend } from '../signing/native-crypto'

// Half the curve order: signatures with a larger s are the malleated twin of a canonical one (EIP-2).
const HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n

/**
 * The address whose key made `signature` (65 bytes r‖s‖v, v 27/28 or 0/1) over the 32-byte `digest`. Throws with a
 * reason for a malformed or non-canonical signature.
 */
export function recoverSigner(digest: string, signature: string, useNative = true): string {
  return getAddress(recoverSignerLower(digest, signature, useNative))
}

/**
 * As `recoverSigner`, answering the address in lower case: callers comparing against a known address skip the
 * EIP-55 checksum (a keccak of its own), which matters when checking thousands of votes.
 */
export function recoverSignerLower(digest: string, signature: string, useNative = true): string {
  if (!/^0x[0-9a-fA-F]{130}$/.test(signature))
    throw new Error('a signature is 65 bytes (0x followed by 130 hex digits)')
  const bytes = Buffer.from(signature.slice(2), 'hex')
  const v = bytes[64]
  const recid = v === 27 || v === 28 ? v - 27 : v === 0 || v === 1 ? v : -1
  if (recid < 0) throw new Error(`signature v must be 27 or 28, got ${v}`)
  const s = BigInt('0x' + signature.slice(66, 130))
  if (s === 0n || s > HALF_N) throw new Error('non-canonical signature (high s): not accepted, as on Ethereum (EIP-2)')
  const lib = useNative ? nativeSecp256k1() : null
  if (!lib) return recoverAddress(digest, signature.slice(0, 130) + (recid ? '1c' : '1b')).toLowerCase()
  let pub: Uint8Array
  try {
    pub = lib.ecdsaRecover(bytes.subarray(0, 64), recid, Buffer.from(digest.slice(2), 'hex'), false)
  } catch {
    throw new Error('the signature does not recover to any key')
  }
  return addressOfPublicKey(pub)
}
