import { describe, expect, it } from 'vitest'
import { checkScores, mean, weightedScore } from './scoring'

const criteria = [
  { id: 1, label: 'Impact', weight: 3 },
  { id: 2, label: 'Feasibility', weight: 1 },
]

describe('grant scoring', () => {
  it('weights each criterion', () => {
    expect(
      weightedScore(criteria, [
        { criterionId: 1, score: 8 },
        { criterionId: 2, score: 4 },
      ]),
    ).toBe(7)
    expect(mean([7, 8])).toBe(7.5)
    expect(mean([])).toBeNull()
  })

  it('requires every criterion scored once and no foreign one', () => {
    expect(checkScores(criteria, [{ criterionId: 1, score: 8 }])).toMatch(/missing "Feasibility"/)
    expect(
      checkScores(criteria, [
        { criterionId: 1, score: 8 },
        { criterionId: 1, score: 8 },
      ]),
    ).toMatch(/twice/)
    expect(checkScores(criteria, [{ criterionId: 9, score: 8 }])).toMatch(/not one of/)
    expect(
      checkScores(criteria, [
        { criterionId: 2, score: 0 },
        { criterionId: 1, score: 10 },
      ]),
    ).toBeNull()
  })
})
