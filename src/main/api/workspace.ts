import type { Handlers } from './registry'
import { ApiError } from '../../shared/errors'
import type { ChainInfo, TutorialState, WorkspaceInfo, WorkspacesState } from '../../shared/contract'
import type { WorkspaceEntry } from '../core/workspace/registry'
import {
  DEMO_PASSPHRASE,
  dismissTutorial,
  markTutorialSeen,
  startTutorial,
  tutorialSnapshot,
} from '../core/workspace/tutorial'
import { sandboxAccounts } from '../core/sandbox/accounts'
import { ChainSetupError, getActiveChain, resolveChainByRpc, saveChain } from '../core/chain'
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

export const workspaceHandlers: Handlers<
  | 'workspace.info'
  | 'sandbox.start'
  | 'chain.connect'
  | 'workspaces.list'
  | 'workspaces.create'
  | 'workspaces.open'
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
      resolved = await resolveChainByRpc(rpcUrl, { name, custom: contracts, expectChainId })
    } catch (error) {
      if (error instanceof ChainSetupError) throw new ApiError('CHAIN_ERROR', error.message)
      throw error
    }
    const { chain, source } = resolved
    ctx.mutate(
      {
        action: 'chain.connected',
        subject: `chain:${chain.chainId}`,
        payload: { rpcUrl, name: chain.name, contracts: source, ...(contracts ? { addresses: contracts } : {}) },
      },
      () => saveChain(ctx.db, chain),
    )
    return { ...toChainInfo(chain), contracts: source }
  },
}
