/**
 * Subsequence match with a score: consecutive letters and word starts count more, so "nprop" finds
 * "New proposal" and "aud" ranks "Audit trail" above "Address book". Null when the query does not match.
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.toLowerCase().replace(/\s+/g, '')
  if (!q) return 0
  const t = text.toLowerCase()
  let score = 0
  let at = -1
  let run = 0
  for (const ch of q) {
    const next = t.indexOf(ch, at + 1)
    if (next < 0) return null
    run = next === at + 1 ? run + 1 : 0
    const wordStart = next === 0 || /[\s(/-]/.test(t[next - 1])
    score += 1 + run * 2 + (wordStart ? 3 : 0) - Math.min(next - at - 1, 5) * 0.1
    at = next
  }
  return score - t.length * 0.01
}

/** Items matching the query, best first; an empty query keeps them all in their order. Keywords count less. */
export function rankByFuzzy<T>(list: T[], query: string, label: (t: T) => string, keywords: (t: T) => string): T[] {
  if (!query.trim()) return list
  return list
    .map((item, index) => ({
      item,
      index,
      score: Math.max(
        fuzzyScore(query, label(item)) ?? -Infinity,
        (fuzzyScore(query, keywords(item)) ?? -Infinity) - 2,
      ),
    }))
    .filter((x) => x.score > -Infinity)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((x) => x.item)
}
