import { createRequire } from 'node:module'
import { keccak256 as ethersKeccak256, getBytes } from 'ethers'

/**
 * Native crypto for the bulk paths (1,000 signature bundles, 10,000 votes), each with ethers as the fallback where
 * the binding cannot load: same answers, slower.
 *  - secp256k1: bitcoin-core's libsecp256k1 through the `secp256k1` package's N-API binding (prebuilt for Linux
 *    x64, macOS arm64 and Windows x64; built from source elsewhere): ~0.1 ms a public-key recovery here, against
 *    ~2.3 ms for the pure-JS @noble/curves code inside ethers.
 *  - Keccak-256: the `keccak` package's N-API binding, ~4 µs a short hash against ~30 µs in pure JS; a vote costs
 *    four of them (its voter's checksum, its struct, its digest, its signer's address).
 */
export interface NativeSecp256k1 {
  /** 65-byte uncompressed public key (0x04 ‖ x ‖ y) of the key that made `signature` (r ‖ s) over `message`. */
  ecdsaRecover(signature: Uint8Array, recid: number, message: Uint8Array, compressed: boolean): Uint8Array
}

// __filename, not import.meta.url: some TypeScript loaders (Playwright's) compile this file to CommonJS.
const load = createRequire(typeof __filename === 'string' ? __filename : process.cwd() + '/index.js')
let native: NativeSecp256k1 | null | undefined

export function nativeSecp256k1(): NativeSecp256k1 | null {
  if (native === undefined) {
    try {
      // `secp256k1/bindings` is the native build only (plain `secp256k1` silently falls back to elliptic).
      native = load('secp256k1/bindings') as NativeSecp256k1
    } catch {
      native = null
    }
  }
  return native
}

export function secp256k1Backend(): 'libsecp256k1 (native N-API)' | '@noble/curves via ethers (pure JS)' {
  return nativeSecp256k1() ? 'libsecp256k1 (native N-API)' : '@noble/curves via ethers (pure JS)'
}

interface KeccakState {
  initialize(rate: number, capacity: number): void
  absorb(data: Buffer): void
  squeeze(length: number): Buffer
}

let keccakState: KeccakState | null | undefined

/**
 * The binding's sponge, used directly (one reused state: initialize, absorb, squeeze) rather than through the
 * package's stream wrapper, which costs more than the hash. Checked against a known answer before it is trusted.
 */
function nativeKeccak(): KeccakState | null {
  if (keccakState === undefined) {
    keccakState = null
    try {
      const create = load('keccak/bindings') as (algorithm: string) => {
        _state?: { constructor: new () => KeccakState }
      }
      const State = create('keccak256')._state?.constructor
      if (State) {
        const state = new State()
        state.initialize(1088, 512)
        state.absorb(Buffer.from('abc'))
        if (state.squeeze(32).toString('hex') === ABC_KECCAK) keccakState = state
      }
    } catch {
      keccakState = null
    }
  }
  return keccakState
}

const ABC_KECCAK = '4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45'

/** Keccak-256 of bytes, as bytes (32). */
export function keccak256Bytes(data: Uint8Array): Uint8Array {
  const state = nativeKeccak()
  if (!state) return getBytes(ethersKeccak256(data))
  state.initialize(1088, 512)
  state.absorb(Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.length))
  return state.squeeze(32)
}

/** Keccak-256 of bytes as 0x-hex, exactly ethers' keccak256 for bytes. */
export function keccak256Hex(data: Uint8Array): string {
  return '0x' + Buffer.from(keccak256Bytes(data)).toString('hex')
}

/** The address (lower case, 0x-prefixed) of an uncompressed public key (0x04 ‖ x ‖ y). */
export function addressOfPublicKey(publicKey: Uint8Array): string {
  return (
    '0x' +
    Buffer.from(keccak256Bytes(publicKey.subarray(1)))
      .subarray(12)
      .toString('hex')
  )
}

/** EIP-55 of a lower-case 0x address (as ethers' getAddress answers for it). */
export function checksumLower(lower: string): string {
  const hex = lower.slice(2)
  const hash = keccak256Bytes(Buffer.from(hex, 'ascii'))
  let out = '0x'
  for (let i = 0; i < 40; i++) {
    const nibble = (hash[i >> 1] >> (i % 2 ? 0 : 4)) & 0x0f
    out += nibble >= 8 ? hex[i].toUpperCase() : hex[i]
  }
  return out
}
