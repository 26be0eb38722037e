import { getAddress, recoverAddress } from 'ethers'

// Half the curve order: a larger s is the malleated twin of a canonical signature (EIP-2), refused as on Ethereum.
const HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n

/** The address whose key made `signature` (65 bytes r‖s‖v, v 27/28 or 0/1) over `digest`; throws with why not. */
export function recoverActSigner(digest: string, signature: string): string {
  if (!/^0x[0-9a-fA-F]{130}$/.test(signature)) throw new Error('a signature is 65 bytes (0x and 130 hex digits)')
  const v = parseInt(signature.slice(130, 132), 16)
  const recid = v === 27 || v === 28 ? v - 27 : v === 0 || v === 1 ? v : -1
  if (recid < 0) throw new Error(`signature v must be 27 or 28, got ${v}`)
  const s = BigInt('0x' + signature.slice(66, 130))
  if (s === 0n || s > HALF_N) throw new Error('non-canonical signature (high s), not accepted (EIP-2)')
  return getAddress(recoverAddress(digest, signature.slice(0, 130) + (recid ? '1c' : '1b')))
}
