import { describe, expect, it } from 'vitest'
import { splitRange } from './discover'

describe('splitRange (discovery reads a window as parallel block ranges)', () => {
  it('covers every block of the window exactly once, in order, in nearly equal parts', () => {
    for (const [start, end, parts] of [
      [0, 60, 4],
      [5, 5, 4],
      [10, 12, 4],
      [0, 49_999, 4],
      [7, 1_000_006, 3],
    ]) {
      const ranges = splitRange(start, end, parts)
      expect(ranges.length).toBe(Math.min(parts, end - start + 1))
      expect(ranges[0][0]).toBe(start)
      expect(ranges[ranges.length - 1][1]).toBe(end)
      for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBe(ranges[i - 1][1] + 1)
      const widths = ranges.map(([a, b]) => b - a + 1)
      expect(Math.max(...widths) - Math.min(...widths)).toBeLessThanOrEqual(1)
    }
    expect(splitRange(0, 60, 4)).toEqual([
      [0, 15],
      [16, 30],
      [31, 45],
      [46, 60],
    ])
  })
})
