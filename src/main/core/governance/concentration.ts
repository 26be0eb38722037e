// Concentration of a distribution of token amounts (balances or voting power), exact in bigint. Shares and the
// Gini coefficient are ratios, written as decimal strings with RATIO_DIGITS digits (rounded half up).

export const RATIO_DIGITS = 6

export interface ConcentrationMeasures {
  /** Accounts with a positive amount. */
  holders: number
  /** Sum of all amounts, base units. */
  total: string
  /** Share of the total held by the ten largest, "0.734512". Null when the total is 0. */
  top10Share: string | null
  /** Gini coefficient over the accounts with a positive amount: 0 = equal, towards 1 = one holds all. */
  gini: string | null
  /** Fewest accounts whose amounts together pass half of the total. */
  nakamoto: number | null
}

/** numerator / denominator as a decimal with RATIO_DIGITS digits, rounded half up. */
export function ratioText(numerator: bigint, denominator: bigint): string {
  if (denominator <= 0n) throw new Error('a ratio needs a positive denominator')
  const scale = 10n ** BigInt(RATIO_DIGITS)
  const scaled = (numerator * scale * 2n + denominator) / (denominator * 2n)
  const digits = scaled.toString().padStart(RATIO_DIGITS + 1, '0')
  return `${digits.slice(0, -RATIO_DIGITS)}.${digits.slice(-RATIO_DIGITS)}`
}

/**
 * Gini = Σᵢ (2i − n − 1)·xᵢ / (n·Σx) over the n positive amounts sorted ascending (i from 1): the mean absolute
 * difference over twice the mean, computed exactly.
 */
export function giniOf(amounts: readonly bigint[]): string | null {
  const sorted = amounts.filter((a) => a > 0n).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const n = BigInt(sorted.length)
  const total = sorted.reduce((s, a) => s + a, 0n)
  if (n === 0n || total === 0n) return null
  let weighted = 0n
  sorted.forEach((x, i) => {
    weighted += (2n * BigInt(i + 1) - n - 1n) * x
  })
  return ratioText(weighted, n * total)
}

/** Fewest accounts that together hold more than half of the total, largest first. */
export function nakamotoOf(amounts: readonly bigint[]): number | null {
  const sorted = amounts.filter((a) => a > 0n).sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))
  const total = sorted.reduce((s, a) => s + a, 0n)
  if (total === 0n) return null
  let running = 0n
  for (const [i, a] of sorted.entries()) {
    running += a
    if (running * 2n > total) return i + 1
  }
  return sorted.length
}

export function concentrationOf(amounts: readonly bigint[]): ConcentrationMeasures {
  const positive = amounts.filter((a) => a > 0n).sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))
  const total = positive.reduce((s, a) => s + a, 0n)
  const top10 = positive.slice(0, 10).reduce((s, a) => s + a, 0n)
  return {
    holders: positive.length,
    total: total.toString(),
    top10Share: total === 0n ? null : ratioText(top10, total),
    gini: giniOf(positive),
    nakamoto: nakamotoOf(positive),
  }
}
