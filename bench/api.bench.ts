import { performance } from 'node:perf_hooks'
import { openDatabase } from '../src/main/core/db/open'
import { createContext, WORKSPACE_USER } from '../src/main/core/workspace/context'
import { createSandboxController } from '../src/main/core/workflows/sandbox-workspace'
import { createApi } from '../src/main/api'
import { KeyStore } from '../src/main/core/keys'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { median, type Bench } from './types'

/** The cost of the API boundary itself (schema check + dispatch + audit append), without a chain. */
export const bench: Bench = {
  name: 'api',
  async run() {
    const ctx = createContext(openDatabase(':memory:'), 'cli', 'bench')
    const api = createApi({
      ctx,
      keys: new KeyStore(ctx, { dir: join(tmpdir(), 'treasury-bench-keys-unused') }),
      sandbox: createSandboxController(
        ctx,
        () => {},
        () => Promise.reject(new Error('none')),
      ),
    })
    const n = 20_000
    const t0 = performance.now()
    for (let i = 0; i < n; i++) await api.dispatch('workspace.info', {})
    const perCall = ((performance.now() - t0) * 1000) / n

    const appendTimes: number[] = []
    for (let round = 0; round < 5; round++) {
      const t = performance.now()
      for (let i = 0; i < 2000; i++)
        ctx.mutate(
          { actor: WORKSPACE_USER, action: 'bench.event', subject: `bench:${i}`, payload: { i } },
          () => undefined,
        )
      appendTimes.push(((performance.now() - t) * 1000) / 2000)
    }
    await ctx.close()
    return [
      { name: 'api.dispatch.workspace-info', value: Math.round(perCall * 10) / 10, unit: 'µs/call' },
      { name: 'audit.append.in-memory', value: Math.round(median(appendTimes) * 10) / 10, unit: 'µs/event' },
    ]
  },
}
