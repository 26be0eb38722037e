import { chmodSync, closeSync, existsSync, fchmodSync, mkdirSync, openSync } from 'node:fs'

const POSIX = process.platform !== 'win32'

/**
 * The data folder holds keystores, the workspace database and exports: owner-only whatever the umask. mkdir's
 * mode is filtered by the umask (022 gives 0755), so the mode is set again explicitly, also on folders made by an
 * older version.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  if (POSIX) chmodSync(dir, 0o700)
}

/**
 * Creates `file` empty with mode 0600 when missing, and makes an existing one 0600. Called before SQLite opens a
 * database: SQLite creates its -wal and -shm files with the database file's own permissions.
 */
export function ensurePrivateFile(file: string): void {
  const fd = openSync(file, 'a', 0o600)
  try {
    if (POSIX) fchmodSync(fd, 0o600)
  } finally {
    closeSync(fd)
  }
  if (!POSIX) return
  for (const companion of [`${file}-wal`, `${file}-shm`, `${file}-journal`])
    if (existsSync(companion)) chmodSync(companion, 0o600)
}
