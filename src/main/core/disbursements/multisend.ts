import { Interface, getAddress, isHexString } from 'ethers'
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

const ERC20 = new Interface(['function transfer(address to, uint256 amount) returns (bool)'])
export const MULTI_SEND = new Interface(['function multiSend(bytes transactions) payable'])

const word = (v: bigint) => v.toString(16).padStart(64, '0')

/**
 * Safe's MultiSend encoding: per call `operation (uint8) ‖ to (address) ‖ value (uint256) ‖ dataLength (uint256) ‖
 * data (bytes)`, packed (abi.encodePacked), concatenated.
 */
export function encodeMultiSendTransactions(calls: BatchCall[]): string {
  const parts: string[] = []
  for (const c of calls) {
    if (!isHexString(c.data)) throw new Error('call data must be 0x-prefixed hex')
    if (c.value < 0n || c.value >= 1n << 256n) throw new Error('call value out of uint256 range')
    const data = c.data.slice(2)
    parts.push('00', getAddress(c.to).slice(2).toLowerCase(), word(c.value), word(BigInt(data.length / 2)), data)
  }
  return '0x' + parts.join('')
}

export function transferCall(t: Transfer): BatchCall {
  if (t.amount <= 0n) throw new Error('a transfer moves more than zero')
  if (t.token === 'native') return { to: t.receiver, value: t.amount, data: '0x' }
  return { to: t.token, value: 0n, data: ERC20.encodeFunctionData('transfer', [t.receiver, t.amount]) }
}

/** `multiSend(bytes)` calldata paying every transfer in order. */
export function multiSendCalldata(transfers: Transfer[]): string {
  if (transfers.length === 0) throw new Error('a batch pays at least one transfer')
  return MULTI_SEND.encodeFunctionData('multiSend', [encodeMultiSendTransactions(transfers.map(transferCall))])
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
