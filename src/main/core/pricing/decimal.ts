// Exact decimal arithmetic on strings and bigint: a price or a value never passes through a JS number.

/** Digits a value keeps after the point; rounded half up past this. */
export const VALUE_SCALE = 18
export const MAX_PRICE_FRACTION = 18

export interface Scaled {
  /** The digits without the point. */
  units: bigint
  /** How many of them are after the point. */
  scale: number
}

/** A positive decimal text ("1850.25") read exactly, or a reason it is not one. */
export function parsePrice(text: string): Scaled | string {
  if (text === '') return 'the price is empty'
  if (/^-/.test(text)) return `the price ${text.slice(0, 40)} is negative`
  if (!/^\d{1,30}(\.\d+)?$/.test(text)) return `the price "${text.slice(0, 40)}" is not a decimal number (like 1850.25)`
  const [whole, fraction = ''] = text.split('.')
  if (fraction.length > MAX_PRICE_FRACTION)
    return `the price ${text.slice(0, 40)} has ${fraction.length} decimals (${MAX_PRICE_FRACTION} at most)`
  const units = BigInt(whole + fraction)
  if (units === 0n) return 'the price is zero'
  return { units, scale: fraction.length }
}

/** Units with `scale` decimals as text, trailing zeros dropped ("1234.5", "0.001", "7"). */
export function formatScaled(units: bigint, scale: number): string {
  const negative = units < 0n
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0')
  const whole = scale ? digits.slice(0, -scale) : digits
  const fraction = scale ? digits.slice(-scale).replace(/0+$/, '') : ''
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`
}

/** Canonical text of a price (leading and trailing zeros dropped), so equal prices compare equal as strings. */
export function canonicalPrice(price: Scaled): string {
  return formatScaled(price.units, price.scale)
}

/**
 * amount (base units of a token with `tokenDecimals`) × price → a decimal string with at most VALUE_SCALE decimals,
 * rounded half up. Exact up to that rounding.
 */
export function multiplyToValue(amount: bigint, tokenDecimals: number, price: Scaled): string {
  if (amount < 0n) throw new Error('an amount to value is never negative')
  const product = amount * price.units
  const scale = tokenDecimals + price.scale
  if (scale <= VALUE_SCALE) return formatScaled(product * 10n ** BigInt(VALUE_SCALE - scale), VALUE_SCALE)
  const divisor = 10n ** BigInt(scale - VALUE_SCALE)
  const rounded = (product + divisor / 2n) / divisor
  return formatScaled(rounded, VALUE_SCALE)
}
