import { existsSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { openDatabase } from './core/db/open'
import { ensurePrivateDir } from './core/private-files'
import { ChainSetupError, getActiveChain, getChain, resolveChainByRpc, saveChain } from './core/chain'
import { createContext, WORKSPACE_USER, type HostKind } from './core/workspace/context'
import { createSandboxController } from './core/workflows/sandbox-workspace'
import { workspaceFile } from './core/workspace/paths'
import {
  createWorkspaceRegistry,
  MAIN_ID,
  SANDBOX_ID,
  workspaceFiles,
  WorkspaceRegistryError,
  type WorkspaceEntry,
  type WorkspaceSession,
} from './core/workspace/registry'
import { guardAuditChain } from './core/audit'
import { KeyStore } from './core/keys'
import { startScheduleRunner } from './core/disbursements/drafting'
import { startOutboxRunner } from './core/txservice'
import { createExportJobs } from './core/reports/jobs'
import { recordExport } from './core/reports/export-audit'
import { createPrefs } from './core/prefs'
import { createApi, type Dispatcher, type Services } from './api'
import { ApiError } from '../shared/errors'
import { version as appVersion } from '../../package.json'

export type { WorkspaceSession } from './core/workspace/registry'

export interface BootOptions {
  dataDir: string
  host: HostKind
  /** Connect this RPC endpoint as the workspace's chain. */
  rpcUrl?: string
  /** Force the sandbox; without it the sandbox starts only when the workspace has no chain of its own. */
  sandbox?: boolean
  /** Never start the sandbox (the CLI works on the saved workspace only). */
  noSandbox?: boolean
  /** Open this workspace (id or name; "Sandbox" starts the sandbox), not the last one chosen. */
  workspace?: string
  nativeBinding?: string
  log?: (line: string) => void
}

/** One open workspace: its services and its own dispatcher. */
interface OpenWorkspace {
  entry: WorkspaceEntry
  services: Services
  api: Dispatcher
  databaseFile: string
  close(): Promise<void>
}

export interface Booted {
  /** The services of the workspace open now (they change when the workspace is switched). */
  readonly services: Services
  api: Dispatcher
  readonly mode: 'workspace' | 'sandbox'
  readonly databaseFile: string
  session: WorkspaceSession
  close(): Promise<void>
}

/** Opens the workspace and wires the API, the same way for the Electron shell, the browser host and the CLI. */
export async function boot(options: BootOptions): Promise<Booted> {
  const log = options.log ?? ((line: string) => console.log(line))
  ensurePrivateDir(options.dataDir) // owner-only whatever the umask: it holds keystores and the databases
  const registry = createWorkspaceRegistry(options.dataDir)
  const last = registry.lastChoice()

  // What to open: the command line first, then the last choice, then (as before workspaces) Main when it has a chain
  // of its own, else the sandbox. Only the last case is a first run: the app shows its welcome over the sandbox.
  let initial: string
  let explicit = true
  if (options.workspace) initial = guard(() => registry.find(options.workspace!)).id
  else if (options.noSandbox) initial = last && last !== SANDBOX_ID ? last : MAIN_ID
  else if (options.sandbox) initial = SANDBOX_ID
  else if (options.rpcUrl) initial = last && last !== SANDBOX_ID ? last : MAIN_ID
  else if (last) initial = last
  else if (hasOwnChain(workspaceFile(options.dataDir), options.nativeBinding)) initial = MAIN_ID
  else {
    initial = SANDBOX_ID
    explicit = false
  }

  let current: OpenWorkspace
  let switching: Promise<unknown> | null = null
  let inFlight = 0

  const session: WorkspaceSession = {
    registry,
    current: () => current.entry,
    firstRun: () => !explicit && registry.lastChoice() === null,
    list: () => registry.list(),
    async create(name) {
      const entry = guard(() => registry.create(name))
      await switchTo(entry.id, 'workspace.created')
      return entry
    },
    async open(id) {
      const entry = guard(() => registry.get(id))
      if (entry.id !== current.entry.id) await switchTo(entry.id, 'workspace.opened')
      registry.recordChoice(entry.id)
      return current.entry
    },
    rename(id, name) {
      const before = guard(() => registry.get(id))
      const renamed = guard(() => registry.rename(id, name))
      current.services.ctx.mutate(
        {
          actor: WORKSPACE_USER,
          action: 'workspace.renamed',
          subject: `workspace:${id}`,
          payload: { from: before.name, to: renamed.name },
        },
        () => undefined,
      )
      if (current.entry.id === id) current.entry = renamed
      return renamed
    },
    remove(id) {
      if (switching) throw new ApiError('CONFLICT', 'A workspace is being opened; try again in a moment.')
      const entry = guard(() => registry.get(id))
      if (entry.id === current.entry.id)
        throw new ApiError('CONFLICT', `"${entry.name}" is open: open another workspace first, then delete this one.`)
      const result = guard(() => registry.remove(id))
      current.services.ctx.mutate(
        {
          actor: WORKSPACE_USER,
          action: 'workspace.deleted',
          subject: `workspace:${id}`,
          payload: { name: entry.name, wipedKeystores: result.wipedKeystores },
        },
        () => undefined,
      )
      return result
    },
  }

  async function switchTo(id: string, action: 'workspace.created' | 'workspace.opened'): Promise<void> {
    if (switching) throw new ApiError('CONFLICT', 'Another workspace is being opened; try again in a moment.')
    const previous = current
    const run = (async () => {
      // Let calls already running on the old workspace finish (they hold its database), then close it cleanly:
      // export jobs, the schedule runner and the sandbox node stop with it.
      const deadline = Date.now() + 15_000
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      previous.services.ctx.mutate(
        {
          actor: WORKSPACE_USER,
          action: 'workspace.left',
          subject: `workspace:${previous.entry.id}`,
          payload: { to: id },
        },
        () => undefined,
      )
      await previous.close()
      try {
        current = await openWorkspace(registry.get(id), { ...options, rpcUrl: undefined }, log, session)
      } catch (error) {
        log(`Could not open workspace ${id}: ${error instanceof Error ? error.message : String(error)}`)
        current = await openWorkspace(previous.entry, { ...options, rpcUrl: undefined }, log, session)
        throw new ApiError(
          'CHAIN_ERROR',
          `The workspace could not be opened: ${error instanceof Error ? error.message.split('\n')[0].slice(0, 300) : 'unknown error'}. ` +
            `"${previous.entry.name}" is open again.`,
        )
      }
      current.services.ctx.mutate(
        {
          actor: WORKSPACE_USER,
          action,
          subject: `workspace:${current.entry.id}`,
          payload: { name: current.entry.name, from: previous.entry.id },
        },
        () => undefined,
      )
      registry.recordChoice(id)
    })()
    switching = run
    try {
      await run
    } finally {
      switching = null
    }
  }

  current = await openWorkspace(registry.get(initial), options, log, session)

  const api: Dispatcher = {
    get names() {
      return current.api.names
    },
    async dispatch(name, input) {
      // A call that arrives during a switch waits for it and goes to the workspace opened.
      while (switching) await switching.catch(() => undefined)
      // The switching calls themselves do not count: the switch waits for the others to finish.
      const counted = !String(name).startsWith('workspaces.')
      if (counted) inFlight++
      try {
        return await current.api.dispatch(name, input)
      } finally {
        if (counted) inFlight--
      }
    },
  }

  return {
    get services() {
      return current.services
    },
    api,
    get mode() {
      return current.entry.id === SANDBOX_ID ? ('sandbox' as const) : ('workspace' as const)
    },
    get databaseFile() {
      return current.databaseFile
    },
    session,
    close: async () => {
      while (switching) await switching.catch(() => undefined)
      await current.close()
    },
  }
}

function guard<T>(work: () => T): T {
  try {
    return work()
  } catch (error) {
    if (error instanceof WorkspaceRegistryError) throw new ApiError(error.code, error.message)
    throw error
  }
}

/** Opens one workspace's database and services (the sandbox one is recreated, with a fresh chain). */
async function openWorkspace(
  entry: WorkspaceEntry,
  options: BootOptions,
  log: (line: string) => void,
  session: WorkspaceSession,
): Promise<OpenWorkspace> {
  const files = workspaceFiles(options.dataDir, entry.id)
  const useSandbox = entry.id === SANDBOX_ID
  const databaseFile = files.database
  if (entry.id === SANDBOX_ID) rmSync(dirname(databaseFile), { recursive: true, force: true })
  const db = openDatabase(databaseFile, { nativeBinding: options.nativeBinding })
  const ctx = createContext(db, options.host, appVersion)
  const sandbox = createSandboxController(ctx, log)
  // Keystore files sit beside the workspace database: the sandbox's demo keys go away with the sandbox workspace.
  const keys = new KeyStore(ctx, { dir: files.keysDir })
  const exports = createExportJobs({
    db,
    exportsDir: files.exportsDir,
    generator: `AITBC Treasury ${appVersion}`,
    nativeBinding: options.nativeBinding,
    log,
    actor: () => WORKSPACE_USER,
    recordExport: (record) => recordExport(ctx, record),
  })
  ctx.onClose(() => exports.close())
  const services: Services = { ctx, sandbox, keys, exports, workspaces: session, prefs: createPrefs(options.dataDir) }
  const api = createApi(services, log)

  try {
    // Events after the last verified checkpoint now; the whole chain in the background (audit.verify waits for it).
    const guard = guardAuditChain(db, log, { background: options.host !== 'cli' })
    ctx.onClose(() => guard.close())

    if (options.rpcUrl) {
      // Checked as chain.connect checks it: the chain id, and code at every Safe contract address (the chain's saved
      // list, else safe-deployments'). A chain that needs its addresses given is refused with the reason.
      const { chain, source } = await resolveChainByRpc(options.rpcUrl, {
        saved: (id) => getChain(db, id)?.contractNetwork ?? null,
      }).catch((error: unknown) => {
        if (error instanceof ChainSetupError)
          throw new Error(
            `${error.message}${error.needsContracts ? ' (connect it from the app’s welcome or Safes page, which asks for them)' : ''}`,
          )
        throw error
      })
      const saved = getChain(db, chain.chainId)
      ctx.mutate(
        {
          actor: WORKSPACE_USER,
          action: 'chain.connected',
          subject: `chain:${chain.chainId}`,
          payload: { rpcUrl: options.rpcUrl, name: saved?.name ?? chain.name, contracts: source },
        },
        () => saveChain(db, { ...chain, name: saved?.name ?? chain.name }),
      )
    } else if (useSandbox) {
      await sandbox.start()
    }
  } catch (error) {
    await ctx.close()
    throw error
  }
  // Disbursement schedules draft their due batches even when nobody opens the page (never in the one-shot CLI).
  if (options.host !== 'cli') ctx.onClose(startScheduleRunner(ctx, log))
  // Signatures waiting for the Safe Transaction Service are posted on their backoff (never in the one-shot CLI).
  if (options.host !== 'cli') ctx.onClose(startOutboxRunner(ctx, log))
  return { entry, services, api, databaseFile, close: () => ctx.close() }
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
