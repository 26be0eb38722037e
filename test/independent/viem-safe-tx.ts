// The SafeTx's EIP-712 with viem, nothing of the app's code: the independent side of every SafeTx known answer, the
// Transaction Service stand-in's hashing and the "Safe{Wallet} user" signer. It imports no test framework, so the
// integration, unit and e2e tiers share it.
import { getAddress, hashTypedData, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'

export const VIEM_SAFE_TX_TYPES = {
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
} as const

/** A SafeTx as the app, the service and files carry it: amounts as decimal strings (or numbers), addresses any case. */
export interface SafeTxFields {
  to: string
  value: string
  data: string
  operation: number
  safeTxGas: string
  baseGas: string
  gasPrice: string
  gasToken: string
  refundReceiver: string
  nonce: string | number
}

function typedSafeTx(chainId: number, safe: string, f: SafeTxFields) {
  return {
    domain: { chainId, verifyingContract: getAddress(safe) },
    types: VIEM_SAFE_TX_TYPES,
    primaryType: 'SafeTx' as const,
    message: {
      to: getAddress(f.to),
      value: BigInt(f.value),
      data: (f.data || '0x') as Hex,
      operation: Number(f.operation),
      safeTxGas: BigInt(f.safeTxGas),
      baseGas: BigInt(f.baseGas),
      gasPrice: BigInt(f.gasPrice),
      gasToken: getAddress(f.gasToken),
      refundReceiver: getAddress(f.refundReceiver),
      nonce: BigInt(f.nonce),
    },
  }
}

/** The safeTxHash: EIP-712 over the SafeTx with the Safe as verifying contract. */
export function viemSafeTxHash(chainId: number, safe: string, f: SafeTxFields): Hex {
  return hashTypedData(typedSafeTx(chainId, safe, f))
}

/** An owner's EIP-712 signature of the SafeTx, as a wallet signs it. */
export function viemSignSafeTx(privateKey: string, chainId: number, safe: string, f: SafeTxFields): Promise<Hex> {
  return privateKeyToAccount(privateKey as Hex).signTypedData(typedSafeTx(chainId, safe, f))
}
