import { z } from 'zod'
import { call } from './define'
import { address, empty } from './primitives'

export interface WorkspaceInfo {
  appVersion: string
  schemaVersion: number
  /** Where the adapter runs: the renderer adapts a few affordances (e.g. file dialogs) to it. */
  host: 'electron' | 'browser' | 'cli'
  chain: ChainInfo | null
  sandbox: { running: boolean; starting: boolean; error?: string }
  audit: { events: number; headHash: string | null }
  /** The workspace open now (null where one database is wired by hand, e.g. tests). */
  workspace: WorkspaceRef | null
  /** No workspace was ever chosen in this data folder: the app shows its welcome. */
  firstRun: boolean
}

/** A workspace as the renderer sees it: an id and a name, never a file path. */
export interface WorkspaceRef {
  id: string
  name: string
  kind: 'main' | 'named' | 'sandbox'
}

export interface WorkspacesState {
  current: WorkspaceRef | null
  firstRun: boolean
  workspaces: Array<WorkspaceRef & { createdAt: string | null }>
}

export const TUTORIAL_STEP_IDS = ['signers', 'create', 'sign1', 'sign2', 'execute', 'history', 'audit'] as const
export type TutorialStepId = (typeof TUTORIAL_STEP_IDS)[number]

/** The sandbox tutorial: each step's `done` is read from the workspace (keys, the proposal, the audit trail). */
export interface TutorialState {
  status: 'off' | 'active' | 'dismissed' | 'done'
  /** Only on the sandbox chain. */
  available: boolean
  steps: Array<{ id: TutorialStepId; done: boolean }>
  current: TutorialStepId | null
  proposalId: number | null
  proposalStatus: string | null
  demo: {
    safe: string | null
    signers: Array<{ label: string; address: string; unlocked: boolean; imported: boolean }>
    recipient: { label: string; address: string }
  } | null
  /** The passphrase the one-click setup puts on the demo keystores (public sandbox keys only). */
  demoPassphrase: string
}

/** Named workspace ids as the host makes them; `main` and `sandbox` are the two built-in ones. */
export const workspaceId = z.string().regex(/^(main|sandbox|w-[0-9a-f]{12})$/, 'not a workspace id')
export const workspaceName = z
  .string()
  .trim()
  .min(1, 'a workspace needs a name')
  .max(60, 'a workspace name has at most 60 characters')

export interface ChainInfo {
  chainId: number
  name: string
  rpcUrl: string
  isSandbox: boolean
  /** Where the Safe contract addresses come from: safe-deployments, or the workspace's own list. */
  contracts?: 'safe-deployments' | 'custom'
  /** The Safe version of the workspace's own contract list (read from its singleton), when it has one. */
  contractsVersion?: string | null
}

/** One chain of a workspace (a workspace holds several: e.g. Ethereum, Arbitrum and Base). */
export interface ChainListItem extends ChainInfo {
  /** The chain of the active Safe: proposals and signing go to it. */
  active: boolean
  safes: number
}

/**
 * What `chain.connect` answers in its error details when the chain is reachable but the app needs the addresses of
 * the Safe contracts on it (a chain safe-deployments does not list, or one where its canonical addresses hold no code).
 */
export interface NeedsContractsDetails {
  needsContracts: true
  chainId: number
  reason: 'unknown_chain' | 'no_code_at_canonical'
  missing: string[]
}

/** Safe contract addresses for a chain safe-deployments does not know (protocol-kit's ContractNetworkConfig). */
export const customContracts = z
  .object({
    safeSingletonAddress: address,
    safeProxyFactoryAddress: address,
    multiSendAddress: address,
    multiSendCallOnlyAddress: address,
    fallbackHandlerAddress: address,
    signMessageLibAddress: address,
    createCallAddress: address,
    simulateTxAccessorAddress: address,
  })
  .strict()

export const workspaceContract = {
  'workspace.info': call<WorkspaceInfo>()(empty),
  /** The workspaces in this data folder (ids and names), the one open now, and whether this is a first run. */
  'workspaces.list': call<WorkspacesState>()(empty),
  /** Creates a named workspace (its own database and keys) and switches to it. Audited in both workspaces. */
  'workspaces.create': call<WorkspacesState>()(z.object({ name: workspaceName }).strict()),
  /** Switches to a workspace (the sandbox starts a fresh chain) and remembers it for the next start. */
  'workspaces.open': call<WorkspacesState>()(z.object({ id: workspaceId }).strict()),
  /** Renames a named workspace (Main and the sandbox keep their names). */
  'workspaces.rename': call<WorkspacesState>()(z.object({ id: workspaceId, name: workspaceName }).strict()),
  /**
   * Deletes a named workspace that is not open: its database, exports and keystore files (each keystore overwritten
   * before it is unlinked, as `keys.delete` does). `confirmName` must repeat its name: nothing is undone.
   */
  'workspaces.delete': call<WorkspacesState & { wipedKeystores: number }>()(
    z.object({ id: workspaceId, confirmName: z.string().max(200) }).strict(),
  ),
  /** The workspace's chains, each with its RPC, where its contract addresses come from, and its Safes count. */
  'chains.list': call<ChainListItem[]>()(empty),
  'tutorial.get': call<TutorialState>()(empty),
  /** Starts or resumes the sandbox tutorial (sandbox chain only). */
  'tutorial.start': call<TutorialState>()(empty),
  'tutorial.dismiss': call<TutorialState>()(empty),
  /** Records that History or the Audit trail was opened after the tutorial's proposal executed. */
  'tutorial.seen': call<TutorialState>()(z.object({ page: z.enum(['history', 'audit']) }).strict()),
  /** Sandbox only: imports (or unlocks) the demo signers under the tutorial's demo passphrase. */
  'tutorial.useDemoSigners': call<TutorialState>()(empty),
  /** Starts the built-in sandbox chain (Hardhat + Safe v1.4.1 + demo Safe) and makes it the workspace's chain. */
  'sandbox.start': call<WorkspaceInfo>()(empty),
  'chain.connect': call<ChainInfo>()(
    z
      .object({
        rpcUrl: z.url({ protocol: /^https?$/ }).max(2048),
        name: z.string().trim().min(1).max(80).optional(),
        /** Needed only for chains safe-deployments does not know; each address must hold code. */
        contracts: customContracts.optional(),
        /** The chainId you expect: the connection is refused when the endpoint reports another. */
        expectChainId: z.number().int().positive().optional(),
      })
      .strict(),
  ),
}
