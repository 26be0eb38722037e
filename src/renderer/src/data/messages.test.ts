import { describe, expect, it } from 'vitest'
import { contract } from '../../../shared/contract'
import { fieldName, humanIssue, humanIssues } from './messages'

/** The issues the API itself would send for this input: the contract's schema, run as the registry runs it. */
function apiIssues(name: keyof typeof contract, input: unknown) {
  const parsed = contract[name].input.safeParse(input)
  if (parsed.success) throw new Error('expected the schema to refuse the input')
  return parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
}

describe('messages a user reads for schema complaints', () => {
  it('names fields in words', () => {
    expect(fieldName('source.budgetLineIds')).toBe('budget lines')
    expect(fieldName('startsOn')).toBe('starts on')
    expect(fieldName('criteria.0.weight')).toBe('weight of criterion 1')
    expect(fieldName('(input)')).toBe('the form')
  })

  it('turns the raw "source.budgetLineIds: Too small" of a CSV batch into a sentence', () => {
    const issues = apiIssues('disbursements.preview', { source: { kind: 'csv', csv: 'x', budgetLineIds: [] } })
    expect(issues).toEqual([{ path: 'source.budgetLineIds', message: expect.stringMatching(/^Too small/) }])
    expect(humanIssues({ issues })).toBe('Choose at least one budget line.')
  })

  it("keeps the contract's own message and names its field", () => {
    const issues = apiIssues('budgets.createPeriod', { name: 'Q3', startsOn: '2026-09-30', endsOn: '2026-07-01' })
    expect(humanIssues({ issues })).toBe('Ends on: the period ends before it starts')
  })

  it('says what is missing, too long or out of range, never the schema words', () => {
    const missing = apiIssues('budgets.createPeriod', { name: '', startsOn: '2026-07-01', endsOn: '2026-09-30' })
    expect(humanIssues({ issues: missing })).toBe('Name is required.')
    const long = apiIssues('budgets.createPeriod', {
      name: 'x'.repeat(41),
      startsOn: '2026-07-01',
      endsOn: '2026-09-30',
    })
    expect(humanIssues({ issues: long })).toBe('Name is too long (at most 40 characters).')
    const zero = apiIssues('budgets.overview', { periodId: 0 })
    expect(humanIssues({ issues: zero })).toBe('Period must be more than 0.')
    for (const text of [humanIssues({ issues: missing }), humanIssues({ issues: long }), humanIssues({ issues: zero })])
      expect(text).not.toMatch(/Too small|Too big|expected|>=/)
  })

  it('counts what it left out and ignores details without issues', () => {
    const issues = Array.from({ length: 5 }, (_, i) => ({ path: `f${i}`, message: 'Invalid input' }))
    expect(humanIssues({ issues })).toMatch(/\(and 2 more to correct\)$/)
    expect(humanIssues(undefined)).toBeNull()
    expect(humanIssues({ issues: [] })).toBeNull()
    expect(humanIssue('amount', 'Invalid input: expected string, received undefined')).toBe('Amount is required.')
  })
})
