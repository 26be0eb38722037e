/** Base units to a decimal string by digit arithmetic (no BigInt or float): exact, and cheap per row. */
export function humanUnits(baseUnits: string, decimals: number): string {
  if (!/^\d{1,78}$/.test(baseUnits) || !Number.isInteger(decimals) || decimals < 0 || decimals > 77) return ''
  const digits = baseUnits.replace(/^0+(?=\d)/, '')
  if (decimals === 0) return digits
  const padded = digits.padStart(decimals + 1, '0')
  const whole = padded.slice(0, -decimals)
  const fraction = padded.slice(-decimals).replace(/0+$/, '')
  return fraction ? `${whole}.${fraction}` : whole
}
