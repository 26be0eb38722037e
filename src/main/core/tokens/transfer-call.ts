import { Interface, getAddress } from 'ethers'

const iface = new Interface([
  'function transfer(address to, uint256 amount) returns (bool)',
  'function transferFrom(address from, address to, uint256 amount) returns (bool)',
])
const TRANSFER = iface.getFunction('transfer')!.selector
const TRANSFER_FROM = iface.getFunction('transferFrom')!.selector

export interface DecodedTransfer {
  /** The token contract called. */
  token: string
  from: string | null // null: transfer(), from the caller (the Safe)
  to: string
  amount: bigint
}

/**
 * Reads calldata as an ERC-20 transfer or transferFrom, whatever built it (the proposal form, a raw contract call, a
 * Transaction Builder file). Null when it is neither, or malformed (wrong length, an address word with high bits).
 */
export function decodeErc20Transfer(token: string, data: string): DecodedTransfer | null {
  const lower = data.toLowerCase()
  try {
    if (lower.startsWith(TRANSFER) && lower.length === 2 + 8 + 64 * 2) {
      const [to, amount] = iface.decodeFunctionData('transfer', data) as unknown as [string, bigint]
      return { token: getAddress(token), from: null, to: getAddress(to), amount }
    }
    if (lower.startsWith(TRANSFER_FROM) && lower.length === 2 + 8 + 64 * 3) {
      const [from, to, amount] = iface.decodeFunctionData('transferFrom', data) as unknown as [string, string, bigint]
      return { token: getAddress(token), from: getAddress(from), to: getAddress(to), amount }
    }
  } catch {
    return null
  }
  return null
}

/** The amount a call moves out of `safe`: a transfer() it makes, or a transferFrom() whose from is the Safe. */
export function safeOutflowOfCall(safe: string | null, token: string, data: string): DecodedTransfer | null {
  const decoded = decodeErc20Transfer(token, data)
  if (!decoded) return null
  if (decoded.from === null) return decoded
  return safe && decoded.from === getAddress(safe) ? decoded : null
}

export function isTransferCallData(data: string): boolean {
  const lower = data.toLowerCase()
  return lower.startsWith(TRANSFER) || lower.startsWith(TRANSFER_FROM)
}
