import Database from 'better-sqlite3'
import { ensurePrivateDir, ensurePrivateFile } from '../private-files'
import { dirname } from 'node:path'
import { migrations } from './migrations'

export type Db = Database.Database

export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This workspace was written by a newer AITBC Treasury (schema ${found}, this app knows up to ${supported}). ` +
        'Update the app; the workspace was left untouched.',
    )
    this.name = 'SchemaTooNewError'
  }
}

export interface OpenOptions {
  /** Path to an Electron-ABI build of better-sqlite3 (the Electron shell passes it; Node uses the default). */
  nativeBinding?: string
}

/** Opens (creating when missing) a workspace database and brings its schema up to date. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') {
    // Owner-only (0700 folder, 0600 database, and so its -wal/-shm) whatever the umask.
    ensurePrivateDir(dirname(file))
    ensurePrivateFile(file)
  }
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    // FULL: a power cut after COMMIT must not lose an approved signature or an audit event.
    db.pragma('synchronous = FULL')
    db.pragma('busy_timeout = 5000')
    migrate(db)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number
}

export function migrate(db: Db, all: readonly string[] = migrations): void {
  const current = schemaVersion(db)
  if (current > all.length) throw new SchemaTooNewError(current, all.length)
  for (let version = current + 1; version <= all.length; version++) {
    db.transaction(() => {
      db.exec(all[version - 1])
      db.pragma(`user_version = ${version}`)
    })()
  }
}
