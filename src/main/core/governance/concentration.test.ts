import { describe, expect, it } from 'vitest'
import { concentrationOf, giniOf, nakamotoOf, ratioText } from './concentration'
import { scanLogRanges } from '../tokens/log-ranges'

const units = (xs: number[]) => xs.map((x) => BigInt(x) * 10n ** 18n)

describe('concentration measures (known answers, computed by hand)', () => {
  it('Gini', () => {
    // All equal: 0.
    expect(giniOf(units([5, 5, 5, 5]))).toBe('0.000000')
    // 1,2,3,4: mean |xi − xj| over all ordered pairs = 20/16 = 1.25; mean 2.5; G = 1.25 / (2·2.5) = 0.25.
    expect(giniOf(units([4, 1, 3, 2]))).toBe('0.250000')
    // Zero balances are not holders: one holder alone, 0.
    expect(giniOf(units([0, 0, 0, 10]))).toBe('0.000000')
    // 1 and 9: |1−9| twice over 4 pairs = 4; mean 5; G = 4 / 10 = 0.4.
    expect(giniOf(units([1, 9]))).toBe('0.400000')
    // 1,1,1,7: pairs differing by 6: 6 ordered pairs → 36/16 = 2.25; mean 2.5; G = 2.25/5 = 0.45.
    expect(giniOf(units([1, 1, 1, 7]))).toBe('0.450000')
    // 1,2,4: diffs 1,3,2 each twice = 12 / 9 = 1.3333…; mean 7/3; G = (12/9) / (14/3) = 2/7 = 0.285714…
    expect(giniOf([1n, 2n, 4n])).toBe('0.285714')
    expect(giniOf([])).toBeNull()
  })

  it('Nakamoto coefficient: the fewest holders that pass 50%', () => {
    expect(nakamotoOf(units([51, 49]))).toBe(1)
    // Exactly half is not a majority: 50 + 30.
    expect(nakamotoOf(units([50, 30, 20]))).toBe(2)
    // Ten equal holders: six are needed (5 hold exactly half).
    expect(nakamotoOf(units(Array(10).fill(1)))).toBe(6)
    expect(nakamotoOf([])).toBeNull()
  })

  it('top-10 share and the summary', () => {
    // Twelve holders: 10 of 10 units, two of 5 → top ten hold 100 of 110 = 0.909090909… → 0.909091.
    const c = concentrationOf(units([...Array(10).fill(10), 5, 5]))
    expect(c).toEqual({
      holders: 12,
      total: (110n * 10n ** 18n).toString(),
      top10Share: '0.909091',
      gini: giniOf(units([...Array(10).fill(10), 5, 5])),
      nakamoto: 6,
    })
    // 5,5 then ten tens ascending: Σ(2i−n−1)x = (−11−9)·5 + (−7−5−3−1+1+3+5+7+9+11)·10 = −100 + 200 = 100;
    // G = 100 / (12 · 110) = 0.0757575… → 0.075758.
    expect(c.gini).toBe('0.075758')
    expect(ratioText(1n, 3n)).toBe('0.333333')
    expect(ratioText(2n, 3n)).toBe('0.666667')
  })
})

describe('bounded log ranges', () => {
  it('splits a range the RPC refuses and reads every block once, in order', async () => {
    const read: Array<[number, number]> = []
    const seen: number[] = []
    const result = await scanLogRanges<number>({
      fromBlock: 10,
      toBlock: 40,
      rangeBlocks: 16,
      read: async (start, end) => {
        if (end - start + 1 > 5) throw new Error('query returned more than 10000 results')
        read.push([start, end])
        return Array.from({ length: end - start + 1 }, (_, i) => start + i)
      },
      onRange: (items) => void seen.push(...items),
    })
    expect(seen).toEqual(Array.from({ length: 31 }, (_, i) => 10 + i))
    expect(result.scannedTo).toBe(40)
    expect(result.splits).toBeGreaterThan(0)
    expect(read.every(([s, e]) => e - s + 1 <= 5)).toBe(true)
  })
})
