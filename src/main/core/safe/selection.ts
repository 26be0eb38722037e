import { ApiError } from '../../../shared/errors'
import type { SafeListItem } from '../../../shared/contract'
import { WORKSPACE_USER, type CoreContext } from '../workspace/context'
import type { Db } from '../db/open'
import { getActiveChain, getActiveSafe, listChains, setActiveSafe } from '../chain/store'
import { getSafe, listAllSafes } from './store'

/** Every Safe of the workspace (or of the active chain), naming its chain, the active one marked. */
export function safeItems(db: Db, all: boolean): SafeListItem[] {
  const chains = new Map(listChains(db).map((c) => [c.chainId, c]))
  const active = getActiveSafe(db)
  const activeChainId = getActiveChain(db)?.chainId
  const rows = listAllSafes(db).filter((s) => all || s.chainId === activeChainId)
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

/** `safe.select`: the Safe the user works on (audited when it changes); returns every Safe of the workspace. */
export function selectSafe(ctx: CoreContext, chainId: number, address: string): SafeListItem[] {
  if (!getSafe(ctx.db, chainId, address))
    throw new ApiError('NOT_FOUND', `Safe ${address} on chain ${chainId} is not in this workspace: add it first.`)
  const before = getActiveSafe(ctx.db)
  if (before?.chainId !== chainId || before.address !== address)
    ctx.mutate(
      {
        actor: WORKSPACE_USER,
        action: 'safe.selected',
        subject: `safe:${chainId}:${address}`,
        payload: { previous: before ? `safe:${before.chainId}:${before.address}` : null },
      },
      () => setActiveSafe(ctx.db, chainId, address),
    )
  return safeItems(ctx.db, true)
}
