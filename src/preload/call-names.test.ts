import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { callNames } from '../shared/contract'
import { callNamesSource } from '../../scripts/call-names'
import { CALL_NAMES } from './call-names'

describe('the preload’s call names', () => {
  it('are exactly the contract’s names, as the generator writes them (else: npx tsx scripts/call-names.ts)', () => {
    expect([...CALL_NAMES]).toEqual(callNames)
    expect(readFileSync(join(__dirname, 'call-names.ts'), 'utf8')).toBe(callNamesSource(callNames))
  })

  it('keep the preload free of the contract’s schemas (type imports only)', () => {
    const preload = readFileSync(join(__dirname, 'index.ts'), 'utf8')
    expect(preload).not.toMatch(/^import \{[^}]*\} from '\.\.\/shared\/contract'/m)
    expect(preload).toMatch(/^import type \{[^}]*\} from '\.\.\/shared\/contract'/m)
  })
})
