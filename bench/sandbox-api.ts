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
