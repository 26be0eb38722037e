/** One figure, printed as one JSON object per line by `npm run bench`. */
export interface BenchResult {
  name: string
  value: number
  unit: string
  /** A limit of the machine measured in the same run (e.g. `sha256sum` of the same file), when there is one. */
  reference?: { name: string; value: number; unit: string }
  ratio?: number
  target?: string
  met?: boolean
  details?: Record<string, unknown>
}

export interface Bench {
  name: string
  run(options: { generate: boolean }): Promise<BenchResult[]>
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
