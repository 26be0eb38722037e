import { getAddress, isAddress } from 'ethers'
import type { Db } from '../db/open'
import { getToken, listTokens, nativeCurrency } from '../tokens'
import type { TokenResolver } from './csv'

export const NATIVE = 'native'

export interface PricedTokenInfo {
  token: string
  symbol: string
  decimals: number
}

/** A token's symbol and decimals ('native' = the chain's coin), or null when the workspace does not hold it. */
export function pricedTokenInfo(db: Db, chainId: number, token: string): PricedTokenInfo | null {
  if (token === NATIVE) {
    const native = nativeCurrency(db, chainId)
    return { token: NATIVE, symbol: native.symbol, decimals: native.decimals }
  }
  const record = getToken(db, chainId, getAddress(token))
  return record ? { token: record.address, symbol: record.symbol, decimals: record.decimals } : null
}

/**
 * How a price CSV's token cell names a token of the chain: its address (checksum checked), `native`, or a symbol
 * that exactly one of the chain's tokens (or its coin) carries. An ambiguous symbol is refused, never guessed.
 */
export function tokenResolver(db: Db, chainId: number): TokenResolver {
  const tokens = listTokens(db, chainId)
  const native = nativeCurrency(db, chainId)
  return (text) => {
    if (text.toLowerCase() === NATIVE) return { token: NATIVE, symbol: native.symbol }
    if (/^0x[0-9a-fA-F]{40}$/.test(text)) {
      if (!isAddress(text)) return `token ${text} has a wrong checksum (check every character)`
      const found = tokens.find((t) => t.address === getAddress(text))
      return found
        ? { token: found.address, symbol: found.symbol }
        : `token ${getAddress(text)} is not one of this workspace's tokens on chain ${chainId}`
    }
    const bySymbol = tokens.filter((t) => t.symbol === text)
    const nativeMatches = native.symbol === text
    if (bySymbol.length + (nativeMatches ? 1 : 0) > 1)
      return `the symbol ${text} is carried by more than one token on chain ${chainId}: write the token's address`
    if (nativeMatches) return { token: NATIVE, symbol: native.symbol }
    if (bySymbol.length === 1) return { token: bySymbol[0].address, symbol: bySymbol[0].symbol }
    return `token "${text.slice(0, 40)}" is neither an address, native, nor a symbol of this workspace's tokens on chain ${chainId}`
  }
}
