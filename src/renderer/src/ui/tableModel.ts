/** A value a column sorts by: money as bigint base units (never a float), dates as ISO strings, counts as numbers. */
export type SortValue = string | number | bigint | null | undefined

/** Orders two sort values: null/undefined last, bigints exactly, strings by locale with numbers in them natural. */
export function compareSortValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0
  if (a === null || a === undefined) return 1
  if (b === null || b === undefined) return -1
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    const x = BigInt(a)
    const y = BigInt(b)
    return x < y ? -1 : x > y ? 1 : 0
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a).localeCompare(String(b), undefined, { numeric: true })
}

/** Tables longer than this render only the rows in view. */
export const VIRTUALISE_ABOVE = 200

export function shouldVirtualise(rowCount: number, threshold = VIRTUALISE_ABOVE): boolean {
  return rowCount > threshold
}
