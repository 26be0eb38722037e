import { describe, expect, it } from 'vitest'
import { getAddress } from 'ethers'
import { openDatabase } from '../db/open'
import { saveChain } from '../chain/store'
import { saveToken } from '../tokens/registry'
import { WORKSPACE_USER, createContext } from '../workspace/context'
import { listAuditEvents } from '../audit/log'
import { PriceCsvRejected, parsePriceCsv } from './csv'
import { multiplyToValue, parsePrice } from './decimal'
import { feedQuoteCurrency } from './feed'
import { importPriceCsv } from './service'
import { setReportingCurrency, reportingCurrency } from './currency'
import { tokenResolver } from './tokens'
import { valueAt, valueFromCsv } from './value'
import { valueTransfers } from './totals'

const WETH = getAddress('0x5FbDB2315678afecb367f032d93F642f64180aa3')
const USDC = getAddress('0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512')
const CHAIN = 100
const at = (iso: string) => Math.floor(Date.parse(iso) / 1000)

function workspace() {
  const db = openDatabase(':memory:')
  saveChain(db, {
    chainId: CHAIN,
    name: 'Gnosis',
    rpcUrl: 'http://127.0.0.1:9',
    isSandbox: false,
    contractNetwork: null,
  })
  saveToken(db, { chainId: CHAIN, address: WETH, symbol: 'WETH', name: 'Wrapped Ether', decimals: 18 })
  saveToken(db, { chainId: CHAIN, address: USDC, symbol: 'USDC', name: 'USD Coin', decimals: 6 })
  return createContext(db, 'cli', 'test')
}

const CSV = `date,token,price
2026-03-14,WETH,1850.40
2026-03-14,${USDC},0.998
2026-03-20,native,0.9995
`

describe('exact decimal values', () => {
  it('multiplies base units by a decimal price without a float (known answers)', () => {
    // 2.5 WETH × 1850.40 = 4626
    expect(multiplyToValue(2_500_000_000_000_000_000n, 18, parsePrice('1850.40') as never)).toBe('4626')
    // 1.234567 USDC × 0.998 = 1.232097866
    expect(multiplyToValue(1_234_567n, 6, parsePrice('0.998') as never)).toBe('1.232097866')
    // 1 wei × 0.000000000000000001 = 1e-36, rounded half up at 18 decimals: 0
    expect(multiplyToValue(1n, 18, parsePrice('0.000000000000000001') as never)).toBe('0')
    // 5e17 wei (0.5) × 0.000000000000000003 = 1.5e-18 → rounds up to 0.000000000000000002
    expect(multiplyToValue(500_000_000_000_000_000n, 18, parsePrice('0.000000000000000003') as never)).toBe(
      '0.000000000000000002',
    )
    expect(parsePrice('-1')).toMatch(/negative/)
    expect(parsePrice('0.00')).toMatch(/zero/)
    expect(parsePrice('1e3')).toMatch(/not a decimal/)
  })

  it("reads a feed's quote currency from its description", () => {
    expect(feedQuoteCurrency('ETH / USD')).toBe('USD')
    expect(feedQuoteCurrency('EUR/usd')).toBe('USD')
    expect(feedQuoteCurrency('Proof of reserves')).toBeNull()
  })
})

describe('price CSV', () => {
  it('names every bad row by its line and refuses the whole file', () => {
    const ctx = workspace()
    const bad = `date,token,price
2026-02-30,WETH,1
2026-03-01,WETH,-3
2026-03-01,DOGE,1
2026-03-02,${USDC.toLowerCase()},1
2026-03-02,USDC,1.0
2026-03-03,WETH,abc,extra
`
    let problems: Array<{ line: number; reason: string }> = []
    try {
      parsePriceCsv(bad, tokenResolver(ctx.db, CHAIN))
    } catch (error) {
      expect(error).toBeInstanceOf(PriceCsvRejected)
      problems = (error as PriceCsvRejected).problems
    }
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 6, 7])
    expect(problems[0].reason).toMatch(/real calendar day/)
    expect(problems[1].reason).toMatch(/negative/)
    expect(problems[2].reason).toMatch(/DOGE/)
    expect(problems[3].reason).toMatch(/second price for USDC on 2026-03-02 \(the first is on line 5\)/)
    expect(problems[4].reason).toMatch(/4 fields/)
    expect(() => importPriceCsv(ctx, CHAIN, bad, 'bad.csv')).toThrow(PriceCsvRejected)
    expect(ctx.db.prepare('SELECT count(*) AS n FROM prices').get()).toEqual({ n: 0 })
    expect(listAuditEvents(ctx.db, { limit: 10 })).toEqual([])
    expect(() => parsePriceCsv('day,coin,usd\n', tokenResolver(ctx.db, CHAIN))).toThrow(/no date, token, price column/)
  })

  it("imports prices with an audit event and values a transfer by its day's price (hand-computed)", async () => {
    const ctx = workspace()
    const result = importPriceCsv(ctx, CHAIN, CSV, 'coingecko-march.csv')
    expect(result).toMatchObject({ rows: 3, replaced: 0, currency: 'USD', source: 'coingecko-march.csv' })
    const events = listAuditEvents(ctx.db, { limit: 10 })
    expect(events.map((e) => e.action)).toEqual(['pricing.csv.imported'])

    // A transfer of 2.5 WETH executed 2026-03-14 15:20 UTC: 2.5 × 1850.40 = 4626 USD.
    const weth = await valueAt(ctx.db, {
      chainId: CHAIN,
      token: WETH,
      amount: 2_500_000_000_000_000_000n,
      at: { time: at('2026-03-14T15:20:00Z') },
    })
    expect(weth).toEqual({
      priced: true,
      currency: 'USD',
      value: '4626',
      price: '1850.4',
      source: { kind: 'csv', day: '2026-03-14', importSource: 'coingecko-march.csv', importedAt: expect.any(String) },
      notes: [],
    })
    // Two days later the 14th's price is still the latest within a week: 1234.56789 USDC × 0.998 = 1234.56789 − 2.46913578 = 1232.09875422.
    const usdc = valueFromCsv(ctx.db, {
      chainId: CHAIN,
      token: USDC,
      amount: 1_234_567_890n,
      at: { time: at('2026-03-16T09:00:00Z') },
    })
    expect(usdc).toMatchObject({ priced: true, value: '1232.09875422', source: { day: '2026-03-14' } })
    // Before any price, and more than a week after the last: no price, with the reason, never 0.
    const before = valueFromCsv(ctx.db, {
      chainId: CHAIN,
      token: WETH,
      amount: 1n,
      at: { time: at('2026-03-13T23:59:59Z') },
    })
    expect(before).toEqual({
      priced: false,
      currency: 'USD',
      reason: 'WETH: no USD price on or before 2026-03-13 in the imported price CSVs',
      notes: [],
    })
    const late = valueFromCsv(ctx.db, {
      chainId: CHAIN,
      token: WETH,
      amount: 1n,
      at: { time: at('2026-03-22T00:00:00Z') },
    })
    expect(late).toMatchObject({ priced: false, reason: expect.stringMatching(/from 2026-03-14, more than 7 days/) })
  })

  it('a price file imported again replaces the same days; another reporting currency does not reuse USD prices', () => {
    const ctx = workspace()
    importPriceCsv(ctx, CHAIN, CSV, 'a.csv')
    const again = importPriceCsv(ctx, CHAIN, 'date,token,price\n2026-03-14,WETH,1900\n', 'b.csv')
    expect(again.replaced).toBe(1)
    const v = valueFromCsv(ctx.db, {
      chainId: CHAIN,
      token: WETH,
      amount: 10n ** 18n,
      at: { time: at('2026-03-14T00:00:00Z') },
    })
    expect(v).toMatchObject({ priced: true, value: '1900', source: { importSource: 'b.csv' } })

    ctx.mutate({ actor: WORKSPACE_USER, action: 'pricing.currency.set', subject: 'workspace' }, () =>
      setReportingCurrency(ctx.db, 'EUR'),
    )
    expect(reportingCurrency(ctx.db)).toBe('EUR')
    const eur = valueFromCsv(ctx.db, {
      chainId: CHAIN,
      token: WETH,
      amount: 1n,
      at: { time: at('2026-03-14T00:00:00Z') },
    })
    expect(eur).toMatchObject({ priced: false, currency: 'EUR', reason: expect.stringMatching(/prices are in USD/) })
  })
})

describe('totals for a report line', () => {
  it('sums priced values exactly and counts the unpriced ones instead of adding 0', async () => {
    const ctx = workspace()
    importPriceCsv(ctx, CHAIN, CSV, 'a.csv')
    const { values, total } = await valueTransfers(ctx.db, [
      // 2.5 WETH × 1850.4 = 4626
      { chainId: CHAIN, token: WETH, amount: 2_500_000_000_000_000_000n, at: { time: at('2026-03-14T10:00:00Z') } },
      // 0.000001 USDC × 0.998 = 0.000000998
      { chainId: CHAIN, token: USDC, amount: 1n, at: { time: at('2026-03-15T10:00:00Z') } },
      // No price before the 14th.
      { chainId: CHAIN, token: USDC, amount: 5n, at: { time: at('2026-03-01T10:00:00Z') } },
    ])
    expect(values.map((v) => v.priced)).toEqual([true, true, false])
    expect(total).toEqual({
      currency: 'USD',
      total: '4626.000000998',
      priced: 2,
      unpriced: 1,
      reasons: ['USDC: no USD price on or before 2026-03-01 in the imported price CSVs'],
    })
  })
})
