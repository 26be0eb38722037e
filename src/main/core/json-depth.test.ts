import { describe, expect, it } from 'vitest'
import { jsonNestingExceeds } from './json-depth'

describe('jsonNestingExceeds', () => {
  it('counts objects and arrays, not brackets inside strings', () => {
    expect(jsonNestingExceeds('{"a":[{"b":"[[[[[[["}]}', 3).exceeds).toBe(false)
    expect(jsonNestingExceeds('{"a":[{"b":[1]}]}', 3)).toEqual({ exceeds: true, offset: 11 })
    expect(jsonNestingExceeds('"\\"[[[["', 1).exceeds).toBe(false)
    expect(jsonNestingExceeds('['.repeat(100_000), 64).exceeds).toBe(true)
  })
})
