import { performance } from 'node:perf_hooks'
import { startSandbox } from '../src/main/core/sandbox'
import { median, type Bench } from './types'

/** Sandbox bootstrap: Hardhat node + Safe v1.4.1 contracts + token + funded demo Safe. Target ≤ 5 s. */
export const bench: Bench = {
  name: 'sandbox',
  async run() {
    const times: number[] = []
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now()
      const sandbox = await startSandbox()
      times.push(performance.now() - t0)
      await sandbox.stop()
    }
    const value = Math.round(median(times))
    return [
      {
        name: 'sandbox.bootstrap',
        value,
        unit: 'ms',
        target: '<= 5000 ms',
        met: value <= 5000,
        details: { runs: times.map(Math.round) },
      },
    ]
  },
}
