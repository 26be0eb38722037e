/**
 * Human amount from base units, grouped for reading, never through a float. Digits past `maxFraction` are cut, so
 * a non-zero amount smaller than the last digit shown is written as a bound ("< 0.000001"), never as a bare 0.
 * Plain bigint and string arithmetic: list rows format amounts as they scroll in (ethers' `formatUnits` builds a
 * 512-bit FixedNumber for each, most of the queue's formatting time).
 */
export function humanAmount(baseUnits: string, decimals: number, maxFraction = 6): string {
  const units = BigInt(baseUnits)
  const sign = units < 0n ? '-' : ''
  const digits = (units < 0n ? -units : units).toString().padStart(decimals + 1, '0')
  const whole = digits.slice(0, digits.length - decimals)
  const fraction = digits.slice(digits.length - decimals)
  const grouped = sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const trimmed = fraction.slice(0, maxFraction).replace(/0+$/, '')
  if (!trimmed && units !== 0n && whole === '0') {
    const smallest = maxFraction > 0 ? `0.${'0'.repeat(maxFraction - 1)}1` : '1'
    return units > 0n ? `< ${smallest}` : `> -${smallest}`
  }
  return trimmed ? `${grouped}.${trimmed}` : grouped
}

export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`
}

export function timeAgo(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000))
  if (seconds < 5) return 'just now'
  if (seconds < 60) return `${seconds} s ago`
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`
  return new Date(iso).toLocaleString()
}
