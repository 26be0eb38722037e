import type { CoreContext } from '../core/workspace/context'
import type { SandboxController } from '../core/workspace/sandbox'
import type { ExportJobs } from '../core/reports/jobs'

/** Everything a handler may use. Adapters build it once per workspace. */
export interface Services {
  ctx: CoreContext
  sandbox: SandboxController
  /** Export jobs writing into `<dataDir>/exports`; when absent, one is made beside the database on first use. */
  exports?: ExportJobs
}
