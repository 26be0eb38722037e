import { closeSync, constants, fchmodSync, fstatSync, ftruncateSync, lstatSync, openSync, writeSync } from 'node:fs'

/**
 * Writes the session token for scripts and tests (`--token-file`): never through a symlink (another user could
 * point it at a file of ours), never into anything but a regular file, and always mode 0600, whatever the umask
 * or the mode of a file already there.
 */
export function writeTokenFile(path: string, token: string): void {
  let existing: ReturnType<typeof lstatSync> | null = null
  try {
    existing = lstatSync(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  if (existing?.isSymbolicLink()) throw new Error(`${path} is a symbolic link: refusing to write the token through it.`)
  if (existing && !existing.isFile()) throw new Error(`${path} is not a regular file.`)
  // O_NOFOLLOW closes the gap between the check above and the open (a link swapped in meanwhile fails with ELOOP).
  const nofollow = constants.O_NOFOLLOW ?? 0
  let fd: number
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | nofollow, 0o600)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP')
      throw new Error(`${path} is a symbolic link: refusing to write the token through it.`)
    throw error
  }
  try {
    if (!fstatSync(fd).isFile()) throw new Error(`${path} is not a regular file.`)
    if (process.platform !== 'win32') fchmodSync(fd, 0o600)
    ftruncateSync(fd, 0)
    writeSync(fd, token, 0)
  } finally {
    closeSync(fd)
  }
}
