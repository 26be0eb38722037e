import Ajv, { type ErrorObject } from 'ajv'
import addFormats from 'ajv-formats'
import { schema } from '@uniswap/token-lists'
import { getAddress } from 'ethers'
import { MAX_DECIMALS } from './erc20'

export interface TokenListEntry {
  chainId: number
  address: string
  symbol: string
  name: string
  decimals: number
}

export interface ParsedTokenList {
  name: string
  entries: TokenListEntry[]
}

/** A token list refused whole, each problem naming the entry (1-based, as a person counts) and the field. */
export class TokenListError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The token list was not imported (nothing was stored): ${problems.slice(0, 5).join('; ')}` +
        (problems.length > 5 ? `; and ${problems.length - 5} more` : ''),
    )
    this.name = 'TokenListError'
  }
}

let validator: ReturnType<Ajv['compile']> | undefined
function validate(list: unknown): ErrorObject[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false })
    addFormats(ajv)
    validator = ajv.compile(schema)
  }
  return validator(list) ? [] : (validator.errors ?? [])
}

/** "/tokens/12/address" → "entry 13 (tokens[12]).address". */
function where(path: string, list: unknown): string {
  const m = /^\/tokens\/(\d+)(\/.*)?$/.exec(path)
  if (!m) return path ? `list ${path.slice(1).replaceAll('/', '.')}` : 'the list'
  const index = Number(m[1])
  const entry = (list as { tokens: Array<{ symbol?: unknown }> }).tokens[index]
  const symbol = typeof entry?.symbol === 'string' ? ` "${entry.symbol.slice(0, 20)}"` : ''
  return `entry ${index + 1}${symbol} (tokens[${index}])${m[2] ? m[2].replaceAll('/', '.') : ''}`
}

/**
 * Parses a Uniswap Token Lists file: validated against the schema the `@uniswap/token-lists` package publishes,
 * then what the schema does not say: addresses with a wrong EIP-55 checksum, decimals above 77, an address listed
 * twice for one chain.
 */
export function parseTokenList(text: string): ParsedTokenList {
  let list: unknown
  try {
    list = JSON.parse(text)
  } catch (error) {
    throw new TokenListError([`not JSON: ${error instanceof Error ? error.message : String(error)}`])
  }
  const errors = validate(list)
  if (errors.length > 0) {
    const seen = new Set<string>()
    const problems: string[] = []
    for (const e of errors) {
      // anyOf branches repeat one fault; name each place once.
      const line = `${where(e.instancePath, list)}: ${e.message ?? 'is invalid'}${
        e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : ''
      }`
      if (seen.has(e.instancePath + e.keyword)) continue
      seen.add(e.instancePath + e.keyword)
      problems.push(line)
    }
    throw new TokenListError(problems)
  }
  const typed = list as { name: string; tokens: TokenListEntry[] }
  const problems: string[] = []
  const keys = new Set<string>()
  const entries: TokenListEntry[] = []
  typed.tokens.forEach((t, i) => {
    const at = where(`/tokens/${i}`, list)
    let address: string
    try {
      address = getAddress(t.address)
    } catch {
      problems.push(`${at}.address: ${t.address} has a wrong checksum`)
      return
    }
    if (t.decimals > MAX_DECIMALS)
      problems.push(`${at}.decimals: ${t.decimals} is more than the ${MAX_DECIMALS} an amount can scale by`)
    const key = `${t.chainId}:${address}`
    if (keys.has(key)) problems.push(`${at}: ${address} on chain ${t.chainId} is listed twice`)
    keys.add(key)
    entries.push({ chainId: t.chainId, address, symbol: t.symbol, name: t.name || t.symbol, decimals: t.decimals })
  })
  if (problems.length > 0) throw new TokenListError(problems)
  return { name: typed.name, entries }
}
