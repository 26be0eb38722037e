import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { chromium, type Browser } from '@playwright/test'

/** Shared by the start-up and queue benches: the built browser host, Chromium as in e2e/fixtures.ts. */
export const ROOT = join(__dirname, '..')
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

/** out/ is what `npm run serve` runs; built once when missing (`npm run build` refreshes it). */
export function ensureBuilt(): void {
  if (existsSync(join(ROOT, 'out', 'main', 'serve.js')) && existsSync(join(ROOT, 'out', 'renderer', 'index.html')))
    return
  process.stderr.write('  building (electron-vite build)…\n')
  const built = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
  if (built.status !== 0) throw new Error('electron-vite build failed')
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
}

export interface Host {
  child: ChildProcess
  launchUrl: string
  url: string
  token: string
  /** Date.now() when spawned, and when the URL line came out (booted and listening). */
  spawnedAt: number
  listeningAt: number
  output: string[]
  stop(): Promise<void>
}

/** `node out/main/serve.js --data-dir DIR --port 0` (what `npm run serve -- --data-dir DIR` runs after building). */
export async function startServe(dataDir: string, extra: string[] = []): Promise<Host> {
  const spawnedAt = Date.now()
  const child = spawn(
    process.execPath,
    [join(ROOT, 'out', 'main', 'serve.js'), '--port', '0', '--data-dir', dataDir, ...extra],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const output: string[] = []
  const launchUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${output.join('\n')}`)), 120_000)
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
  const listeningAt = Date.now()
  return {
    child,
    launchUrl,
    url: launchUrl.split('/#')[0],
    token: launchUrl.split('#token=')[1],
    spawnedAt,
    listeningAt,
    output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
    },
  }
}

/** One API call over the browser host's HTTP endpoint, as the renderer makes it. */
export async function httpCall<T>(host: Host, name: string, input: unknown): Promise<T> {
  const response = await fetch(`${host.url}/api/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  })
  const envelope = (await response.json()) as { ok: true; value: T } | { ok: false; error: { message: string } }
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`)
  return envelope.value
}

/** Resident set size of a process, from /proc (Linux), in bytes; null elsewhere. */
export function rssOf(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) * 1024 : null
  } catch {
    return null
  }
}
