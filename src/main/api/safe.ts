import type { Handlers } from './registry'
import { WORKSPACE_USER } from '../core/workspace'
import { ApiError } from '../../shared/errors'
import type { SafeOverview } from '../../shared/contract'
import { setActiveSafe } from '../core/chain'
import {
  SafeDeployError,
  deploySafe,
  getSafe,
  insertSafe,
  listSafes,
  readSafeOverview,
  safeItems,
  saveSnapshot,
  selectSafe,
} from '../core/safe'
import { payingSigner } from './support/payer'
import { activeChain, chainFor } from './support/active-chain'
import { firstLine as chainError } from '../core/first-line'
import { syncSnapshot } from '../core/safe/snapshot'

export const safeHandlers: Handlers<'safe.list' | 'safe.add' | 'safe.select' | 'safe.overview' | 'safe.deploy'> = {
  'safe.list': ({ all }, { ctx }) => safeItems(ctx.db, all ?? false),

  'safe.select': ({ chainId, address }, { ctx }) => selectSafe(ctx, chainId, address),

  'safe.add': async ({ address, label, chainId }, { ctx }) => {
    const chain = chainFor(ctx, chainId)
    let overview: Omit<SafeOverview, 'label'>
    try {
      overview = await readSafeOverview(ctx.db, chain, address)
    } catch (error) {
      throw new ApiError(
        'CHAIN_ERROR',
        `No Safe could be read at ${address} on chain ${chain.chainId}: ${chainError(error)}`,
      )
    }
    const full: SafeOverview = { ...overview, label: label ?? null }
    ctx.mutate(
      {
        actor: WORKSPACE_USER,
        action: 'safe.added',
        subject: `safe:${chain.chainId}:${address}`,
        payload: {
          label: label ?? null,
          owners: overview.owners,
          threshold: overview.threshold,
          version: overview.version,
        },
      },
      () => {
        insertSafe(ctx.db, chain.chainId, address, label ?? null)
        saveSnapshot(ctx.db, full)
        // The Safe just added is the one the user works on next (the welcome adds one per chain).
        setActiveSafe(ctx.db, chain.chainId, address)
      },
    )
    return full
  },

  'safe.overview': async ({ address, refresh, chainId }, { ctx }) => {
    const chain = chainFor(ctx, chainId)
    const target = address ?? listSafes(ctx.db, chain.chainId)[0]?.address
    if (!target) throw new ApiError('NOT_FOUND', 'This workspace has no Safe yet. Add one by address.')
    const known = getSafe(ctx.db, chain.chainId, target)
    if (!known) throw new ApiError('NOT_FOUND', `Safe ${target} is not in this workspace.`)
    if (!refresh && known.snapshot) return { ...known.snapshot, label: known.label }
    try {
      return await syncSnapshot(ctx.db, chain, target, known.label)
    } catch (error) {
      if (!known.snapshot)
        throw new ApiError(
          'CHAIN_ERROR',
          `The chain could not be read and there is no synced state yet: ${chainError(error)}`,
        )
      return { ...known.snapshot, label: known.label, stale: true, staleReason: chainError(error) }
    }
  },

  'safe.deploy': async ({ owners, threshold, saltNonce, label, payer: wanted }, services) => {
    const { ctx } = services
    const chain = activeChain(ctx)
    const payer = await payingSigner(services, chain, wanted)
    let deployed
    try {
      deployed = await deploySafe(chain, { owners, threshold, saltNonce }, payer.signer)
    } catch (error) {
      if (error instanceof SafeDeployError) throw new ApiError('CONFLICT', error.message)
      throw new ApiError('CHAIN_ERROR', `The Safe could not be deployed: ${chainError(error)}`)
    } finally {
      payer.close()
    }
    let overview: SafeOverview
    try {
      overview = { ...(await readSafeOverview(ctx.db, chain, deployed.address)), label: label ?? null }
    } catch (error) {
      throw new ApiError(
        'CHAIN_ERROR',
        `The Safe was deployed at ${deployed.address} (${deployed.txHash}) but could not be read back: ${chainError(error)}. Add it by address.`,
      )
    }
    ctx.mutate(
      {
        // The key that paid for the deployment.
        actor: payer.address,
        action: 'safe.deployed',
        subject: `safe:${chain.chainId}:${deployed.address}`,
        payload: {
          owners,
          threshold,
          saltNonce: saltNonce ?? null,
          txHash: deployed.txHash,
          block: deployed.blockNumber,
          payer: payer.address,
          payerKind: payer.kind === 'sandbox_node_account' ? 'sandbox node account' : 'local key',
        },
      },
      () => {
        insertSafe(ctx.db, chain.chainId, deployed.address, label ?? null)
        saveSnapshot(ctx.db, overview)
      },
    )
    return { ...overview, txHash: deployed.txHash, payer: payer.address, payerKind: payer.kind }
  },
}
