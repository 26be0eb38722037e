import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const REQUIRED = ['hardhat.config.cjs', 'node-runner.cjs', 'origin-guard.cjs']

/**
 * Finds resources/sandbox. Source files, the electron-vite bundle and a packaged app all sit at
 * different depths, so walk up from this module and from the cwd, and try Electron's
 * process.resourcesPath (where electron-builder `extraResources` put files).
 */
export function findSandboxResourcesDir(explicit?: string): string {
  // A folder the caller names is used as it is or refused: falling back to another one would start a node with
  // another folder's config (another chain id) and say nothing.
  if (explicit) {
    const missing = REQUIRED.filter((f) => !existsSync(join(explicit, f)))
    if (missing.length > 0) throw new Error(`sandbox resources folder ${explicit} lacks ${missing.join(', ')}`)
    return resolve(explicit)
  }
  const candidates: string[] = []
  if (process.env.AITBC_SANDBOX_RESOURCES) candidates.push(process.env.AITBC_SANDBOX_RESOURCES)
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath
  if (resourcesPath) candidates.push(join(resourcesPath, 'sandbox'), join(resourcesPath, 'resources', 'sandbox'))
  for (const start of [moduleDir(), process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      candidates.push(join(dir, 'resources', 'sandbox'))
      if (dirname(dir) === dir) break
    }
  }
  const found = candidates.find((dir) => REQUIRED.every((f) => existsSync(join(dir, f))))
  if (!found) {
    throw new Error(`sandbox resources (${REQUIRED.join(', ')}) not found; looked in:\n  ${candidates.join('\n  ')}`)
  }
  return resolve(found)
}

function moduleDir(): string {
  try {
    return dirname(fileURLToPath(import.meta.url))
  } catch {
    return process.cwd()
  }
}
