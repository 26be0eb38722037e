import type { Db } from '../db/open'

export type TokenSource = 'address' | 'list' | 'discovered' | 'sandbox'

export interface TokenRecord {
  chainId: number
  address: string
  symbol: string
  name: string
  decimals: number
  /** Where it came from; absent on a record built by hand (saved as 'address'). */
  source?: TokenSource
  /** Spam the user hid: kept so discovery does not bring it back, left out of balances and pickers. */
  hidden?: boolean
}

interface TokenRow {
  chain_id: number
  address: string
  symbol: string
  name: string
  decimals: number
  source: TokenSource
  hidden: number
}

const fromRow = (r: TokenRow): TokenRecord => ({
  chainId: r.chain_id,
  address: r.address,
  symbol: r.symbol,
  name: r.name,
  decimals: r.decimals,
  source: r.source,
  hidden: r.hidden === 1,
})

/** Inserts or updates a token's metadata (its hidden flag and first source stay). Call inside a mutation. */
export function saveToken(db: Db, token: TokenRecord, now = new Date()): void {
  db.prepare(
    `INSERT INTO tokens (chain_id, address, symbol, name, decimals, source, hidden, added_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)
     ON CONFLICT(chain_id, address) DO UPDATE SET symbol = excluded.symbol, name = excluded.name, decimals = excluded.decimals`,
  ).run(
    token.chainId,
    token.address,
    token.symbol,
    token.name,
    token.decimals,
    token.source ?? 'address',
    now.toISOString(),
  )
}

/** Every token of a chain, hidden ones included (a proposal paying one still needs its decimals). */
export function listTokens(db: Db, chainId: number): TokenRecord[] {
  return (
    db.prepare('SELECT * FROM tokens WHERE chain_id = ? ORDER BY symbol, address').all(chainId) as TokenRow[]
  ).map(fromRow)
}

/** The tokens a user sees in balances and pickers. */
export function visibleTokens(db: Db, chainId: number): TokenRecord[] {
  return listTokens(db, chainId).filter((t) => !t.hidden)
}

export function getToken(db: Db, chainId: number, address: string): TokenRecord | null {
  const row = db.prepare('SELECT * FROM tokens WHERE chain_id = ? AND address = ?').get(chainId, address) as
    TokenRow | undefined
  return row ? fromRow(row) : null
}

/** Call inside a mutation. */
export function setTokenHidden(db: Db, chainId: number, address: string, hidden: boolean): boolean {
  return (
    db.prepare('UPDATE tokens SET hidden = ? WHERE chain_id = ? AND address = ?').run(hidden ? 1 : 0, chainId, address)
      .changes > 0
  )
}

/** Symbols that two or more visible tokens of a chain share: a payment could pick the wrong one. */
export function duplicateSymbols(tokens: TokenRecord[]): Array<{ symbol: string; addresses: string[] }> {
  const bySymbol = new Map<string, string[]>()
  for (const t of tokens) {
    if (t.hidden) continue
    const key = t.symbol.toUpperCase()
    bySymbol.set(key, [...(bySymbol.get(key) ?? []), t.address])
  }
  return [...bySymbol.entries()].filter(([, a]) => a.length > 1).map(([symbol, addresses]) => ({ symbol, addresses }))
}

/**
 * What in the workspace refers to a token: budget lines, grants, disbursement items, proposals (outflows and
 * actions JSON hold the checksummed address), governance spending and the governance token setting.
 */
export function tokenUses(db: Db, chainId: number, address: string): string[] {
  const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n
  const uses: string[] = []
  const lines = count('SELECT count(*) AS n FROM budget_lines WHERE chain_id = ? AND token = ?', chainId, address)
  if (lines) uses.push(`${lines} budget line(s)`)
  const grants = count('SELECT count(*) AS n FROM grants WHERE token = ?', address)
  if (grants) uses.push(`${grants} grant(s)`)
  const items = count('SELECT count(DISTINCT batch_id) AS n FROM disbursement_items WHERE token = ?', address)
  if (items) uses.push(`${items} disbursement batch(es)`)
  const proposals = count(
    `SELECT count(*) AS n FROM proposals WHERE chain_id = ? AND (instr(outflows, ?) > 0 OR instr(actions, ?) > 0)`,
    chainId,
    address,
    address,
  )
  if (proposals) uses.push(`${proposals} proposal(s)`)
  const votes = count(
    `SELECT count(*) AS n FROM governance_proposals WHERE chain_id = ? AND (token = ? OR instr(coalesce(spending, ''), ?) > 0)`,
    chainId,
    address,
    address,
  )
  if (votes) uses.push(`${votes} governance proposal(s)`)
  const setting = db.prepare('SELECT value FROM settings WHERE key = ?').get(`governance.token.${chainId}`) as
    { value: string } | undefined
  if (setting?.value === address) uses.push('the governance token setting')
  return uses
}

/** Call inside a mutation, after tokenUses answered nothing. */
export function deleteToken(db: Db, chainId: number, address: string): boolean {
  db.prepare('DELETE FROM token_balances WHERE chain_id = ? AND token = ?').run(chainId, address)
  return db.prepare('DELETE FROM tokens WHERE chain_id = ? AND address = ?').run(chainId, address).changes > 0
}
