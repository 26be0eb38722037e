import { describe, expect, it } from 'vitest'
import { timeTick } from './timeTicks'

describe('time axis ticks', () => {
  const at = Date.parse('2026-03-14T15:20:09Z')
  it('fit the span: days over long periods, day and time over hours, seconds within minutes (UTC)', () => {
    expect(timeTick(at, 30 * 86_400_000)).toBe('2026-03-14')
    expect(timeTick(at, 6 * 3_600_000)).toBe('03-14 15:20')
    expect(timeTick(at, 40_000)).toBe('15:20:09')
  })
})
