import { AbiCoder, Interface, decodeBytes32String, getAddress, type JsonRpcProvider } from 'ethers'

/** The most decimals a token can have and still scale a uint256 (10^77 < 2^256 < 10^78). */
export const MAX_DECIMALS = 77

export const erc20MetaIface = new Interface([
  'function symbol() view returns (string)',
  'function name() view returns (string)',
  'function decimals() view returns (uint8)',
  'function totalSupply() view returns (uint256)',
  'function balanceOf(address) view returns (uint256)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
])

export const TRANSFER_TOPIC = erc20MetaIface.getEvent('Transfer')!.topicHash

export interface TokenMetadata {
  address: string
  symbol: string
  name: string
  decimals: number
}

/** A contract (or account) that cannot be registered as an ERC-20 token, with the reason a user can act on. */
export class NotATokenError extends Error {
  constructor(
    readonly address: string,
    readonly reason: string,
  ) {
    super(`${address} is not an ERC-20 token: ${reason}`)
    this.name = 'NotATokenError'
  }
}

async function rawCall(provider: JsonRpcProvider, to: string, data: string): Promise<string | Error> {
  try {
    return await provider.call({ to, data })
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error))
  }
}

function short(error: Error): string {
  const e = error as { shortMessage?: string; reason?: string | null }
  return (e.reason ?? e.shortMessage ?? error.message).split('\n')[0].slice(0, 160)
}

/** symbol()/name() answer a string in most tokens and bytes32 in old ones (MKR, SAI): read both. */
function decodeText(raw: string): string | null {
  if (raw === '0x') return null
  try {
    return (AbiCoder.defaultAbiCoder().decode(['string'], raw)[0] as string).trim()
  } catch {
    if (raw.length === 66) {
      try {
        return decodeBytes32String(raw).trim()
      } catch {
        return null
      }
    }
    return null
  }
}

/** Text from a contract is shown in the app: keep it printable and short. */
function cleanText(value: string, max: number): string {
  return [...value]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .slice(0, max)
}

/**
 * Reads symbol, name and decimals of an ERC-20 at `address`, refusing what is not one: an account with no code,
 * a contract whose totalSupply/balanceOf/decimals revert or answer malformed data, decimals above 77.
 */
export async function readTokenMetadata(provider: JsonRpcProvider, address: string): Promise<TokenMetadata> {
  const token = getAddress(address)
  const code = await provider.getCode(token)
  if (code === '0x') throw new NotATokenError(token, 'no contract code at this address (an externally owned account?)')
  const [decimalsRaw, supplyRaw, balanceRaw, symbolRaw, nameRaw] = await Promise.all([
    rawCall(provider, token, erc20MetaIface.encodeFunctionData('decimals')),
    rawCall(provider, token, erc20MetaIface.encodeFunctionData('totalSupply')),
    rawCall(provider, token, erc20MetaIface.encodeFunctionData('balanceOf', [token])),
    rawCall(provider, token, erc20MetaIface.encodeFunctionData('symbol')),
    rawCall(provider, token, erc20MetaIface.encodeFunctionData('name')),
  ])
  const word = (raw: string | Error, fn: string): bigint => {
    if (raw instanceof Error) throw new NotATokenError(token, `${fn} reverted (${short(raw)})`)
    if (raw.length !== 66)
      throw new NotATokenError(token, `${fn} did not answer one uint256 (got ${raw.slice(0, 20)}…)`)
    return BigInt(raw)
  }
  word(supplyRaw, 'totalSupply()')
  word(balanceRaw, 'balanceOf(address)')
  const decimals = word(decimalsRaw, 'decimals()')
  if (decimals > BigInt(MAX_DECIMALS))
    throw new NotATokenError(token, `decimals() answers ${decimals}; at most ${MAX_DECIMALS} can scale an amount`)
  const symbol = symbolRaw instanceof Error ? null : decodeText(symbolRaw)
  if (!symbol) throw new NotATokenError(token, 'symbol() reverted or answered no text')
  const name = nameRaw instanceof Error ? null : decodeText(nameRaw)
  return {
    address: token,
    symbol: cleanText(symbol, 32),
    name: cleanText(name || symbol, 80),
    decimals: Number(decimals),
  }
}
