import {
  Signature,
  TypedDataEncoder,
  getBigInt,
  id,
  ZeroAddress,
  concat,
  getAddress,
  getBytes,
  hashMessage,
  recoverAddress,
  toBeHex,
  zeroPadValue,
} from 'ethers'
import type { BigNumberish, Signer } from 'ethers'
import { keccak256Bytes, keccak256Hex } from './native-crypto'

type TypedDataSigner = Pick<Signer, 'signTypedData'>
import type { SafeTx } from '../../../shared/contract/safe-tx'

export type { SafeTx } from '../../../shared/contract/safe-tx'

/** Safe v1.3+/1.4.1 EIP-712 types: any EIP-712 implementation recomputes the hash from these fields alone. */
export const SAFE_TX_TYPES = {
  SafeTx: [
    { name: 'to', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'data', type: 'bytes' },
    { name: 'operation', type: 'uint8' },
    { name: 'safeTxGas', type: 'uint256' },
    { name: 'baseGas', type: 'uint256' },
    { name: 'gasPrice', type: 'uint256' },
    { name: 'gasToken', type: 'address' },
    { name: 'refundReceiver', type: 'address' },
    { name: 'nonce', type: 'uint256' },
  ],
}

export function safeTxDomain(chainId: number | bigint, safeAddress: string) {
  return { chainId: BigInt(chainId), verifyingContract: getAddress(safeAddress) }
}

/** A SafeTx with the defaults Safe{Wallet} uses for a plain call: no refund, no gas token. */
export function plainSafeTx(fields: Pick<SafeTx, 'to' | 'value' | 'data' | 'operation' | 'nonce'>): SafeTx {
  return { ...fields, safeTxGas: '0', baseGas: '0', gasPrice: '0', gasToken: ZeroAddress, refundReceiver: ZeroAddress }
}

// The same ethers encoder TypedDataEncoder.hash builds on every call, built once; domain separators per Safe.
const safeTxEncoder = TypedDataEncoder.from(SAFE_TX_TYPES)
const domainSeparators = new Map<string, string>()

function domainSeparator(chainId: number | bigint, safeAddress: string): string {
  const key = `${chainId}:${safeAddress.toLowerCase()}`
  let separator = domainSeparators.get(key)
  if (!separator) {
    separator = TypedDataEncoder.hashDomain(safeTxDomain(chainId, safeAddress))
    if (domainSeparators.size > 1000) domainSeparators.clear()
    domainSeparators.set(key, separator)
  }
  return separator
}

/**
 * EIP-712 hash of a SafeTx: keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(SafeTx)), exactly TypedDataEncoder.hash
 * (the tests compare them on random transactions). hashStruct is encoded here word by word, with ethers' own
 * checks (getAddress, getBigInt, the type's bounds): TypedDataEncoder's generic walk cost ~3× more, and a
 * 1,000-bundle import hashes once per bundle. A bounded cache answers again for a SafeTx already hashed (1,000
 * signatures of one transaction hash it once).
 */
export function safeTxHash(chainId: number | bigint, safeAddress: string, tx: SafeTx): string {
  const key = `${chainId}:${safeAddress}:${tx.to}:${tx.value}:${tx.operation}:${tx.safeTxGas}:${tx.baseGas}:${tx.gasPrice}:${tx.gasToken}:${tx.refundReceiver}:${tx.nonce}:${tx.data}`
  let hash = hashes.get(key)
  if (hash === undefined) {
    const message = new Uint8Array(66)
    message[0] = 0x19
    message[1] = 0x01
    message.set(getBytes(domainSeparator(chainId, safeAddress)), 2)
    message.set(safeTxStructHash(tx), 34)
    hash = keccak256Hex(message)
    if (hashes.size >= 1024) hashes.clear()
    hashes.set(key, hash)
  }
  return hash
}

const hashes = new Map<string, string>()

const SAFE_TX_TYPEHASH = getBytes(id(safeTxEncoder.encodeType('SafeTx')))
const MAX_UINT256 = (1n << 256n) - 1n

/** hashStruct(SafeTx): keccak256 of the type hash and the ten fields as 32-byte words. */
function safeTxStructHash(tx: SafeTx): Uint8Array {
  const words = new Uint8Array(11 * 32)
  words.set(SAFE_TX_TYPEHASH, 0)
  addressWord(words, 1, tx.to)
  uintWord(words, 2, tx.value, MAX_UINT256, 'uint256')
  words.set(keccak256Bytes(getBytes(tx.data)), 3 * 32)
  uintWord(words, 4, tx.operation, 255n, 'uint8')
  uintWord(words, 5, tx.safeTxGas, MAX_UINT256, 'uint256')
  uintWord(words, 6, tx.baseGas, MAX_UINT256, 'uint256')
  uintWord(words, 7, tx.gasPrice, MAX_UINT256, 'uint256')
  addressWord(words, 8, tx.gasToken)
  addressWord(words, 9, tx.refundReceiver)
  uintWord(words, 10, tx.nonce, MAX_UINT256, 'uint256')
  return keccak256Bytes(words)
}

const checksummed = new Map<string, string>()

/** getAddress (which throws on a bad address or checksum, as the encoder does), remembered per spelling. */
function addressWord(words: Uint8Array, index: number, value: string): void {
  let address = checksummed.get(value)
  if (address === undefined) {
    address = getAddress(value)
    if (checksummed.size >= 1024) checksummed.clear()
    checksummed.set(value, address)
  }
  words.set(getBytes(address), index * 32 + 12)
}

function uintWord(words: Uint8Array, index: number, value: BigNumberish, max: bigint, type: string): void {
  const n = getBigInt(value, 'value')
  if (n < 0n || n > max) throw new RangeError(`value out-of-bounds for ${type}: ${n}`)
  words.set(getBytes(toBeHex(n, 32)), index * 32)
}

/** EIP-712 signature (65 bytes r‖s‖v, v 27/28) by a local key: needs no network. */
export async function signSafeTx(
  signer: TypedDataSigner,
  chainId: number | bigint,
  safeAddress: string,
  tx: SafeTx,
): Promise<string> {
  return signer.signTypedData(safeTxDomain(chainId, safeAddress), SAFE_TX_TYPES, tx)
}

export type SignatureKind = 'eip712' | 'eth_sign' | 'approved_hash'

/**
 * What a Safe signature commits to, by Safe's own rules: v 27/28 = EIP-712 over the hash, v 31/32 = eth_sign of the
 * hash (v − 4), v 1 = pre-approved hash (owner in r, checked on chain by approvedHashes). Contract signatures (v 0)
 * are not accepted from files: they need the chain to check. ECDSA kinds still need their signer recovered.
 */
export type SafeSignatureParts =
  | { kind: 'eip712' | 'eth_sign'; digest: string; r: string; s: string; v: 27 | 28 }
  | { kind: 'approved_hash'; signer: string }

export function safeSignatureParts(hash: string, signature: string): SafeSignatureParts {
  const bytes = getBytes(signature)
  if (bytes.length !== 65) throw new Error(`a Safe signature is 65 bytes, this one is ${bytes.length}`)
  const v = bytes[64]
  const r = signature.slice(0, 66)
  const s = '0x' + signature.slice(66, 130)
  if (v === 27 || v === 28) return { kind: 'eip712', digest: hash, r, s, v }
  if (v === 31 || v === 32)
    return { kind: 'eth_sign', digest: hashMessage(getBytes(hash)), r, s, v: (v - 4) as 27 | 28 }
  if (v === 1) return { kind: 'approved_hash', signer: getAddress('0x' + r.slice(26)) }
  throw new Error(`signature type v=${v} is not supported here (contract signatures need the chain)`)
}

/** The owner a Safe signature stands for (see safeSignatureParts). */
export function recoverSafeSigner(hash: string, signature: string): { signer: string; kind: SignatureKind } {
  const parts = safeSignatureParts(hash, signature)
  if (parts.kind === 'approved_hash') return parts
  return {
    signer: recoverAddress(parts.digest, Signature.from({ r: parts.r, s: parts.s, v: parts.v })),
    kind: parts.kind,
  }
}

/** The pre-validated signature Safe accepts for an owner who called approveHash (or is the executor). */
export function approvedHashSignature(owner: string): string {
  return concat([zeroPadValue(getAddress(owner), 32), zeroPadValue('0x', 32), toBeHex(1, 1)])
}

/** Safe requires signatures sorted by owner address, ascending, concatenated. */
export function packSignatures(signatures: Array<{ signer: string; data: string }>): string {
  const sorted = [...signatures].sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : 1))
  return concat(sorted.map((s) => s.data))
}
