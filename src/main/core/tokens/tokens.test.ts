import { describe, expect, it } from 'vitest'
import { Interface, Wallet, getAddress } from 'ethers'
import { openDatabase } from '../db/open'
import { saveChain } from '../chain/store'
import { TokenListError, parseTokenList } from './token-list'
import { decodeErc20Transfer, safeOutflowOfCall } from './transfer-call'
import { duplicateSymbols, listTokens, saveToken, setTokenHidden, tokenUses, visibleTokens } from './registry'
import { nativeCurrency, resetNativeCurrency, setNativeCurrency } from './native'
import { outflowsOf } from '../proposals/build'

const erc20 = new Interface(['function transfer(address,uint256)', 'function transferFrom(address,address,uint256)'])
const SAFE = getAddress('0x3b528a984d3F9e7b7dA1f2310685fFAF327C3238')
const TOKEN = getAddress('0x5FbDB2315678afecb367f032d93F642f64180aa3')
const to = Wallet.createRandom().address

const list = (tokens: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    name: 'L',
    timestamp: '2026-01-01T00:00:00Z',
    version: { major: 1, minor: 0, patch: 0 },
    tokens,
    ...extra,
  })

describe('token lists (Uniswap schema)', () => {
  it('accepts a valid list and checksums its addresses', () => {
    const parsed = parseTokenList(
      list([{ chainId: 1, address: TOKEN.toLowerCase(), symbol: 'T', name: 'T', decimals: 6 }]),
    )
    expect(parsed.entries).toEqual([{ chainId: 1, address: TOKEN, symbol: 'T', name: 'T', decimals: 6 }])
  })

  it('names the entry and field of every fault, and refuses what the schema leaves open', () => {
    const bad = (tokens: unknown[], extra?: Record<string, unknown>) => {
      try {
        parseTokenList(list(tokens, extra))
      } catch (e) {
        expect(e).toBeInstanceOf(TokenListError)
        return (e as TokenListError).problems
      }
      throw new Error('accepted')
    }
    expect(bad([{ chainId: 1, address: '0x12', symbol: 'A', name: 'A', decimals: 6 }])[0]).toMatch(
      /^entry 1 "A" \(tokens\[0\]\)\.address: must match pattern/,
    )
    const wrongCase = TOKEN.replace('F', 'f')
    expect(bad([{ chainId: 1, address: wrongCase, symbol: 'A', name: 'A', decimals: 6 }])).toEqual([
      `entry 1 "A" (tokens[0]).address: ${wrongCase} has a wrong checksum`,
    ])
    expect(bad([{ chainId: 1, address: TOKEN, symbol: 'A', name: 'A', decimals: 78 }])[0]).toMatch(
      /decimals: 78 is more/,
    )
    expect(
      bad([
        { chainId: 1, address: TOKEN, symbol: 'A', name: 'A', decimals: 6 },
        { chainId: 1, address: TOKEN, symbol: 'B', name: 'B', decimals: 6 },
      ])[0],
    ).toMatch(/entry 2 "B" .* listed twice/)
    expect(bad([], { tokens: undefined })[0]).toMatch(/must have required property 'tokens'/)
    expect(() => parseTokenList('{')).toThrow(/not JSON/)
  })
})

describe('ERC-20 transfers in any call', () => {
  it('reads transfer and transferFrom, and counts transferFrom only out of the Safe', () => {
    const t = erc20.encodeFunctionData('transfer', [to, 5n])
    expect(decodeErc20Transfer(TOKEN, t)).toEqual({ token: TOKEN, from: null, to, amount: 5n })
    const fromSafe = erc20.encodeFunctionData('transferFrom', [SAFE, to, 7n])
    const intoSafe = erc20.encodeFunctionData('transferFrom', [to, SAFE, 7n])
    expect(safeOutflowOfCall(SAFE, TOKEN, fromSafe)?.amount).toBe(7n)
    expect(safeOutflowOfCall(SAFE, TOKEN, intoSafe)).toBeNull()
    expect(decodeErc20Transfer(TOKEN, t + '00')).toBeNull()
    expect(decodeErc20Transfer(TOKEN, '0xdeadbeef')).toBeNull()
  })

  it('outflowsOf sums a raw-data transfer with the token transfer of the same token, in the chain’s coin too', () => {
    const flows = outflowsOf(
      [
        { type: 'erc20_transfer', token: TOKEN, symbol: 'USDC', decimals: 6, to, amount: '10' },
        {
          type: 'contract_call',
          to: TOKEN,
          value: '3',
          data: erc20.encodeFunctionData('transfer', [to, 5n]),
          method: null,
          args: null,
        },
      ],
      {
        safe: SAFE,
        native: { symbol: 'xDAI', decimals: 18 },
        tokens: new Map([[TOKEN, { symbol: 'USDC', decimals: 6 }]]),
      },
    )
    expect(flows).toEqual([
      { token: TOKEN, symbol: 'USDC', decimals: 6, amount: '15' },
      { token: null, symbol: 'xDAI', decimals: 18, amount: '3' },
    ])
  })
})

describe('registry and native currency', () => {
  const setup = () => {
    const db = openDatabase(':memory:')
    saveChain(db, {
      chainId: 100,
      name: 'Gnosis',
      rpcUrl: 'http://127.0.0.1:9',
      isSandbox: false,
      contractNetwork: null,
    })
    return db
  }

  it('warns on a shared symbol until one is hidden; hidden tokens stay known', () => {
    const db = setup()
    const other = Wallet.createRandom().address
    saveToken(db, { chainId: 100, address: TOKEN, symbol: 'USDC', name: 'USD Coin', decimals: 6 })
    saveToken(db, { chainId: 100, address: other, symbol: 'usdc', name: 'fake', decimals: 6 })
    expect(duplicateSymbols(listTokens(db, 100))).toEqual([
      { symbol: 'USDC', addresses: expect.arrayContaining([TOKEN, other]) },
    ])
    setTokenHidden(db, 100, other, true)
    expect(duplicateSymbols(listTokens(db, 100))).toEqual([])
    expect(visibleTokens(db, 100).map((t) => t.address)).toEqual([TOKEN])
    expect(listTokens(db, 100)).toHaveLength(2)
    expect(tokenUses(db, 100, TOKEN)).toEqual([])
  })

  it('keeps decimals up to 77 and refuses 78 at the database too', () => {
    const db = setup()
    saveToken(db, { chainId: 100, address: TOKEN, symbol: 'BIG', name: 'big', decimals: 77 })
    expect(() => saveToken(db, { chainId: 100, address: to, symbol: 'X', name: 'x', decimals: 78 })).toThrow(/CHECK/)
  })

  it('names the native coin from the shipped list, a workspace override, or "NATIVE" for an unknown chain', () => {
    const db = setup()
    expect(nativeCurrency(db, 100)).toEqual({
      chainId: 100,
      symbol: 'xDAI',
      name: 'xDAI',
      decimals: 18,
      source: 'shipped',
    })
    expect(nativeCurrency(db, 137).symbol).toBe('POL')
    expect(nativeCurrency(db, 43114).symbol).toBe('AVAX')
    expect(nativeCurrency(db, 987654)).toMatchObject({ symbol: 'NATIVE', source: 'unknown' })
    setNativeCurrency(db, 100, { symbol: 'XDAI', name: 'Gnosis xDAI', decimals: 18 })
    expect(nativeCurrency(db, 100)).toMatchObject({ symbol: 'XDAI', source: 'workspace' })
    resetNativeCurrency(db, 100)
    expect(nativeCurrency(db, 100).source).toBe('shipped')
  })
})
