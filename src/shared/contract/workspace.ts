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
}

export interface ChainInfo {
  chainId: number
  name: string
  rpcUrl: string
  isSandbox: boolean
  /** Where the Safe contract addresses come from: safe-deployments, or the workspace's own list. */
  contracts?: 'safe-deployments' | 'custom'
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
