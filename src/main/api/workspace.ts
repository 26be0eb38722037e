import type { Handlers } from './registry'
import { WORKSPACE_USER } from '../core/workspace'
import { ApiError } from '../../shared/errors'
import type { ChainInfo, ChainListItem, TutorialState, WorkspaceInfo, WorkspacesState } from '../../shared/contract'
import type { WorkspaceEntry } from '../core/workspace/registry'
import {
  DEMO_PASSPHRASE,
  dismissTutorial,
  markTutorialSeen,
  startTutorial,
  tutorialSnapshot,
} from '../core/workspace/tutorial'
import { sandboxAccounts } from '../core/sandbox/accounts'
import {
  ChainSetupError,
  getActiveChain,
  getChain,
  listChains,
  resolveChainByRpc,
  saveChain,
  type ChainRecord,
} from '../core/chain'
import { listAllSafes } from '../core/safe'
import { auditHead } from '../core/audit'
import { schemaVersion } from '../core/db/open'
import type { Services } from './services'

export function workspaceInfo(services: Services): WorkspaceInfo {
  const { ctx, sandbox } = services
  const chain = getActiveChain(ctx.db)
  return {
    appVersion: ctx.appVersion,
    schemaVersion: schemaVersion(ctx.db),
    host: ctx.host,
    chain: chain ? toChainInfo(chain) : null,
    sandbox: sandbox.state(),
    audit: auditHead(ctx.db),
    workspace: services.workspaces ? ref(services.workspaces.current()) : null,
    firstRun: services.workspaces?.firstRun() ?? false,
  }
}

function ref({ id, name, kind }: WorkspaceEntry) {
  return { id, name, kind }
}

function workspacesState(services: Services): WorkspacesState {
  const session = sessionOf(services)
  return {
    current: ref(session.current()),
    firstRun: session.firstRun(),
    workspaces: session.list().map((w) => ({ ...ref(w), createdAt: w.createdAt })),
  }
}

function sessionOf(services: Services) {
  if (!services.workspaces)
    throw new ApiError('NOT_CONFIGURED', 'This host opens one workspace only; workspaces are managed by the app.')
  return services.workspaces
}

function tutorialState(services: Services): TutorialState {
  return { ...tutorialSnapshot(services.ctx.db, services.keys.unlocked()), demoPassphrase: DEMO_PASSPHRASE }
}

function requireSandbox(services: Services): void {
  if (!getActiveChain(services.ctx.db)?.isSandbox)
    throw new ApiError(
      'CONFLICT',
      'The tutorial runs on the sandbox chain only: open the sandbox workspace to follow it (its demo keys are public).',
    )
}

function toChainInfo(chain: { chainId: number; name: string; rpcUrl: string; isSandbox: boolean }): ChainInfo {
  return { chainId: chain.chainId, name: chain.name, rpcUrl: chain.rpcUrl, isSandbox: chain.isSandbox }
}

function chainItems(services: Services): ChainListItem[] {
  const { db } = services.ctx
  const active = getActiveChain(db)?.chainId
  const safes = listAllSafes(db)
  return listChains(db).map((c: ChainRecord) => ({
    ...toChainInfo(c),
    contracts: c.contractNetwork ? 'custom' : 'safe-deployments',
    contractsVersion: c.contractsVersion ?? null,
    active: c.chainId === active,
    safes: safes.filter((s) => s.chainId === c.chainId).length,
  }))
}

export const workspaceHandlers: Handlers<
  | 'workspace.info'
  | 'sandbox.start'
  | 'chain.connect'
  | 'workspaces.list'
  | 'workspaces.create'
  | 'workspaces.open'
  | 'workspaces.rename'
  | 'workspaces.delete'
  | 'chains.list'
  | 'tutorial.get'
  | 'tutorial.start'
  | 'tutorial.dismiss'
  | 'tutorial.seen'
  | 'tutorial.useDemoSigners'
> = {
  'workspace.info': (_input, services) => workspaceInfo(services),

  'workspaces.list': (_input, services) => workspacesState(services),

  'workspaces.create': async ({ name }, services) => {
    const session = sessionOf(services)
    await session.create(name)
    // The services passed in belong to the workspace just left: answer from the session, not from them.
    return workspacesState({ ...services, workspaces: session })
  },

  'workspaces.open': async ({ id }, services) => {
    const session = sessionOf(services)
    await session.open(id)
    return workspacesState({ ...services, workspaces: session })
  },

  'workspaces.rename': ({ id, name }, services) => {
    sessionOf(services).rename(id, name)
    return workspacesState(services)
  },

  'workspaces.delete': ({ id, confirmName }, services) => {
    const session = sessionOf(services)
    const entry = session.list().find((w) => w.id === id)
    if (entry && confirmName.normalize('NFC').trim() !== entry.name)
      throw new ApiError(
        'BAD_INPUT',
        `Type the workspace's name exactly ("${entry.name}") to confirm: its database, exports and keys are deleted for good.`,
        { path: ['confirmName'] },
      )
    const { wipedKeystores } = session.remove(id)
    return { ...workspacesState(services), wipedKeystores }
  },

  'chains.list': (_input, services) => chainItems(services),

  'tutorial.get': (_input, services) => tutorialState(services),

  'tutorial.start': (_input, services) => {
    requireSandbox(services)
    startTutorial(services.ctx)
    return tutorialState(services)
  },

  'tutorial.dismiss': (_input, services) => {
    dismissTutorial(services.ctx)
    return tutorialState(services)
  },

  'tutorial.seen': ({ page }, services) => {
    markTutorialSeen(services.ctx, page, services.keys.unlocked())
    return tutorialState(services)
  },

  'tutorial.useDemoSigners': async (_input, services) => {
    requireSandbox(services)
    const { signers } = sandboxAccounts()
    const { keys } = services
    const known = new Set(keys.list().map((s) => s.address))
    // New ones are imported unlocked; ones imported earlier (by the tutorial) are unlocked with its passphrase.
    await keys.importUnlocked(
      signers.filter((s) => !known.has(s.address)),
      DEMO_PASSPHRASE,
      'sandbox-demo',
    )
    const open = new Set(keys.unlocked())
    for (const s of signers.filter((x) => known.has(x.address) && !open.has(x.address))) {
      try {
        await keys.unlock(s.address, DEMO_PASSPHRASE)
      } catch {
        throw new ApiError(
          'UNAUTHORIZED',
          `${s.label} was imported earlier under another passphrase: unlock it on the Signers page with that passphrase.`,
        )
      }
    }
    return tutorialState(services)
  },

  'sandbox.start': async (_input, services) => {
    try {
      await services.sandbox.start()
    } catch (error) {
      throw new ApiError(
        'CHAIN_ERROR',
        `The sandbox chain could not start: ${error instanceof Error ? error.message : error}`,
      )
    }
    return workspaceInfo(services)
  },

  'chain.connect': async ({ rpcUrl, name, contracts, expectChainId }, { ctx }) => {
    let resolved
    try {
      resolved = await resolveChainByRpc(rpcUrl, {
        name,
        custom: contracts,
        expectChainId,
        // A new RPC for a chain the workspace has keeps (and re-checks) the contract addresses given for it.
        saved: (id) => getChain(ctx.db, id)?.contractNetwork ?? null,
      })
    } catch (error) {
      if (error instanceof ChainSetupError) {
        // The chain answered but its Safe contracts are not known: the welcome asks for the addresses (the RPC and
        // the network are fine, so this is not a chain error).
        if (error.needsContracts)
          throw new ApiError('BAD_INPUT', error.message, {
            path: ['contracts'],
            needsContracts: true,
            ...error.needsContracts,
          })
        throw new ApiError('CHAIN_ERROR', error.message)
      }
      throw error
    }
    const existing = getChain(ctx.db, resolved.chain.chainId)
    // Reconnecting a chain keeps the name it was given unless a new one is.
    const chain = { ...resolved.chain, name: name ?? existing?.name ?? resolved.chain.name }
    const { source } = resolved
    ctx.mutate(
      {
        actor: WORKSPACE_USER,
        action: 'chain.connected',
        subject: `chain:${chain.chainId}`,
        payload: {
          rpcUrl,
          name: chain.name,
          contracts: source,
          ...(contracts ? { addresses: contracts, contractsVersion: chain.contractsVersion ?? null } : {}),
        },
      },
      () => saveChain(ctx.db, chain),
    )
    return { ...toChainInfo(chain), contracts: source, contractsVersion: chain.contractsVersion ?? null }
  },
}
