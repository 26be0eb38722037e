import { z } from 'zod'
import { call } from './define'
import { empty } from './primitives'

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
}

export const workspaceContract = {
  'workspace.info': call<WorkspaceInfo>()(empty),
  /** Starts the built-in sandbox chain (Hardhat + Safe v1.4.1 + demo Safe) and makes it the workspace's chain. */
  'sandbox.start': call<WorkspaceInfo>()(empty),
  'chain.connect': call<ChainInfo>()(
    z
      .object({
        rpcUrl: z.url({ protocol: /^https?$/ }).max(2048),
        name: z.string().trim().min(1).max(80).optional(),
      })
      .strict(),
  ),
}
