import type { Db } from '../db/open'
import type { PriceImportView } from '../../../shared/contract/pricing'
import type { PriceRow } from './csv'

/** A CSV price older than this many days before the day asked is not used: a stale price is no price. */
export const MAX_CSV_PRICE_AGE_DAYS = 7

export interface StoredPrice {
  day: string
  price: string
  importSource: string
  importedAt: string
}

/** Stores one imported file's rows (replacing prices held for the same token, currency and day). Call inside a mutation. */
export function savePriceImport(
  db: Db,
  chainId: number,
  file: { source: string; sha256: string; currency: string },
  rows: PriceRow[],
  now = new Date(),
): { importId: number; replaced: number } {
  const { lastInsertRowid } = db
    .prepare('INSERT INTO price_imports (source, sha256, currency, rows, imported_at) VALUES (?, ?, ?, ?, ?)')
    .run(file.source, file.sha256, file.currency, rows.length, now.toISOString())
  const importId = Number(lastInsertRowid)
  const exists = db.prepare('SELECT 1 FROM prices WHERE chain_id = ? AND token = ? AND currency = ? AND day = ?')
  const upsert = db.prepare(
    `INSERT INTO prices (chain_id, token, day, currency, price, import_id) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(chain_id, token, currency, day) DO UPDATE SET price = excluded.price, import_id = excluded.import_id`,
  )
  let replaced = 0
  for (const r of rows) {
    if (exists.get(chainId, r.token, file.currency, r.day)) replaced += 1
    upsert.run(chainId, r.token, r.day, file.currency, r.price, importId)
  }
  return { importId, replaced }
}

/** The CSV price for a token on `day`, or the latest before it within MAX_CSV_PRICE_AGE_DAYS; else why not. */
export function csvPriceOn(
  db: Db,
  chainId: number,
  token: string,
  currency: string,
  day: string,
): StoredPrice | { missing: string } {
  const row = db
    .prepare(
      `SELECT p.day, p.price, i.source, i.imported_at FROM prices p JOIN price_imports i ON i.id = p.import_id
       WHERE p.chain_id = ? AND p.token = ? AND p.currency = ? AND p.day <= ? ORDER BY p.day DESC LIMIT 1`,
    )
    .get(chainId, token, currency, day) as
    { day: string; price: string; source: string; imported_at: string } | undefined
  if (!row) {
    const other = db
      .prepare('SELECT DISTINCT currency FROM prices WHERE chain_id = ? AND token = ? AND currency <> ?')
      .all(chainId, token, currency) as Array<{ currency: string }>
    return {
      missing: other.length
        ? `no ${currency} price on or before ${day} (the imported prices are in ${other.map((o) => o.currency).join(', ')})`
        : `no ${currency} price on or before ${day} in the imported price CSVs`,
    }
  }
  const ageDays = (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${row.day}T00:00:00Z`)) / 86_400_000
  if (ageDays > MAX_CSV_PRICE_AGE_DAYS)
    return {
      missing: `the latest ${currency} price before ${day} is from ${row.day}, more than ${MAX_CSV_PRICE_AGE_DAYS} days earlier`,
    }
  return { day: row.day, price: row.price, importSource: row.source, importedAt: row.imported_at }
}

export function listPriceImports(db: Db, limit = 50): PriceImportView[] {
  return (
    db.prepare('SELECT * FROM price_imports ORDER BY id DESC LIMIT ?').all(limit) as Array<{
      id: number
      source: string
      sha256: string
      currency: string
      rows: number
      imported_at: string
    }>
  ).map((r) => ({
    id: r.id,
    source: r.source,
    sha256: r.sha256,
    currency: r.currency,
    rows: r.rows,
    importedAt: r.imported_at,
  }))
}

export interface PricedTokenSummary {
  token: string
  currency: string
  days: number
  firstDay: string
  lastDay: string
  lastPrice: string
}

export function pricedTokens(db: Db, chainId: number): PricedTokenSummary[] {
  return db
    .prepare(
      `SELECT token, currency, count(*) AS days, min(day) AS firstDay, max(day) AS lastDay,
         (SELECT price FROM prices q WHERE q.chain_id = p.chain_id AND q.token = p.token AND q.currency = p.currency
          ORDER BY q.day DESC LIMIT 1) AS lastPrice
       FROM prices p WHERE chain_id = ? GROUP BY token, currency ORDER BY token, currency`,
    )
    .all(chainId) as PricedTokenSummary[]
}

// ---- feeds: one Chainlink-style aggregator per token the workspace names ----

export interface FeedRecord {
  chainId: number
  token: string
  feed: string
  decimals: number
  description: string
  maxAgeSeconds: number
  addedAt: string
}

interface FeedRow {
  chain_id: number
  token: string
  feed: string
  decimals: number
  description: string
  max_age_seconds: number
  added_at: string
}

const feedOf = (r: FeedRow): FeedRecord => ({
  chainId: r.chain_id,
  token: r.token,
  feed: r.feed,
  decimals: r.decimals,
  description: r.description,
  maxAgeSeconds: r.max_age_seconds,
  addedAt: r.added_at,
})

/** Call inside a mutation. */
export function saveFeed(db: Db, feed: Omit<FeedRecord, 'addedAt'>, now = new Date()): void {
  db.prepare(
    `INSERT INTO price_feeds (chain_id, token, feed, decimals, description, max_age_seconds, added_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(chain_id, token) DO UPDATE SET feed = excluded.feed,
       decimals = excluded.decimals, description = excluded.description, max_age_seconds = excluded.max_age_seconds,
       added_at = excluded.added_at`,
  ).run(feed.chainId, feed.token, feed.feed, feed.decimals, feed.description, feed.maxAgeSeconds, now.toISOString())
}

export function getFeed(db: Db, chainId: number, token: string): FeedRecord | null {
  const row = db.prepare('SELECT * FROM price_feeds WHERE chain_id = ? AND token = ?').get(chainId, token) as
    FeedRow | undefined
  return row ? feedOf(row) : null
}

export function listFeeds(db: Db, chainId: number): FeedRecord[] {
  return (db.prepare('SELECT * FROM price_feeds WHERE chain_id = ? ORDER BY token').all(chainId) as FeedRow[]).map(
    feedOf,
  )
}

/** Call inside a mutation. */
export function deleteFeed(db: Db, chainId: number, token: string): boolean {
  return db.prepare('DELETE FROM price_feeds WHERE chain_id = ? AND token = ?').run(chainId, token).changes > 0
}
