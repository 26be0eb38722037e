import { formatUnits } from 'ethers'
import { describe, expect, it } from 'vitest'
import { toBaseUnits } from './amounts'
import { humanAmount } from './format'

// Imports only amounts.ts and format.ts, so the test moves with them whatever the renderer's layout becomes.
const MAX_UINT256 = ((1n << 256n) - 1n).toString()

describe('toBaseUnits: a typed amount to exact base units', () => {
  it('at decimals 0, 6, 18 and 77', () => {
    expect(toBaseUnits('1234567', 0)).toBe('1234567')
    expect(toBaseUnits('1.000', 0)).toBe('1') // trailing zeros are not extra precision
    expect(toBaseUnits('0.000001', 6)).toBe('1')
    expect(toBaseUnits('00012.50', 6)).toBe('12500000')
    expect(toBaseUnits('1250.5', 18)).toBe('1250500000000000000000')
    expect(toBaseUnits('0.000000000000000001', 18)).toBe('1')
    expect(toBaseUnits('1', 77)).toBe('1' + '0'.repeat(77))
    expect(toBaseUnits('0.' + '0'.repeat(76) + '1', 77)).toBe('1')
    expect(toBaseUnits('0', 18)).toBe('0')
  })

  it('huge values stay exact (no float anywhere): 2^256 − 1 base units', () => {
    expect(toBaseUnits(MAX_UINT256, 0)).toBe(MAX_UINT256)
    const human = MAX_UINT256.slice(0, -18) + '.' + MAX_UINT256.slice(-18)
    expect(toBaseUnits(human, 18)).toBe(MAX_UINT256)
    expect(toBaseUnits('9007199254740993', 0)).toBe('9007199254740993') // 2^53 + 1, not representable as a number
  })

  it('refuses more decimals than the token has, by one digit', () => {
    expect(() => toBaseUnits('0.1', 0)).toThrow(/more than 0 decimals/)
    expect(() => toBaseUnits('0.0000001', 6)).toThrow(/more than 6 decimals/)
    expect(() => toBaseUnits('0.' + '0'.repeat(18) + '1', 18)).toThrow(/more than 18 decimals/)
    expect(() => toBaseUnits('1.5', 0, 'Stipend')).toThrow(/^Stipend has more than 0 decimals/)
  })

  it('refuses negatives, separators of any locale, exponents, hex and non-ASCII digits', () => {
    const bad = [
      '-1',
      '-0.5',
      '+1',
      '1,250.5', // en
      '1.250,5', // de
      '1 250,5', // fr (space)
      '1\u00a0250', // no-break space
      '1\u202f250', // narrow no-break space
      "1'250", // ch
      '1_000',
      '1e18',
      '0x10',
      '.5',
      '1.',
      '',
      '   ',
      'NaN',
      'Infinity',
      '١٢٣', // Arabic-Indic digits
      '１２', // full-width digits
      '1.2.3',
    ]
    for (const text of bad)
      expect(() => toBaseUnits(text, 18), JSON.stringify(text)).toThrow(/must be a number like 1250\.5/)
  })

  it('trailing zeros are not extra precision: "1.250" is exactly 1.25, even where the token has 2 decimals', () => {
    expect(toBaseUnits('1.250', 6)).toBe('1250000')
    expect(toBaseUnits('1.250', 6)).toBe(toBaseUnits('1.25', 6))
    expect(toBaseUnits('1.250', 2)).toBe('125')
    expect(toBaseUnits('1.2500000000', 2)).toBe('125')
    expect(toBaseUnits('10.0', 0)).toBe('10') // the zeros of the whole part stay
    expect(toBaseUnits('100', 2)).toBe('10000')
    expect(() => toBaseUnits('1.0000001', 6)).toThrow(/more than 6 decimals/) // a 1 after the zeros is precision
  })

  it('trims surrounding whitespace only', () => {
    expect(toBaseUnits('  1.5\n', 6)).toBe('1500000')
  })
})

describe('humanAmount: base units to a grouped human amount', () => {
  it('at decimals 0, 6, 18 and 77', () => {
    expect(humanAmount('0', 0)).toBe('0')
    expect(humanAmount('1234567', 0)).toBe('1,234,567')
    expect(humanAmount('1', 6)).toBe('0.000001')
    expect(humanAmount('1234567891', 6)).toBe('1,234.567891')
    expect(humanAmount('1250500000000000000000', 18)).toBe('1,250.5')
    expect(humanAmount('1000000000000000000', 18)).toBe('1')
    expect(humanAmount('1' + '0'.repeat(77), 77)).toBe('1')
    expect(humanAmount('1', 77, 77)).toBe('0.' + '0'.repeat(76) + '1')
  })

  it('shows at most maxFraction digits, cut (never rounded up), trailing zeros dropped', () => {
    expect(humanAmount('1999999', 6, 2)).toBe('1.99')
    expect(humanAmount('1500000', 6, 0)).toBe('1')
    expect(humanAmount('1000000000000000001', 18)).toBe('1')
    expect(humanAmount('1000000000000000001', 18, 18)).toBe('1.000000000000000001')
  })

  it('huge values group exactly: 2^256 − 1 at 0 and 18 decimals', () => {
    expect(humanAmount(MAX_UINT256, 0)).toBe(
      '115,792,089,237,316,195,423,570,985,008,687,907,853,269,984,665,640,564,039,457,584,007,913,129,639,935',
    )
    expect(humanAmount(MAX_UINT256, 18, 18)).toBe(
      '115,792,089,237,316,195,423,570,985,008,687,907,853,269,984,665,640,564,039,457.584007913129639935',
    )
  })

  it('a non-zero amount below the last digit shown reads as a bound, never as 0', () => {
    expect(humanAmount('1', 18)).toBe('< 0.000001')
    expect(humanAmount('999999999999', 18)).toBe('< 0.000001') // 0.000000999999999999
    expect(humanAmount('1000000000000', 18)).toBe('0.000001') // exactly the last digit shown
    expect(humanAmount('4999', 6, 2)).toBe('< 0.01')
    expect(humanAmount('999999', 6, 0)).toBe('< 1')
    expect(humanAmount('1', 18, 18)).toBe('0.000000000000000001') // shown exactly when the digits are allowed
    expect(humanAmount('-1', 18)).toBe('> -0.000001')
    expect(humanAmount('0', 18)).toBe('0') // zero itself is 0
    // above 1 the cut digits are only cut: 1.0000000001 reads 1, as documented
    expect(humanAmount('1000000000100000000', 18)).toBe('1')
  })

  it('negative amounts keep their sign outside the grouping', () => {
    expect(humanAmount('-1234567890', 6)).toBe('-1,234.56789')
    expect(humanAmount('-1000', 0)).toBe('-1,000')
    expect(humanAmount('-1', 18, 18)).toBe('-0.000000000000000001')
  })

  it('always groups with "," and "." whatever the locale, and round-trips through toBaseUnits without the commas', () => {
    for (const [base, decimals] of [
      ['1234567891', 6],
      [MAX_UINT256, 18],
      ['987654321', 0],
    ] as const) {
      const shown = humanAmount(base, decimals, decimals)
      expect(toBaseUnits(shown.replace(/,/g, ''), decimals)).toBe(base)
    }
  })

  it('agrees with ethers formatUnits (its former implementation) on random amounts and decimals', () => {
    // Known answers from another implementation: ethers' FixedNumber, regrouped and with its ".0" dropped.
    let seed = 22n
    const next = () => (seed = (seed * 6364136223846793005n + 1442695040888963407n) % (1n << 64n))
    for (let i = 0; i < 2000; i++) {
      const decimals = Number(next() % 40n)
      const magnitude = next() % 200n
      const amount = ((next() << 64n) | next()) % (10n ** magnitude + 1n)
      const signed = next() % 5n === 0n ? -amount : amount
      const [whole, fraction = ''] = formatUnits(signed, decimals).split('.')
      const digits = fraction.replace(/0+$/, '')
      if (signed !== 0n && /^-?0$/.test(whole) && !digits) continue // a bound, tested above
      const expected = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (digits ? `.${digits}` : '')
      expect(humanAmount(signed.toString(), decimals, decimals), `${signed} at ${decimals}`).toBe(expected)
    }
  })

  it('refuses what is not an integer string of base units', () => {
    for (const bad of ['1.5', 'abc', '1e3', '0x']) expect(() => humanAmount(bad, 6), JSON.stringify(bad)).toThrow()
  })
})
