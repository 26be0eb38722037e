import { join } from 'node:path'
import { createApi } from '../src/main/api'
import { KeyStore } from '../src/main/core/keys'
import type { SandboxInfo } from '../src/main/core/sandbox'
import type { CoreContext } from '../src/main/core/workspace/context'
import { adoptSandbox, createSandboxController } from '../src/main/core/workflows/sandbox-workspace'

/**
 * A workspace adopted onto a running sandbox, driven through the real API dispatcher as the adapters drive it;
 * `call` throws the API's refusal so a bench stops at the first one.
 */
export function sandboxApi(ctx: CoreContext, sandbox: SandboxInfo, dir: string) {
  adoptSandbox(ctx, sandbox)
  const api = createApi({
    ctx,
    sandbox: createSandboxController(
      ctx,
      () => {},
      async () => sandbox,
    ),
    keys: new KeyStore(ctx, { dir: join(dir, 'keys') }),
  })
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const r = await api.dispatch(name, input)
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`)
    return r.value as T
  }
  return { api, call }
}

/**
 * A technical decision open for 100,000 blocks (quorum 4 %, pass at half), the one every governance-at-scale bench
 * votes on; mine its voting delay before the first vote.
 */
export async function openBenchDecision(
  call: ReturnType<typeof sandboxApi>['call'],
  proposer: string,
  title: string,
): Promise<{ id: string; snapshotBlock: number }> {
  await call('governance.updateRules', {
    kind: 'technical',
    rules: {
      votingDelayBlocks: 1,
      votingPeriodBlocks: 100_000,
      quorumBps: 400,
      passThresholdBps: 5_000,
      timelockSeconds: 60,
      gracePeriodSeconds: 3_600,
    },
  })
  return call<{ id: string; snapshotBlock: number }>('governance.create', {
    kind: 'technical',
    title,
    body: '',
    proposer,
  })
}
