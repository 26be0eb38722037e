import { test as base, chromium, _electron, type Page } from '@playwright/test'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface BrowserHostProcess {
  /** The host's process id (the sandbox chain's node is its child). */
  pid: number
  url: string
  launchUrl: string
  token: string
  dataDir: string
  stop(): Promise<void>
}

/**
 * Starts `node out/main/serve.js --sandbox` in a fresh data folder and waits for the URL it prints.
 * `sandbox: false` starts it as `npm run serve` does (no --sandbox: a fresh folder gets the first-run welcome);
 * `dataDir` reuses a folder (then left in place by stop()).
 */
export async function startHost(
  extraArgs: string[] = [],
  options: { sandbox?: boolean; dataDir?: string } = {},
): Promise<BrowserHostProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'treasury-e2e-'))
  const child: ChildProcess = spawn(
    process.execPath,
    [
      'out/main/serve.js',
      ...(options.sandbox === false ? [] : ['--sandbox']),
      '--port',
      '0',
      '--data-dir',
      dataDir,
      ...extraArgs,
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const output: string[] = []
  const launchUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${output.join('\n')}`)), 60_000)
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line)
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(line)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    createInterface({ input: child.stderr! }).on('line', (line) => output.push(line))
    child.once('exit', (code) => reject(new Error(`browser host exited (${code}):\n${output.join('\n')}`)))
  })
  const url = launchUrl.split('/#')[0]
  return {
    pid: child.pid!,
    url,
    launchUrl,
    token: launchUrl.split('#token=')[1],
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

function electronBinary(): string | null {
  try {
    return createRequire(__filename)('electron') as string
  } catch {
    return null
  }
}

export interface AppUnderTest {
  page: Page
  target: 'browser' | 'electron'
  host: BrowserHostProcess | null
}

export const test = base.extend<{ app: AppUnderTest }>({
  // Playwright reads fixture dependencies from the destructuring pattern, so an empty one is required here.
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use, testInfo) => {
    const target = testInfo.project.metadata.target as 'browser' | 'electron'
    if (target === 'electron') {
      const binary = electronBinary()
      testInfo.skip(
        !binary,
        'Electron binary not present on this machine: the Electron run of the e2e suite is skipped.',
      )
      const native = spawnSync(process.execPath, ['scripts/electron-native.mjs'], { stdio: 'inherit' })
      if (native.status !== 0) throw new Error('could not build better-sqlite3 for Electron')
      const dataDir = mkdtempSync(join(tmpdir(), 'treasury-e2e-electron-'))
      const electronApp = await _electron.launch({
        args: ['out/main/index.js', '--sandbox'],
        env: { ...process.env, TREASURY_DATA_DIR: dataDir },
      })
      const page = await electronApp.firstWindow()
      await use({ page, target, host: null })
      await electronApp.close()
      rmSync(dataDir, { recursive: true, force: true })
      return
    }
    const host = await startHost()
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    // A page in an explicit context: @axe-core/playwright refuses pages made by browser.newPage().
    const page = await (await browser.newContext()).newPage()
    await page.goto(host.launchUrl)
    await use({ page, target, host })
    await browser.close()
    await host.stop()
  },
})

export { expect } from '@playwright/test'
