import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

// `hardhat node` watches <artifacts>/build-info; were it missing, the watcher would watch the nearest folder that
// exists (the system temp folder) and re-read it on every change there, a quarter of a core per idle node on a busy
// machine (docs/PERFORMANCE.md, "The test suite's time"). Each config must make that folder when Hardhat loads it.
const CONFIGS = [
  { name: 'the sandbox', file: 'resources/sandbox/hardhat.config.cjs', env: {} },
  { name: 'the foreign-chain fixture', file: 'test/foreign/hardhat.config.cjs', env: { FOREIGN_CHAIN_ID: '1337' } },
]

const made: string[] = []
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('the Hardhat node configs make the folder their node watches', () => {
  for (const config of CONFIGS)
    it(`${config.name}: <artifacts>/build-info exists, empty, once the config is loaded`, () => {
      const tmp = mkdtempSync(join(tmpdir(), 'hardhat-config-'))
      made.push(tmp)
      // Loaded in a child, as Hardhat loads it, with a temp folder of its own (os.tmpdir() reads TMPDIR).
      const loaded = spawnSync(
        process.execPath,
        [
          '-e',
          `process.stdout.write(JSON.stringify(require(${JSON.stringify(join(process.cwd(), config.file))}).paths))`,
        ],
        { env: { ...process.env, ...config.env, TMPDIR: tmp }, encoding: 'utf8' },
      )
      expect(loaded.status, loaded.stderr).toBe(0)
      const paths = JSON.parse(loaded.stdout) as { artifacts: string; cache: string }
      expect(paths.artifacts.startsWith(tmp)).toBe(true)
      const watched = join(paths.artifacts, 'build-info')
      expect(existsSync(watched)).toBe(true)
      expect(readdirSync(watched)).toEqual([])
    })
})
