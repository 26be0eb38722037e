import { createRequire } from 'node:module'

/**
 * bitcoin-core's libsecp256k1 through the `secp256k1` package's N-API binding (prebuilt for Linux x64, macOS arm64
 * and Windows x64; built from source elsewhere): ~0.1 ms a public-key recovery here, against ~2.3 ms for the
 * pure-JS @noble/curves code inside ethers. Signature bundles (signing) and votes (governance) recover through it;
 * where the binding cannot load, each falls back to ethers' own recovery: same answers, slower.
 */
export interface NativeSecp256k1 {
  /** 65-byte uncompressed public key (0x04 ‖ x ‖ y) of the key that made `signature` (r ‖ s) over `message`. */
  ecdsaRecover(signature: Uint8Array, recid: number, message: Uint8Array, compressed: boolean): Uint8Array
}

let native: NativeSecp256k1 | null | undefined

export function nativeSecp256k1(): NativeSecp256k1 | null {
  if (native === undefined) {
    try {
      // `secp256k1/bindings` is the native build only (plain `secp256k1` silently falls back to elliptic).
      native = createRequire(import.meta.url)('secp256k1/bindings') as NativeSecp256k1
    } catch {
      native = null
    }
  }
  return native
}

export function secp256k1Backend(): 'libsecp256k1 (native N-API)' | '@noble/curves via ethers (pure JS)' {
  return nativeSecp256k1() ? 'libsecp256k1 (native N-API)' : '@noble/curves via ethers (pure JS)'
}
