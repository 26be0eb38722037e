import type { BalancesView, SafeBalances } from '../../../shared/contract/tokens'
import type { ChainRecord } from '../chain/store'
import type { CoreContext } from '../workspace/context'
import { listSafes } from '../safe/store'
import { nativeCurrency } from '../tokens/native'
import { readBalances, saveBalances, storedBalances } from '../tokens/balances'
import { visibleTokens } from '../tokens/registry'
import { checkedProvider } from '../tokens/service'
import { firstLine } from '../first-line'

/** The last stored balances of every Safe of the chain, per visible token (the native coin first). */
function balancesFromStore(ctx: CoreContext, chain: ChainRecord): SafeBalances[] {
  const native = nativeCurrency(ctx.db, chain.chainId)
  const tokens = new Map(visibleTokens(ctx.db, chain.chainId).map((t) => [t.address, t]))
  const stored = storedBalances(ctx.db, chain.chainId)
  return listSafes(ctx.db, chain.chainId).map((safe) => ({
    chainId: chain.chainId,
    safe: safe.address,
    label: safe.label,
    balances: stored
      .filter((b) => b.safe === safe.address && (b.token === 'native' || tokens.has(b.token)))
      .map((b) => {
        const t = b.token === 'native' ? null : tokens.get(b.token)!
        return {
          token: t ? t.address : null,
          symbol: t ? t.symbol : native.symbol,
          decimals: t ? t.decimals : native.decimals,
          balance: b.balance,
          block: b.block,
          readAt: b.readAt,
        }
      })
      .sort((a, b) => (a.token === null ? -1 : b.token === null ? 1 : a.symbol.localeCompare(b.symbol))),
  }))
}

/** Every Safe of the chain × every visible token: read now (refresh), or the last stored figures with their time. */
export async function balancesOf(ctx: CoreContext, chain: ChainRecord, refresh: boolean): Promise<BalancesView> {
  const native = nativeCurrency(ctx.db, chain.chainId)
  let via: BalancesView['via'] = null
  if (refresh) {
    const safes = listSafes(ctx.db, chain.chainId).map((s) => s.address)
    try {
      const provider = await checkedProvider(chain)
      try {
        const reading = await readBalances(provider, safes, visibleTokens(ctx.db, chain.chainId))
        saveBalances(ctx.db, chain.chainId, reading)
        via = reading.via
      } finally {
        provider.destroy()
      }
    } catch (error) {
      return {
        chainId: chain.chainId,
        native,
        safes: balancesFromStore(ctx, chain),
        via,
        stale: true,
        staleReason: firstLine(error),
      }
    }
  }
  return { chainId: chain.chainId, native, safes: balancesFromStore(ctx, chain), via, stale: false }
}
