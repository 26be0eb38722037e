// `npm start`: the Electron app through electron-vite. Where no Electron binary can be had (this machine has no
// route to its download), say so in one line and serve the same app to the browser instead.
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'

function electronBinary() {
  try {
    return require('electron') // the package's index.js throws when the binary was never downloaded
  } catch {
    return null
  }
}

function run(command, args, options = {}) {
  const child = spawn(command, args, { stdio: 'inherit', ...options })
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)))
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
}

let binary = electronBinary()
if (!binary) {
  // Electron's own installer fetches the binary; it was skipped at install time so `npm install` cannot fail on it.
  const fetched = spawnSync(process.execPath, [require.resolve('electron/install.js')], {
    stdio: 'pipe',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
    timeout: 120_000,
  })
  binary = fetched.status === 0 ? electronBinary() : null
}

const passThrough = process.argv.slice(2)
if (binary) {
  const native = spawnSync(process.execPath, ['scripts/electron-native.mjs'], { stdio: 'inherit' })
  if (native.status !== 0) {
    console.error(
      'npm start: could not build better-sqlite3 for Electron (see above); the app cannot open its workspace.',
    )
    process.exit(1)
  }
  run(npx, ['electron-vite', 'preview', '--', ...passThrough])
} else {
  console.log(
    'npm start: the Electron binary is not available here (its download failed); serving the same app in your browser instead.',
  )
  const build = spawnSync(npx, ['electron-vite', 'build'], { stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
  run(process.execPath, ['out/main/serve.js', ...passThrough])
}
