import type Database from 'better-sqlite3'
import type { Db } from './open'

const caches = new WeakMap<Db, Map<string, Database.Statement>>()

/**
 * A prepared statement kept per connection: for queries run once per row of a list (a grant's milestones, a batch's
 * items), where compiling the SQL each time costs more than running it. Use `.all()`/`.get()`/`.run()` on it, never
 * an open `.iterate()` across another use of the same SQL.
 */
export function cachedStatement(db: Db, sql: string): Database.Statement {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new Map()))
  let statement = cache.get(sql)
  if (!statement) cache.set(sql, (statement = db.prepare(sql)))
  return statement
}
