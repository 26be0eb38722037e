import { describe, expect, it } from 'vitest'
import { address, baseUnits } from './primitives'

describe('address schema', () => {
  it('returns the checksummed form', () => {
    expect(address.parse('0x70997970c51812dc3a010c7d01b50e0d17dc79c8')).toBe(
      '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
    )
  })
  it('refuses a mixed-case address with a wrong checksum, and non-addresses', () => {
    expect(address.safeParse('0x70997970C51812dc3A010C7d01b50e0d17dc79c8').success).toBe(false)
    for (const bad of [
      '',
      '0x',
      '70997970C51812dc3A010C7d01b50e0d17dc79C8',
      '0xZZ997970C51812dc3A010C7d01b50e0d17dc79C8',
      42,
      null,
    ]) {
      expect(address.safeParse(bad).success).toBe(false)
    }
  })
})

describe('baseUnits schema', () => {
  it('takes integer strings only', () => {
    expect(baseUnits.safeParse('0').success).toBe(true)
    expect(baseUnits.safeParse('1000000000000000000').success).toBe(true)
    for (const bad of ['-1', '1.5', '01', '1e18', '', ' 1', 1]) expect(baseUnits.safeParse(bad).success).toBe(false)
  })
})
