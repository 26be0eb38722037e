import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Handler files are thin and independent: a file in src/main/api imports the registry and the Services type, the
 * shared helpers in api/support/, and the core; never another handler file (what two handlers share lives in
 * support/ or, when it is domain logic, in the core).
 */
const API = __dirname
const INFRASTRUCTURE = new Set(['registry', 'services'])
const IMPORT = /(?:import|export)\s[^;]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g

const handlerFiles = readdirSync(API).filter(
  (name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && name !== 'index.ts',
)

/** The api files a file imports (relative to src/main/api, without extension); the core and support are left out. */
function apiImports(source: string, from: string): string[] {
  return [...source.matchAll(IMPORT)]
    .map((m) => path.relative(API, path.resolve(path.dirname(from), m[1] ?? m[2])))
    .filter((target) => !target.startsWith('..') && !target.startsWith(`support${path.sep}`) && target !== 'support')
}

function handlerCrossImports(files: Record<string, string>): string[] {
  return Object.entries(files).flatMap(([name, source]) =>
    apiImports(source, path.join(API, name))
      .filter((target) => !INFRASTRUCTURE.has(target))
      .map((target) => `${name} -> ${target}`),
  )
}

describe('API handler files import no other handler file', () => {
  it('finds a handler importing another (the check itself)', () => {
    expect(
      handlerCrossImports({
        'a.ts':
          "import type { Handlers } from './registry'\nimport { helper } from './b'\nimport { x } from '../core/b'",
        'b.ts': "import { activeChain } from './support/active-chain'\nimport type { Services } from './services'",
      }),
    ).toEqual(['a.ts -> b'])
  })

  it('holds for every file in src/main/api', () => {
    expect(handlerFiles).toContain('governance.ts')
    const files = Object.fromEntries(handlerFiles.map((name) => [name, readFileSync(path.join(API, name), 'utf8')]))
    expect(handlerCrossImports(files)).toEqual([])
  })
})
