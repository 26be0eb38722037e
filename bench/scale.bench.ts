import { performance } from 'node:perf_hooks'
import { boot } from '../src/main/boot'
import { ensureLargeWorkspace } from './large-workspace'
import { median, round1, type Bench, type BenchResult } from './types'

/** Every list-type call a page opens with, and its first-page input. */
export const LIST_CALLS: Array<[string, Record<string, unknown>]> = [
  ['workspace.info', {}],
  ['safe.list', {}],
  ['proposals.list', { view: 'queue' }],
  ['proposals.list', { view: 'history' }],
  ['proposals.list', { view: 'all' }],
  ['audit.list', {}],
  ['addressbook.list', {}],
  ['grants.listPrograms', {}],
  ['grants.list', {}],
  ['grants.list', { limit: 100 }],
  ['budgets.listPeriods', {}],
  ['budgets.listLines', {}],
  ['budgets.overview', { periodId: 4 }],
  ['governance.list', {}],
  ['governance.disputes', {}],
  ['governance.participation', {}],
  ['disbursements.list', {}],
  ['disbursements.list', { limit: 100 }],
  ['disbursements.schedules', {}],
  ['analytics.overview', {}],
  ['exports.list', {}],
  ['signing.list', {}],
  ['keys.list', {}],
]

const RUNS = 7
const TARGET_MS = 50

/**
 * Any list page of the large workspace (100,000 proposals, 1,000,000 audit events) ≤ 50 ms at the API: the first
 * page of every list-type call through the real dispatcher (boot → createApi, schema check and all), median of
 * several runs after one warm-up. Calls that need the chain (the workspace is offline) are reported as such.
 */
export const bench: Bench = {
  name: 'scale',
  async run({ dataDir }) {
    ensureLargeWorkspace({ dataDir, log: (l) => process.stderr.write(`  ${l}\n`) })
    const t0 = performance.now()
    const booted = await boot({ dataDir, host: 'cli', noSandbox: true, log: (l) => process.stderr.write(`  ${l}\n`) })
    const bootMs = performance.now() - t0
    const results: BenchResult[] = [{ name: 'scale.boot.in-process', value: Math.round(bootMs), unit: 'ms' }]
    try {
      for (const [name, input] of LIST_CALLS) {
        const label = `scale.list.${name}${input.view ? `.${String(input.view)}` : ''}${input.limit ? '.page' : ''}`
        const times: number[] = []
        let error: string | null = null
        let size = 0
        for (let run = 0; run <= RUNS; run++) {
          const t = performance.now()
          try {
            const out = await booted.api.dispatch(name, input)
            size = JSON.stringify(out).length
          } catch (e) {
            error = (e as Error).message
          }
          if (run > 0) times.push(performance.now() - t)
        }
        const value = round1(median(times))
        results.push({
          name: label,
          value,
          unit: 'ms (median)',
          target: `<= ${TARGET_MS} ms`,
          met: value <= TARGET_MS,
          details: {
            runs: RUNS,
            max: round1(Math.max(...times)),
            responseBytes: size,
            ...(error ? { error: error.slice(0, 200) } : {}),
          },
        })
      }
    } finally {
      await booted.close()
    }
    return results
  },
}
