import m0001 from './0001-workspace'
import m0002 from './0002-audit'
import m0004 from './0004-proposals'

/**
 * Numbered migrations; index + 1 is the schema version they bring the database to (PRAGMA user_version).
 * Append only: never edit a shipped migration, add the next one.
 */
export const migrations: readonly string[] = [m0001, m0002, m0004]
