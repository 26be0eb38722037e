import {
  chmodSync,
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'

/** The keys folder, owner-only (0700); files inside are 0600. */
export function ensureKeysDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  if (process.platform !== 'win32') chmodSync(dir, 0o700)
}

export function keystoreFileName(address: string): string {
  return `${address.toLowerCase().slice(2)}.json`
}

/** Writes a new keystore file atomically with mode 0600; refuses to replace an existing one. */
export function writeKeystoreFile(dir: string, name: string, json: string): void {
  ensureKeysDir(dir)
  const target = join(dir, name)
  const temp = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`)
  const fd = openSync(temp, 'wx', 0o600)
  try {
    writeSync(fd, json)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  try {
    // link fails with EEXIST instead of replacing: an existing key file is never overwritten by a new one.
    linkSync(temp, target)
  } finally {
    unlinkSync(temp)
  }
}

export function readKeystoreFile(dir: string, name: string): string {
  return readFileSync(join(dir, name), 'utf8')
}

export { wipeFile } from '../private-files'
