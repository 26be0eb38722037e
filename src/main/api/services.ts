import type { CoreContext } from '../core/workspace/context'
import type { SandboxController } from '../core/workspace/sandbox'

/** Everything a handler may use. Adapters build it once per workspace. */
export interface Services {
  ctx: CoreContext
  sandbox: SandboxController
}
