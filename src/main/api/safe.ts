import type { Handlers } from './registry'
import { ApiError } from '../../shared/errors'
import type { SafeListItem, SafeOverview } from '../../shared/contract'
import { getActiveChain, getActiveSafe, getChain, listChains, setActiveSafe, type ChainRecord } from '../core/chain'
import {
  SafeDeployError,
  deploySafe,
  getSafe,
  insertSafe,
  listAllSafes,
  listSafes,
  readSafeOverview,
  saveSnapshot,
} from '../core/safe'
import { payingSigner } from './payer'
import type { CoreContext } from '../core/workspace'

function activeChain(ctx: CoreContext): ChainRecord {
  const chain = getActiveChain(ctx.db)
  if (!chain)
    throw new ApiError('NOT_CONFIGURED', 'No chain is configured. Start the sandbox or connect a chain by RPC URL.')
  return chain
}

/** The chain a call names, or the active one. */
function chainFor(ctx: CoreContext, chainId: number | undefined): ChainRecord {
  if (chainId === undefined) return activeChain(ctx)
  const chain = getChain(ctx.db, chainId)
  if (!chain)
    throw new ApiError('NOT_FOUND', `Chain ${chainId} is not one of this workspace's chains: connect it by RPC first.`)
  return chain
}

/** Every Safe of the workspace (or of the active chain), naming its chain, the active one marked. */
function safeItems(ctx: CoreContext, all: boolean): SafeListItem[] {
  const chains = new Map(listChains(ctx.db).map((c) => [c.chainId, c]))
  const active = getActiveSafe(ctx.db)
  const activeChainId = getActiveChain(ctx.db)?.chainId
  const rows = listAllSafes(ctx.db).filter((s) => all || s.chainId === activeChainId)
  const items = rows.map(({ snapshot, ...s }) => ({
    ...s,
    chainName: chains.get(s.chainId)?.name ?? `Chain ${s.chainId}`,
    active: active?.chainId === s.chainId && active.address === s.address,
    version: snapshot?.version ?? null,
    threshold: snapshot?.threshold ?? null,
    owners: snapshot?.owners.length ?? null,
    nativeBalance: snapshot?.balances.find((b) => b.address === null)?.balance ?? null,
  }))
  // The active chain's callers take the first Safe as the default: the active one leads.
  return all ? items : [...items.filter((i) => i.active), ...items.filter((i) => !i.active)]
}

async function sync(
  ctx: CoreContext,
  chain: ChainRecord,
  address: string,
  label: string | null,
): Promise<SafeOverview> {
  const overview: SafeOverview = { ...(await readSafeOverview(ctx.db, chain, address)), label }
  // A snapshot is a cache of chain state (re-derivable from the chain), so refreshing it is not an audited decision.
  saveSnapshot(ctx.db, overview)
  return overview
}

function chainError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0].slice(0, 300)
}

export const safeHandlers: Handlers<'safe.list' | 'safe.add' | 'safe.select' | 'safe.overview' | 'safe.deploy'> = {
  'safe.list': ({ all }, { ctx }) => safeItems(ctx, all ?? false),

  'safe.select': ({ chainId, address }, { ctx }) => {
    if (!getSafe(ctx.db, chainId, address))
      throw new ApiError('NOT_FOUND', `Safe ${address} on chain ${chainId} is not in this workspace: add it first.`)
    const before = getActiveSafe(ctx.db)
    if (before?.chainId !== chainId || before.address !== address)
      ctx.mutate(
        {
          action: 'safe.selected',
          subject: `safe:${chainId}:${address}`,
          payload: { previous: before ? `safe:${before.chainId}:${before.address}` : null },
        },
        () => setActiveSafe(ctx.db, chainId, address),
      )
    return safeItems(ctx, true)
  },

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
      return await sync(ctx, chain, target, known.label)
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
