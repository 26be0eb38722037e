import { describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { SchemaTooNewError, openDatabase, schemaVersion } from './open'
import { migrations } from './migrations'

interface ColumnSnapshot {
  [table: string]: Record<string, string>
}

function columns(db: Database.Database): ColumnSnapshot {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as Array<{ name: string }>
  const out: ColumnSnapshot = {}
  for (const { name } of tables) {
    out[name] = Object.fromEntries(
      (db.prepare(`PRAGMA table_info(${JSON.stringify(name)})`).all() as Array<{ name: string; type: string }>).map(
        (c) => [c.name, c.type],
      ),
    )
  }
  return out
}

describe('migrations', () => {
  it('bring a new database to the latest version with WAL, foreign keys and STRICT tables', () => {
    const dir = mkdtempSync(join(tmpdir(), 'treasury-db-'))
    const db = openDatabase(join(dir, 'w.sqlite'))
    expect(schemaVersion(db)).toBe(migrations.length)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    const loose = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE '%STRICT%'",
      )
      .all()
    expect(loose).toEqual([])
    db.close()
  })

  it('refuse a database written by a newer app, and leave it untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'treasury-db-'))
    const file = join(dir, 'w.sqlite')
    const raw = new Database(file)
    raw.pragma(`user_version = ${migrations.length + 5}`)
    raw.close()
    expect(() => openDatabase(file)).toThrow(SchemaTooNewError)
    const again = new Database(file)
    expect(again.pragma('user_version', { simple: true })).toBe(migrations.length + 5)
    again.close()
  })

  /**
   * Schema guard: every column recorded in schema-history.json must still exist with the same type. Migrations may
   * add tables and columns (then record them here), never silently drop or retype a column that holds history.
   */
  it('never drop or retype a column that holds history', () => {
    const recorded = JSON.parse(readFileSync(join(__dirname, 'schema-history.json'), 'utf8')) as ColumnSnapshot
    const current = columns(openDatabase(':memory:'))
    for (const [table, cols] of Object.entries(recorded)) {
      expect(current[table], `table ${table} was dropped`).toBeDefined()
      for (const [col, type] of Object.entries(cols)) {
        expect(current[table][col], `column ${table}.${col} was dropped or retyped`).toBe(type)
      }
    }
    // New columns must be recorded too, so the guard covers them from now on.
    for (const [table, cols] of Object.entries(current)) {
      for (const col of Object.keys(cols)) {
        expect(recorded[table]?.[col], `record ${table}.${col} in schema-history.json`).toBeDefined()
      }
    }
  })
})

export { columns }
