import type { Criterion } from '../../../shared/contract'

/** Σ score × weight / Σ weight over a program's criteria, 0–10, rounded to two decimals. */
export function weightedScore(criteria: Criterion[], scores: Array<{ criterionId: number; score: number }>): number {
  const byId = new Map(scores.map((s) => [s.criterionId, s.score]))
  let weighted = 0
  let weights = 0
  for (const c of criteria) {
    const score = byId.get(c.id)
    if (score === undefined) continue
    weighted += score * c.weight
    weights += c.weight
  }
  return weights === 0 ? 0 : Math.round((weighted / weights) * 100) / 100
}

/** Every criterion scored exactly once, none unknown: an evaluation that skips a criterion is not an evaluation. */
export function checkScores(
  criteria: Criterion[],
  scores: Array<{ criterionId: number; score: number }>,
): string | null {
  const ids = new Set(criteria.map((c) => c.id))
  const seen = new Set<number>()
  for (const s of scores) {
    if (!ids.has(s.criterionId)) return `criterion #${s.criterionId} is not one of this program's criteria`
    if (seen.has(s.criterionId)) return `criterion #${s.criterionId} is scored twice`
    seen.add(s.criterionId)
  }
  const missing = criteria.filter((c) => !seen.has(c.id))
  if (missing.length) return `score every criterion: missing ${missing.map((c) => `"${c.label}"`).join(', ')}`
  return null
}

export function mean(values: number[]): number | null {
  if (values.length === 0) return null
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100
}
