// What the offline contract builds share: the bundled solc-js, sources read LF-normalised (so a CRLF checkout
// does not look stale) and OpenZeppelin imports resolved from node_modules, nothing else.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
export const solc = require('solc')
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

export const readSource = (p) => readFileSync(p, 'utf8').replace(/\r\n/g, '\n')

const ozRoot = dirname(require.resolve('@openzeppelin/contracts/package.json'))
export const ozVersion = JSON.parse(readFileSync(join(ozRoot, 'package.json'), 'utf8')).version

export function findImports(importPath) {
  const prefix = '@openzeppelin/contracts/'
  if (!importPath.startsWith(prefix)) return { error: `import outside OpenZeppelin: ${importPath}` }
  try {
    return { contents: readSource(join(ozRoot, importPath.slice(prefix.length))) }
  } catch (e) {
    return { error: String(e) }
  }
}

/** Refuses another compiler than the one package.json pins: the committed artifacts are its output. */
export function requireSolc(expected) {
  const version = solc.version()
  if (!version.startsWith(expected)) throw new Error(`solc ${version} found, ${expected} expected (see package.json)`)
  return version
}

/**
 * Import resolution for another OpenZeppelin release installed under an npm alias (e.g. `@openzeppelin/contracts-v5`):
 * sources keep importing `@openzeppelin/contracts/…`, resolved from that package.
 */
export function openzeppelinFrom(packageName) {
  const pkgRoot = dirname(require.resolve(`${packageName}/package.json`))
  const version = JSON.parse(readFileSync(join(pkgRoot, 'package.json'), 'utf8')).version
  const prefix = '@openzeppelin/contracts/'
  const resolveImport = (importPath) => {
    if (!importPath.startsWith(prefix)) return { error: `import outside OpenZeppelin: ${importPath}` }
    try {
      return { contents: readSource(join(pkgRoot, importPath.slice(prefix.length))) }
    } catch (e) {
      return { error: String(e) }
    }
  }
  return { version, findImports: resolveImport }
}
