import { test as base, chromium, _electron, type Browser, type Page } from '@playwright/test'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { Interface } from 'ethers'
import type { CallInput, CallName, CallOutput } from '../src/shared/contract'

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

/** A browser host kept for the tests of one spec file (see `hostPerFile`), stopped when another file's test starts. */
let fileHost: { file: string; host: BrowserHostProcess } | null = null

/**
 * The next test's sandbox host, started in the background once a test has its page: a fresh host takes seconds to
 * start (a Hardhat node, the Safe contracts, the demo Safe) while a test spends most of its time waiting on the
 * page. Every test still gets a host nobody used before; the one left over at the end is stopped.
 */
let spareHost: Promise<BrowserHostProcess> | null = null

function freshHost(): Promise<BrowserHostProcess> {
  const next = spareHost ?? startHost()
  spareHost = null
  return next
}

function prepareSpareHost(): void {
  if (spareHost) return
  spareHost = startHost()
  spareHost.catch(() => {}) // a failed start surfaces in the test that takes it (freshHost awaits the same promise)
}

async function stopSpareHost(): Promise<void> {
  const spare = spareHost
  spareHost = null
  await (await spare?.catch(() => null))?.stop()
}

async function releaseFileHost(): Promise<void> {
  const held = fileHost
  fileHost = null
  await held?.host.stop()
}

export const test = base.extend<
  {
    app: AppUnderTest
    /**
     * `test.use({ hostPerFile: true })` at the top of a spec: its tests share one sandbox host (started by the first,
     * in the file's order), each with a fresh browser page. Only for files whose tests do not need a fresh chain or
     * workspace. A failed test restarts the worker, so the tests after it get a fresh host.
     */
    hostPerFile: boolean
    /** Stops the previous file's shared host once a test of another file starts (whether or not it uses `app`). */
    fileHostRelease: void
  },
  { chromiumBrowser: Browser }
>({
  hostPerFile: [false, { option: true }],
  fileHostRelease: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, testInfo) => {
      if (fileHost && fileHost.file !== testInfo.file) await releaseFileHost()
      await use()
    },
    { auto: true },
  ],
  // One Chromium per worker: each test still gets its own context (no cookies, storage or page shared).
  chromiumBrowser: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
      await use(browser)
      await browser.close()
      await releaseFileHost()
      await stopSpareHost()
    },
    { scope: 'worker' },
  ],
  app: async ({ hostPerFile, chromiumBrowser }, use, testInfo) => {
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
    if (fileHost && !hostPerFile) await releaseFileHost()
    let host: BrowserHostProcess
    if (hostPerFile) {
      fileHost ??= { file: testInfo.file, host: await freshHost() }
      host = fileHost.host
    } else {
      host = await freshHost()
    }
    // A page in an explicit context: @axe-core/playwright refuses pages made by browser.newPage().
    const context = await chromiumBrowser.newContext()
    const page = await context.newPage()
    await page.goto(host.launchUrl)
    prepareSpareHost()
    await use({ page, target, host })
    await context.close()
    if (!hostPerFile) await host.stop()
  },
})

/**
 * One JSON POST on a fresh connection. Node's fetch reuses keep-alive sockets, and on a loaded machine a reused socket
 * can be closed by the server's idle timer just as the request goes out (ECONNRESET, seen in report-impact at load
 * 25+); a test's few calls lose nothing by connecting anew each time.
 */
export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown }> {
  const payload = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': payload.length },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('error', reject)
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          try {
            resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null })
          } catch {
            reject(
              new Error(`POST ${url} answered ${res.statusCode} with a body that is not JSON: ${text.slice(0, 200)}`),
            )
          }
        })
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
}

/** One call of the host's API with its session token; throws with the call's message when it answers an error. */
export async function hostCall<T>(host: { url: string; token: string }, name: string, input: unknown = {}): Promise<T> {
  const { json } = await postJson(`${host.url}/api/${name}`, input, { authorization: `Bearer ${host.token}` })
  const body = json as { ok: boolean; value: T; error?: { message: string } }
  if (!body.ok) throw new Error(`${name}: ${body.error?.message}`)
  return body.value
}

/**
 * The host's API over HTTP with the session token: the same calls the page makes, so a test reads back what a step
 * changed (counts, statuses) instead of trusting the screen.
 */
export function hostApi(host: BrowserHostProcess) {
  return <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> =>
    hostCall<CallOutput<N>>(host, name, input)
}

/** The app's API whatever the target: HTTP for the browser host, the preload bridge inside Electron. */
export function appApi(app: AppUnderTest) {
  if (app.host) return hostApi(app.host)
  return async function api<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    const envelope = (await app.page.evaluate(
      ([n, i]) =>
        (globalThis as unknown as { treasury: Record<string, (x: unknown) => Promise<unknown>> }).treasury[n](i),
      [name, input] as const,
    )) as { ok: boolean; value: CallOutput<N>; error?: { message: string } }
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error!.message}`)
    return envelope.value
  }
}

/** Opens a route of the app (`/proposals/3`): by URL on the browser host, by the hash inside Electron. */
export async function gotoRoute(app: AppUnderTest, route: string): Promise<void> {
  if (app.host) {
    await app.page.goto(`${app.host.url}/#${route}`)
    return
  }
  await app.page.evaluate((hash) => {
    ;(globalThis as unknown as { location: { hash: string } }).location.hash = hash
  }, route)
}

const SAFE_ABI = new Interface([
  'function nonce() view returns (uint256)',
  'function getOwners() view returns (address[])',
  'function getThreshold() view returns (uint256)',
  'function approvedHashes(address owner, bytes32 hash) view returns (uint256)',
  'function VERSION() view returns (string)',
])
const ERC20_ABI = new Interface([
  'function balanceOf(address) view returns (uint256)',
  'function getPastVotes(address account, uint256 timepoint) view returns (uint256)',
])

/**
 * The host's chain (the Hardhat sandbox node) over plain JSON-RPC, no provider cache: what a step did on chain is
 * read from the chain itself (code at a deployed address, approvedHashes, balances, the Safe's nonce).
 */
export async function hostChain(target: BrowserHostProcess | AppUnderTest) {
  const api = 'page' in target ? appApi(target) : hostApi(target)
  const info = await api('workspace.info', {})
  const url = info.chain!.rpcUrl
  let id = 0
  const rpc = async <T = string>(method: string, params: unknown[]): Promise<T> => {
    const body = (await postJson(url, { jsonrpc: '2.0', id: ++id, method, params })).json as {
      result?: T
      error?: { message: string }
    }
    if (body.error) throw new Error(`${method}: ${body.error.message}`)
    return body.result as T
  }
  const call = async (to: string, abi: Interface, fn: string, args: unknown[] = []) =>
    abi.decodeFunctionResult(fn, await rpc('eth_call', [{ to, data: abi.encodeFunctionData(fn, args) }, 'latest']))
  return {
    rpcUrl: url,
    chainId: info.chain!.chainId,
    rpc,
    code: (address: string) => rpc('eth_getCode', [address, 'latest']),
    balance: async (address: string) => BigInt(await rpc('eth_getBalance', [address, 'latest'])),
    tokenBalance: async (token: string, owner: string) =>
      (await call(token, ERC20_ABI, 'balanceOf', [owner]))[0] as bigint,
    /** An ERC20Votes token's voting power of `account` at a past block (its checkpoints, not the app's figure). */
    pastVotes: async (token: string, account: string, block: number) =>
      (await call(token, ERC20_ABI, 'getPastVotes', [account, block]))[0] as bigint,
    safeNonce: async (safe: string) => (await call(safe, SAFE_ABI, 'nonce'))[0] as bigint,
    owners: async (safe: string) => [...((await call(safe, SAFE_ABI, 'getOwners'))[0] as string[])],
    threshold: async (safe: string) => (await call(safe, SAFE_ABI, 'getThreshold'))[0] as bigint,
    approvedHash: async (safe: string, owner: string, hash: string) =>
      (await call(safe, SAFE_ABI, 'approvedHashes', [owner, hash]))[0] as bigint,
  }
}

export { expect } from '@playwright/test'
