import type { CoreContext } from '../core/workspace/context'
import type { SandboxController } from '../core/workspace/sandbox'
import type { UnlockedKeys } from '../core/keys/types'

/** Everything a handler may use. Adapters build it once per workspace. */
export interface Services {
  ctx: CoreContext
  sandbox: SandboxController
  /** Unlocked local keys, once the key store is wired; handlers that need one answer LOCKED without it. */
  keys?: UnlockedKeys
}
