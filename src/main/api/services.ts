import type { CoreContext } from '../core/workspace/context'
import type { SandboxController } from '../core/workspace/sandbox'
import type { UnlockedKeys } from '../core/keys/types'

/** Everything a handler may use. Adapters build it once per workspace. */
export interface Services {
  ctx: CoreContext
  sandbox: SandboxController
  /** Unlocked local keys (the key store); absent until it is wired, then signing and paying need it. */
  keys?: UnlockedKeys
}
