import { randomUUID } from 'node:crypto'
import { DataType, EthSignRequest } from '@keystonehq/bc-ur-registry-eth'
import { TypedDataEncoder, getAddress } from 'ethers'
import { SAFE_TX_TYPES, safeTxDomain, type SafeTx } from '../../signing/safe-tx'

/** The EIP-712 JSON an ERC-4527 device parses (eth_signTypedData_v4's shape, as MetaMask hands it to Keystone). */
export interface TypedDataJson {
  types: Record<string, Array<{ name: string; type: string }>>
  primaryType: string
  domain: Record<string, unknown>
  message: Record<string, unknown>
}

const EIP712_DOMAIN = [
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
]

/** A SafeTx as EIP-712 typed data (Safe v1.3+/1.4.1 domain: chainId and the Safe). Numbers as decimal strings. */
export function safeTxTypedData(chainId: number, safe: string, tx: SafeTx): TypedDataJson {
  return {
    types: { EIP712Domain: EIP712_DOMAIN, SafeTx: SAFE_TX_TYPES.SafeTx },
    primaryType: 'SafeTx',
    domain: { chainId, verifyingContract: getAddress(safe) },
    message: {
      to: getAddress(tx.to),
      value: tx.value,
      data: tx.data,
      operation: tx.operation,
      safeTxGas: tx.safeTxGas,
      baseGas: tx.baseGas,
      gasPrice: tx.gasPrice,
      gasToken: getAddress(tx.gasToken),
      refundReceiver: getAddress(tx.refundReceiver),
      nonce: tx.nonce,
    },
  }
}

/**
 * The two hashes a hardware wallet shows for EIP-712 it does not display field by field (Ledger's "Domain hash" and
 * "Message hash"): the review screen shows the same two so the signer compares them with the device.
 */
export function safeTxDeviceHashes(
  chainId: number,
  safe: string,
  tx: SafeTx,
): { domainHash: string; messageHash: string } {
  return {
    domainHash: TypedDataEncoder.hashDomain(safeTxDomain(chainId, safe)),
    messageHash: TypedDataEncoder.hashStruct('SafeTx', SAFE_TX_TYPES, tx),
  }
}

export interface SignRequestInput {
  typedData: TypedDataJson
  /** Full derivation path of the signing key, m/44'/60'/…. */
  path: string
  sourceFingerprint: string
  address: string
  chainId: number
  /** A fresh UUID when absent. */
  requestId?: string
}

/** An ERC-4527 `eth-sign-request` for typed data, naming the key by path and master fingerprint. */
export function ethSignRequest(input: SignRequestInput): { request: EthSignRequest; requestId: string } {
  const requestId = input.requestId ?? randomUUID()
  const request = EthSignRequest.constructETHRequest(
    Buffer.from(JSON.stringify(input.typedData), 'utf8'),
    DataType.typedData,
    input.path,
    input.sourceFingerprint,
    requestId,
    input.chainId,
    getAddress(input.address),
    'AITBC Treasury',
  )
  return { request, requestId }
}
