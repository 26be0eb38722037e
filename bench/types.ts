/** One figure, printed as one JSON object per line by `npm run bench`. */
export interface BenchResult {
  name: string
  value: number
  unit: string
  /** What the issue asks for, e.g. `<= 50 ms` (then `met` says whether this run reached it). */
  target?: string
  met?: boolean
  /** A limit of the machine measured in the same run (e.g. `sha256sum` of the same file), when there is one. */
  reference?: { name: string; value: number; unit: string }
  /** value / reference.value */
  ratio?: number
  /** os.loadavg()[0] when the figure was printed (filled in by bench/run.ts): figures taken under load are pessimistic. */
  load?: number
  /** cores, memory, Node version: set by bench/run.ts on the summary line. */
  machine?: Record<string, unknown>
  details?: Record<string, unknown>
}

export interface BenchOptions {
  /** `--generate`: run at full scale (1,000,000 audit events, 100,000 proposals) on the large workspace. */
  generate: boolean
  /** The large workspace's data dir (`--data-dir`, default bench/.data/large). */
  dataDir: string
  /** `--generate-holders`: the holders bench generates the full 100,000 holders / 1,000,000 transfers / 80,000 votes. */
  generateHolders?: boolean
  /** `--holders N --transfers N --votes N`: the holders bench at this scale instead. */
  holderScale?: { holders: number; transfers: number; votes: number; delegates: number }
}

export interface Bench {
  name: string
  run(options: BenchOptions): Promise<BenchResult[]>
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10
}
