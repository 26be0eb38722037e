import { WORKSPACE_USER, type CoreContext } from '../workspace/context'
import type { ChainRecord } from '../chain/store'
import { readChainId, rpcProvider } from '../chain/rpc'
import { ApiError } from '../../../shared/errors'
import { firstLine } from '../first-line'
import type { TokenListImport, TokenRegistry, TokenView } from '../../../shared/contract/tokens'
import { NotATokenError, readTokenMetadata } from './erc20'
import { duplicateSymbols, getToken, listTokens, saveToken, type TokenRecord } from './registry'
import { TokenListError, parseTokenList, type TokenListEntry } from './token-list'
import { listRefusals } from './discover'
import { nativeCurrency } from './native'

export const viewOf = (t: TokenRecord): TokenView => ({
  chainId: t.chainId,
  address: t.address,
  symbol: t.symbol,
  name: t.name,
  decimals: t.decimals,
  source: t.source ?? 'address',
  hidden: t.hidden ?? false,
})

/**
 * An RPC that answers for another chain must feed nothing into this chain's registry (a typo'd URL, a hijacked
 * endpoint): checked before every read.
 */
export async function checkedProvider(chain: ChainRecord) {
  let reported: number
  try {
    reported = await readChainId(chain.rpcUrl)
  } catch (error) {
    throw new ApiError(
      'CHAIN_ERROR',
      `The RPC of chain ${chain.chainId} (${chain.rpcUrl}) did not answer: ${firstLine(error)}`,
    )
  }
  if (reported !== chain.chainId)
    throw new ApiError(
      'CHAIN_ERROR',
      `The RPC at ${chain.rpcUrl} answers for chain ${reported}, but it is set for chain ${chain.chainId}: nothing was read.`,
    )
  return rpcProvider(chain.rpcUrl, chain.chainId)
}

export function registryOf(ctx: CoreContext, chainId: number): TokenRegistry {
  const tokens = listTokens(ctx.db, chainId)
  const other = ctx.db
    .prepare(
      'SELECT chain_id AS chainId, count(*) AS count FROM token_list_entries GROUP BY chain_id ORDER BY chain_id',
    )
    .all() as Array<{ chainId: number; count: number }>
  return {
    chainId,
    native: nativeCurrency(ctx.db, chainId),
    tokens: tokens.map(viewOf),
    duplicates: duplicateSymbols(tokens),
    refused: listRefusals(ctx, chainId),
    otherChains: other,
  }
}

export async function addTokenByAddress(ctx: CoreContext, chain: ChainRecord, address: string) {
  const provider = await checkedProvider(chain)
  let meta
  try {
    meta = await readTokenMetadata(provider, address)
  } catch (error) {
    if (error instanceof NotATokenError) throw new ApiError('BAD_INPUT', error.message, { reason: error.reason })
    throw new ApiError('CHAIN_ERROR', `${address} could not be read on chain ${chain.chainId}: ${firstLine(error)}`)
  } finally {
    provider.destroy()
  }
  const existed = getToken(ctx.db, chain.chainId, meta.address)
  ctx.mutate(
    {
      actor: WORKSPACE_USER,
      action: existed ? 'token.updated' : 'token.added',
      subject: `token:${chain.chainId}:${meta.address}`,
      payload: { symbol: meta.symbol, name: meta.name, decimals: meta.decimals, source: 'address' },
    },
    () => {
      saveToken(ctx.db, { chainId: chain.chainId, ...meta, source: 'address' })
      ctx.db.prepare('DELETE FROM token_refusals WHERE chain_id = ? AND address = ?').run(chain.chainId, meta.address)
    },
  )
  const token = getToken(ctx.db, chain.chainId, meta.address)!
  return { token: viewOf(token), duplicates: duplicateSymbols(listTokens(ctx.db, chain.chainId)) }
}

/**
 * Imports a token list: entries for chains this workspace holds are registered, the others kept for their chain;
 * everything in one transaction with its audit event, or (any problem) nothing at all.
 */
export function importTokenList(ctx: CoreContext, json: string): TokenListImport {
  let parsed
  try {
    parsed = parseTokenList(json)
  } catch (error) {
    if (error instanceof TokenListError) throw new ApiError('BAD_INPUT', error.message, { problems: error.problems })
    throw error
  }
  const chains = new Set(
    (ctx.db.prepare('SELECT chain_id FROM chains').all() as Array<{ chain_id: number }>).map((r) => r.chain_id),
  )
  const ours: TokenListEntry[] = parsed.entries.filter((e) => chains.has(e.chainId))
  const others = parsed.entries.filter((e) => !chains.has(e.chainId))
  const now = new Date()
  return ctx.mutate(
    (r: TokenListImport) => ({
      actor: WORKSPACE_USER,
      action: 'token.list.imported',
      subject: `token-list:${parsed.name.slice(0, 80)}`,
      payload: { added: r.added, updated: r.updated, otherChains: r.otherChains },
    }),
    () => {
      let added = 0
      let updated = 0
      for (const e of ours) {
        if (getToken(ctx.db, e.chainId, e.address)) updated += 1
        else added += 1
        saveToken(ctx.db, { ...e, source: 'list' }, now)
      }
      const keep = ctx.db.prepare(
        `INSERT INTO token_list_entries (chain_id, address, symbol, name, decimals, list_name, imported_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(chain_id, address) DO UPDATE SET symbol = excluded.symbol,
           name = excluded.name, decimals = excluded.decimals, list_name = excluded.list_name,
           imported_at = excluded.imported_at`,
      )
      const counts = new Map<number, number>()
      for (const e of others) {
        keep.run(e.chainId, e.address, e.symbol, e.name, e.decimals, parsed.name, now.toISOString())
        counts.set(e.chainId, (counts.get(e.chainId) ?? 0) + 1)
      }
      const duplicates = [...chains].flatMap((c) => duplicateSymbols(listTokens(ctx.db, c)))
      return {
        listName: parsed.name,
        added,
        updated,
        otherChains: [...counts.entries()].map(([chainId, count]) => ({ chainId, count })),
        duplicates,
      }
    },
  )
}

/**
 * Entries kept for a chain the workspace did not hold, registered once it does. Call inside a mutation (the
 * handler that lists a chain's tokens runs it when there are any).
 */
export function adoptKeptListEntries(ctx: CoreContext, chainId: number): number {
  const rows = ctx.db.prepare('SELECT * FROM token_list_entries WHERE chain_id = ?').all(chainId) as Array<{
    address: string
    symbol: string
    name: string
    decimals: number
  }>
  for (const r of rows)
    if (!getToken(ctx.db, chainId, r.address))
      saveToken(ctx.db, {
        chainId,
        address: r.address,
        symbol: r.symbol,
        name: r.name,
        decimals: r.decimals,
        source: 'list',
      })
  ctx.db.prepare('DELETE FROM token_list_entries WHERE chain_id = ?').run(chainId)
  return rows.length
}
