import type { CoreContext } from '../core/workspace/context'
import type { SandboxController } from '../core/workflows/sandbox-workspace'
import type { KeyStore } from '../core/keys/keystore'
import type { ExportJobs } from '../core/reports/jobs'
import type { PrefsStore } from '../core/prefs'
import type { WorkspaceSession } from '../core/workspace/registry'
import type { LedgerOpener } from '../core/hardware/ledger/device'

/** Everything a handler may use. Adapters build it once per workspace. */
export interface Services {
  ctx: CoreContext
  sandbox: SandboxController
  /** Signer keys: metadata, lock state, and `wallet(address)` for signing and executing. */
  keys: KeyStore
  /** Export jobs writing into `<dataDir>/exports`; when absent, one is made beside the database on first use. */
  exports?: ExportJobs
  /** Display preferences in `<dataDir>/prefs.json`; when absent, kept beside the database. */
  prefs?: PrefsStore
  /** The host's workspaces (list, create, switch); absent where one database is wired by hand (tests). */
  workspaces?: WorkspaceSession
  /** Opens a USB Ledger; absent means the real one (node-hid, loaded when first used). Tests give a replayer. */
  ledger?: LedgerOpener
}
