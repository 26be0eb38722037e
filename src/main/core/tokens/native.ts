import type { Db } from '../db/open'
import shipped from './native-chains.json'

export interface NativeCurrency {
  symbol: string
  name: string
  decimals: number
}

export interface NativeCurrencyView extends NativeCurrency {
  chainId: number
  /** 'workspace' when the user set it, 'shipped' from the app's chain list, 'unknown' when neither knows the chain. */
  source: 'workspace' | 'shipped' | 'unknown'
}

const SHIPPED = new Map<number, NativeCurrency>(shipped.chains.map((c) => [c.chainId, c.native]))

/** The shipped chain list: the one place a native symbol is written. */
export function shippedChains(): Array<{ chainId: number; name: string; native: NativeCurrency }> {
  return shipped.chains.map((c) => ({ chainId: c.chainId, name: c.name, native: { ...c.native } }))
}

export function shippedChainName(chainId: number): string | null {
  return shipped.chains.find((c) => c.chainId === chainId)?.name ?? null
}

export function nativeCurrency(db: Db, chainId: number): NativeCurrencyView {
  const row = db.prepare('SELECT symbol, name, decimals FROM native_currencies WHERE chain_id = ?').get(chainId) as
    NativeCurrency | undefined
  if (row) return { chainId, ...row, source: 'workspace' }
  const known = SHIPPED.get(chainId)
  if (known) return { chainId, ...known, source: 'shipped' }
  return { chainId, ...shipped.unknown, source: 'unknown' }
}

/** Call inside a mutation. */
export function setNativeCurrency(db: Db, chainId: number, currency: NativeCurrency, now = new Date()): void {
  db.prepare(
    `INSERT INTO native_currencies (chain_id, symbol, name, decimals, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(chain_id) DO UPDATE SET symbol = excluded.symbol, name = excluded.name, decimals = excluded.decimals,
       updated_at = excluded.updated_at`,
  ).run(chainId, currency.symbol, currency.name, currency.decimals, now.toISOString())
}

/** Call inside a mutation: back to the shipped list's value. */
export function resetNativeCurrency(db: Db, chainId: number): boolean {
  return db.prepare('DELETE FROM native_currencies WHERE chain_id = ?').run(chainId).changes > 0
}
