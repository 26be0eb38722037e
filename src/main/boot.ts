import { existsSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { openDatabase } from './core/db/open'
import { getActiveChain, readChainId, saveChain } from './core/chain'
import { createContext, type HostKind } from './core/workspace/context'
import { createSandboxController } from './core/workspace/sandbox'
import { sandboxWorkspaceFile, workspaceFile } from './core/workspace/paths'
import { verifyAuditChain } from './core/audit'
import { KeyStore } from './core/keys'
import { startScheduleRunner } from './core/disbursements/drafting'
import { createExportJobs } from './core/reports/jobs'
import { createPrefs } from './core/prefs'
import { createApi, type Dispatcher, type Services } from './api'
import { version as appVersion } from '../../package.json'

export interface BootOptions {
  dataDir: string
  host: HostKind
  /** Connect this RPC endpoint as the workspace's chain. */
  rpcUrl?: string
  /** Force the sandbox; without it the sandbox starts only when the workspace has no chain of its own. */
  sandbox?: boolean
  /** Never start the sandbox (the CLI works on the saved workspace only). */
  noSandbox?: boolean
  nativeBinding?: string
  log?: (line: string) => void
}

export interface Booted {
  services: Services
  api: Dispatcher
  mode: 'workspace' | 'sandbox'
  databaseFile: string
  close(): Promise<void>
}

/** Opens the workspace and wires the API, the same way for the Electron shell, the browser host and the CLI. */
export async function boot(options: BootOptions): Promise<Booted> {
  const log = options.log ?? ((line: string) => console.log(line))
  const mainFile = workspaceFile(options.dataDir)
  const useSandbox =
    !options.noSandbox &&
    (options.sandbox === true || (!options.rpcUrl && !hasOwnChain(mainFile, options.nativeBinding)))

  const databaseFile = useSandbox ? sandboxWorkspaceFile(options.dataDir) : mainFile
  if (useSandbox) rmSync(dirname(databaseFile), { recursive: true, force: true })
  const db = openDatabase(databaseFile, { nativeBinding: options.nativeBinding })
  const ctx = createContext(db, options.host, appVersion)
  const sandbox = createSandboxController(ctx, log)
  // Keystore files sit beside the workspace database: the sandbox's demo keys go away with the sandbox workspace.
  const keys = new KeyStore(ctx, { dir: join(dirname(databaseFile), 'keys') })
  // Exports live beside the workspace, outside the sandbox folder that is wiped at each sandbox start.
  const exports = createExportJobs({
    db,
    exportsDir: join(options.dataDir, 'exports'),
    generator: `AITBC Treasury ${appVersion}`,
    nativeBinding: options.nativeBinding,
    log,
  })
  ctx.onClose(() => exports.close())
  const services: Services = { ctx, sandbox, keys, exports, prefs: createPrefs(options.dataDir) }
  const api = createApi(services, log)

  const verdict = verifyAuditChain(db)
  if (!verdict.ok)
    log(`AUDIT CHAIN BROKEN at event #${verdict.firstBadSeq}: ${verdict.reason}. The app shows this on every page.`)

  if (options.rpcUrl) {
    const chainId = await readChainId(options.rpcUrl)
    ctx.mutate({ action: 'chain.connected', subject: `chain:${chainId}`, payload: { rpcUrl: options.rpcUrl } }, () =>
      saveChain(db, {
        chainId,
        name: `Chain ${chainId}`,
        rpcUrl: options.rpcUrl!,
        isSandbox: false,
        contractNetwork: null,
      }),
    )
  } else if (useSandbox) {
    await sandbox.start()
  }
  // Disbursement schedules draft their due batches even when nobody opens the page (never in the one-shot CLI).
  if (options.host !== 'cli') ctx.onClose(startScheduleRunner(ctx, log))
  return { services, api, mode: useSandbox ? 'sandbox' : 'workspace', databaseFile, close: () => ctx.close() }
}

function hasOwnChain(file: string, nativeBinding?: string): boolean {
  if (!existsSync(file)) return false
  const db = openDatabase(file, { nativeBinding })
  try {
    const chain = getActiveChain(db)
    return chain !== null && !chain.isSandbox
  } finally {
    db.close()
  }
}
