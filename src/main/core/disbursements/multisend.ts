import { Interface, getAddress } from 'ethers'
import type { SafeTx } from '../../../shared/contract/safe-tx'
import { plainSafeTx, safeTxHash } from '../signing/safe-tx'

/** One call inside a MultiSend batch; operation is always CALL (0): MultiSendCallOnly refuses delegatecalls. */
export interface BatchCall {
  to: string
  value: bigint
  data: string
}

/** A payment: `token` is 'native' or an ERC-20 address; amount in base units. */
export interface Transfer {
  token: string
  receiver: string
  amount: bigint
}

/** transfer(address,uint256): keccak256 selector, checked against ethers' Interface in the unit test. */
export const ERC20_TRANSFER_SELECTOR = '0xa9059cbb'
const ADDRESS = /^0x[0-9a-fA-F]{40}$/
const HEX = /^0x(?:[0-9a-fA-F]{2})*$/
const MAX_UINT256 = (1n << 256n) - 1n
export const MULTI_SEND = new Interface(['function multiSend(bytes transactions) payable'])

const word = (v: bigint) => v.toString(16).padStart(64, '0')

// Hand-rolled ABI words rather than Interface.encodeFunctionData: a 1,000-row batch is encoded in a few ms instead of
// most of a second. Addresses reaching here were checksum-validated at the boundary; a format check guards the rest.
function addressWord(address: string): string {
  if (!ADDRESS.test(address)) throw new Error(`not an address: ${address.slice(0, 50)}`)
  return address.slice(2).toLowerCase().padStart(64, '0')
}

/**
 * Safe's MultiSend encoding: per call `operation (uint8) ‖ to (address) ‖ value (uint256) ‖ dataLength (uint256) ‖
 * data (bytes)`, packed (abi.encodePacked), concatenated.
 */
export function encodeMultiSendTransactions(calls: BatchCall[]): string {
  const parts: string[] = []
  for (const c of calls) {
    if (!HEX.test(c.data)) throw new Error('call data must be 0x-prefixed hex of whole bytes')
    if (c.value < 0n || c.value > MAX_UINT256) throw new Error('call value out of uint256 range')
    const data = c.data.slice(2)
    parts.push('00', addressWord(c.to).slice(24), word(c.value), word(BigInt(data.length / 2)), data)
  }
  return '0x' + parts.join('')
}

export function transferCall(t: Transfer): BatchCall {
  if (t.amount <= 0n || t.amount > MAX_UINT256) throw new Error('a transfer moves more than zero, within uint256')
  if (t.token === 'native') return { to: t.receiver, value: t.amount, data: '0x' }
  return { to: t.token, value: 0n, data: ERC20_TRANSFER_SELECTOR + addressWord(t.receiver) + word(t.amount) }
}

/** multiSend(bytes): keccak256 selector, checked against ethers' Interface in the unit test. */
export const MULTI_SEND_SELECTOR = '0x8d80ff0a'

/**
 * `multiSend(bytes)` calldata paying every transfer in order: selector ‖ offset 0x20 ‖ length ‖ bytes padded to a
 * whole word. Written out because ethers' ABI coder takes most of a second on the 150 kB of a 1,000-row batch.
 */
export function multiSendCalldata(transfers: Transfer[]): string {
  if (transfers.length === 0) throw new Error('a batch pays at least one transfer')
  const packed = encodeMultiSendTransactions(transfers.map(transferCall)).slice(2)
  const length = packed.length / 2
  const padding = '00'.repeat((32 - (length % 32)) % 32)
  return MULTI_SEND_SELECTOR + word(32n) + word(BigInt(length)) + packed + padding
}

/**
 * The SafeTx paying a batch: a delegatecall (operation 1) to MultiSendCallOnly, which runs each transfer as a plain
 * call from the Safe and reverts the whole batch if any one fails. Hash by the one EIP-712 path (signing/safe-tx).
 */
export function buildBatchSafeTx(p: {
  chainId: number
  safeAddress: string
  multiSendCallOnly: string
  nonce: number | bigint
  transfers: Transfer[]
}): { safeTx: SafeTx; safeTxHash: string } {
  const safeTx = plainSafeTx({
    to: getAddress(p.multiSendCallOnly),
    value: '0',
    data: multiSendCalldata(p.transfers) as `0x${string}`,
    operation: 1,
    nonce: BigInt(p.nonce).toString(),
  })
  return { safeTx, safeTxHash: safeTxHash(p.chainId, p.safeAddress, safeTx) }
}

/** Reads a MultiSend payload back into its calls: used to show signers exactly what they sign, and in tests. */
export function decodeMultiSendTransactions(packed: string): Array<BatchCall & { operation: number }> {
  const hex = packed.startsWith('0x') ? packed.slice(2) : packed
  const calls: Array<BatchCall & { operation: number }> = []
  let i = 0
  while (i < hex.length) {
    const operation = parseInt(hex.slice(i, i + 2), 16)
    const to = getAddress('0x' + hex.slice(i + 2, i + 42))
    const value = BigInt('0x' + hex.slice(i + 42, i + 106))
    const length = Number(BigInt('0x' + hex.slice(i + 106, i + 170)))
    const data = '0x' + hex.slice(i + 170, i + 170 + length * 2)
    if (data.length !== 2 + length * 2) throw new Error('MultiSend payload is truncated')
    calls.push({ operation, to, value, data })
    i += 170 + length * 2
  }
  return calls
}
