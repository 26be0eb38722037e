import { describe, expect, it } from 'vitest'
import { zodResolver } from '@hookform/resolvers/zod'
import { toBaseUnits } from '../lib/amounts'
import { callFormSchema, formMessage, humanErrors } from './form'

// The form checks with the call's own contract schema: what the API would refuse, the form refuses in words.
async function resolve<V extends Record<string, unknown>>(schema: ReturnType<typeof callFormSchema>, values: V) {
  const result = await zodResolver(schema)(values, undefined, { fields: {}, shouldUseNativeValidation: false })
  return { values: result.values, message: formMessage(humanErrors(result.errors)) }
}

describe('forms bound to the contract schema', () => {
  it('passes a valid form through as the call input', async () => {
    const schema = callFormSchema('budgets.createPeriod')
    const ok = await resolve(schema, { name: ' Q3 ', startsOn: '2026-07-01', endsOn: '2026-09-30' })
    expect(ok.message).toBeNull()
    expect(ok.values).toEqual({ name: 'Q3', startsOn: '2026-07-01', endsOn: '2026-09-30' })
  })

  it("refuses what the API refuses, with the contract's message in a sentence", async () => {
    const schema = callFormSchema('budgets.createPeriod')
    const bad = await resolve(schema, { name: 'Q3', startsOn: '2026-09-30', endsOn: '2026-07-01' })
    expect(bad.message).toBe('Ends on: the period ends before it starts')
  })

  it('converts typed amounts to base units and reports a bad amount as words', async () => {
    const schema = callFormSchema('budgets.createLine', (v: { category: string; allocation: string }) => ({
      periodId: 1,
      category: v.category,
      token: 'native',
      allocation: toBaseUnits(v.allocation, 18, 'the allocation'),
    }))
    const ok = await resolve(schema, { category: 'research', allocation: '1.5' })
    expect(ok.values).toEqual({ periodId: 1, category: 'research', token: 'native', allocation: '1500000000000000000' })
    const bad = await resolve(schema, { category: 'research', allocation: 'lots' })
    expect(bad.message).toMatch(/allocation/i)
    expect(bad.message).not.toMatch(/Too small|expected|Invalid input/)
    const empty = await resolve(schema, { category: '', allocation: '1' })
    expect(empty.message).toBe('Category is required.')
  })
})
