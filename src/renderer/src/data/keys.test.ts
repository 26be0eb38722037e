import { describe, expect, it } from 'vitest'
import { QueryClient } from '@tanstack/react-query'
import { callKey, capabilityOf, invalidateCapabilities } from './keys'

describe('query keys and invalidation by capability', () => {
  it('keys every answer capability first', () => {
    expect(capabilityOf('budgets.overview')).toBe('budgets')
    expect(callKey('budgets.overview', { periodId: 3 })).toEqual(['budgets', 'budgets.overview', { periodId: 3 }])
    expect(callKey('grants.list', {})).toEqual(['grants', 'grants.list', {}])
  })

  it("marks only the named capabilities' answers stale", async () => {
    const client = new QueryClient()
    const answers = {
      overview: callKey('budgets.overview', { periodId: 1 }),
      periods: callKey('budgets.listPeriods', {}),
      grants: callKey('grants.list', {}),
      batches: callKey('disbursements.list', {}),
    }
    for (const key of Object.values(answers)) client.setQueryData(key, ['cached'])
    await invalidateCapabilities(client, ['budgets', 'disbursements'])
    const stale = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated
    expect(stale(answers.overview)).toBe(true)
    expect(stale(answers.periods)).toBe(true)
    expect(stale(answers.batches)).toBe(true)
    expect(stale(answers.grants)).toBe(false)
    expect(client.getQueryData(answers.grants)).toEqual(['cached'])
  })
})
