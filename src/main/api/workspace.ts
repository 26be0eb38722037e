import type { Handlers } from './registry'
import { ApiError } from '../../shared/errors'
import type { ChainInfo, WorkspaceInfo } from '../../shared/contract'
import { ChainSetupError, getActiveChain, resolveChainByRpc, saveChain } from '../core/chain'
import { auditHead } from '../core/audit'
import { schemaVersion } from '../core/db/open'
import type { Services } from './services'

export function workspaceInfo({ ctx, sandbox }: Services): WorkspaceInfo {
  const chain = getActiveChain(ctx.db)
  return {
    appVersion: ctx.appVersion,
    schemaVersion: schemaVersion(ctx.db),
    host: ctx.host,
    chain: chain ? toChainInfo(chain) : null,
    sandbox: sandbox.state(),
    audit: auditHead(ctx.db),
  }
}

function toChainInfo(chain: { chainId: number; name: string; rpcUrl: string; isSandbox: boolean }): ChainInfo {
  return { chainId: chain.chainId, name: chain.name, rpcUrl: chain.rpcUrl, isSandbox: chain.isSandbox }
}

export const workspaceHandlers: Handlers<'workspace.info' | 'sandbox.start' | 'chain.connect'> = {
  'workspace.info': (_input, services) => workspaceInfo(services),

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
