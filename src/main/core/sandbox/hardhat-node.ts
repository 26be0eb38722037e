import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { findSandboxResourcesDir } from './resources'
import { nodeLauncher, type NodeChild } from './node-launcher'

const HOST = '127.0.0.1'
const READY_TIMEOUT_MS = 60_000
const POLL_MS = 50
const STOP_GRACE_MS = 3_000

export interface HardhatNode {
  rpcUrl: string
  stop(): Promise<void>
}

export interface HardhatNodeOptions {
  port?: number
  log?: (line: string) => void
  resourcesDir?: string
}

// One process-wide exit hook for every live node, rather than a listener per node.
const live = new Set<NodeChild>()
let exitHookInstalled = false
function trackChild(child: NodeChild): void {
  live.add(child)
  if (!exitHookInstalled) {
    exitHookInstalled = true
    process.on('exit', () => {
      for (const c of live) c.kill('SIGKILL')
    })
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.unref()
    srv.once('error', reject)
    srv.listen(0, HOST, () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => (port ? resolve(port) : reject(new Error('could not allocate a port'))))
    })
  })
}

export function hardhatCliPath(): string {
  return createRequire(import.meta.url).resolve('hardhat/internal/cli/cli.js')
}

/** Starts `hardhat node` in a child process and resolves once eth_chainId answers. */
export async function startHardhatNode(opts: HardhatNodeOptions = {}): Promise<HardhatNode> {
  const resourcesDir = findSandboxResourcesDir(opts.resourcesDir)
  const port = opts.port ?? (await freePort())
  const rpcUrl = `http://${HOST}:${port}`
  const args = [
    hardhatCliPath(),
    'node',
    '--config',
    join(resourcesDir, 'hardhat.config.cjs'),
    '--hostname',
    HOST,
    '--port',
    String(port),
  ]
  // Plain Node: a child process whose stdin pipe the runner watches (it exits when we die, even by SIGKILL).
  // Electron: a utility process (the shell's launcher), never the app binary under ELECTRON_RUN_AS_NODE. The runner
  // also refuses any request carrying an Origin (a web page that found the port) before Hardhat sees it.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true',
    // A packaged app's resources are not under the node_modules that hold hardhat.
    HARDHAT_EXPERIMENTAL_ALLOW_NON_LOCAL_INSTALLATION: 'true',
    NO_COLOR: '1',
  }
  delete env.ELECTRON_RUN_AS_NODE
  const child = nodeLauncher()(join(resourcesDir, 'node-runner.cjs'), args, { cwd: resourcesDir, env })
  trackChild(child)

  const recent: string[] = []
  const onLine = (raw: string) => {
    // Hardhat prints its (public, well-known) account keys at start; a key never reaches our logs, even a test one.
    if (/private key/i.test(raw)) return
    const line = raw.replace(/0x[0-9a-fA-F]{64}/g, '0x<redacted>')
    recent.push(line)
    if (recent.length > 40) recent.shift()
    opts.log?.(line)
  }
  for (const stream of [child.stdout, child.stderr]) if (stream) createInterface({ input: stream }).on('line', onLine)
  child.stdin?.on('error', () => {}) // EPIPE if the child is already gone

  let exited = false
  const exitPromise = new Promise<void>((resolve) => {
    child.onExit((code, signal) => {
      exited = true
      live.delete(child)
      opts.log?.(`[sandbox] hardhat node exited (code ${code}, signal ${signal})`)
      resolve()
    })
  })
  // Let the host exit without stop(); the exit hook and the stdin pipe then end the node.
  child.unref()

  let stopping: Promise<void> | undefined
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (exited) return
      child.stdin?.end()
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
      await exitPromise
      clearTimeout(timer)
    })()
    return stopping
  }

  try {
    await waitForRpc(
      rpcUrl,
      () => exited,
      () => recent.join('\n'),
    )
  } catch (e) {
    await stop()
    throw e
  }
  return { rpcUrl, stop }
}

async function waitForRpc(rpcUrl: string, hasExited: () => boolean, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  for (;;) {
    if (hasExited()) throw new Error(`hardhat node exited before answering JSON-RPC:\n${output()}`)
    try {
      const res = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
        signal: AbortSignal.timeout(2_000),
      })
      const body = (await res.json()) as { result?: string }
      if (body.result) return
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`hardhat node did not answer on ${rpcUrl} within ${READY_TIMEOUT_MS} ms:\n${output()}`)
    }
    await new Promise((r) => setTimeout(r, POLL_MS))
  }
}
