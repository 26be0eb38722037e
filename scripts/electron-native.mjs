// Builds better-sqlite3 for Electron's ABI into .cache/electron-native, beside (not over) the Node build the tests,
// the CLI and the browser host use. The Electron shell passes the result as `nativeBinding` in development.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const electronVersion = require('electron/package.json').version
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'))
const sqliteVersion = require('better-sqlite3/package.json').version
const outDir = join('.cache', 'electron-native')
const target = join(outDir, 'better_sqlite3.node')
const stamp = join(outDir, 'stamp.json')
const wanted = JSON.stringify({ electronVersion, sqliteVersion, platform: process.platform, arch: process.arch })

if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) process.exit(0)

console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (once)…`)
const work = join('.cache', 'electron-native-build')
rmSync(work, { recursive: true, force: true })
cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.includes(`${join('build', '')}`) })
const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js', { paths: [dirname(process.execPath), process.cwd()] })
const result = spawnSync(
  process.execPath,
  [
    nodeGyp,
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    '--dist-url=https://electronjs.org/headers',
    `--arch=${process.arch}`,
  ],
  { cwd: work, stdio: 'inherit' },
)
if (result.status !== 0) process.exit(result.status ?? 1)
mkdirSync(outDir, { recursive: true })
cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target)
writeFileSync(stamp, wanted)
rmSync(work, { recursive: true, force: true })
console.log(`Electron build of better-sqlite3 at ${target}`)
