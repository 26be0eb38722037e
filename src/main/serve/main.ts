import { Command, InvalidArgumentError } from 'commander'
import { resolve } from 'node:path'
import { boot } from '../boot'
import { defaultDataDir } from '../core/workspace/paths'
import { startBrowserHost } from './server'
import { writeTokenFile } from './token-file'
import { exportJobsOf } from '../api/reports'

/** `npm run serve`: the renderer and the same API as the Electron app, on loopback, behind a session token. */
async function main(argv: string[]): Promise<void> {
  const program = new Command('treasury-serve')
    .description('Serve AITBC Treasury to a local browser (127.0.0.1 only)')
    .option('--port <port>', 'port to listen on (0 = any free port)', parsePort, 0)
    .option('--data-dir <dir>', 'workspace folder', defaultDataDir())
    .option('--sandbox', 'run on the built-in sandbox chain (new at each start)')
    .option('--rpc <url>', 'connect this chain by its JSON-RPC URL')
    .option('--static <dir>', 'built renderer to serve', resolve(__dirname, '../renderer'))
    .option('--token-file <file>', 'also write the session token to this file (mode 0600), for scripts and tests')
    .parse(argv)
  const opts = program.opts<{
    port: number
    dataDir: string
    sandbox?: boolean
    rpc?: string
    static: string
    tokenFile?: string
  }>()

  const booted = await boot({
    dataDir: resolve(opts.dataDir),
    host: 'browser',
    sandbox: opts.sandbox,
    rpcUrl: opts.rpc,
  })
  const host = await startBrowserHost({
    api: booted.api,
    staticDir: opts.static,
    port: opts.port,
    // The workspace open when the file is asked for: its own exports folder.
    exportFile: (name) => exportJobsOf(booted.services).resolveFile(name),
  })
  if (opts.tokenFile) writeTokenFile(opts.tokenFile, host.token)
  const opened = booted.session.current()
  console.log(
    `AITBC Treasury (${booted.mode === 'sandbox' ? 'sandbox chain' : `workspace "${opened.name}"`}) is served at:`,
  )
  console.log(`  ${host.launchUrl}`)
  console.log("Open that URL in your browser; it carries this session's token. Ctrl+C stops.")

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await host.close()
    await booted.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('not a port number')
  return port
}

main(process.argv).catch((error: unknown) => {
  console.error(`treasury-serve: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
