import { Command } from 'commander'
import { resolve } from 'node:path'
import { boot } from '../main/boot'
import { defaultDataDir } from '../main/core/workspace/paths'
import type { CallName } from '../shared/contract'

/**
 * `treasury`: the core without a window, for scripted and air-gapped work. Commands go through the same API
 * dispatcher as the app, so they validate and audit exactly as the app does.
 */
const program = new Command('treasury')
  .description('AITBC Treasury command line')
  .option('--data-dir <dir>', 'workspace folder', defaultDataDir())
  .showHelpAfterError()

async function withApi<T>(
  run: (call: (name: CallName, input?: unknown) => Promise<unknown>) => Promise<T>,
): Promise<T> {
  const { dataDir } = program.opts<{ dataDir: string }>()
  const booted = await boot({
    dataDir: resolve(dataDir),
    host: 'cli',
    noSandbox: true,
    log: (line) => console.error(line),
  })
  try {
    return await run(async (name, input = {}) => {
      const envelope = await booted.api.dispatch(name, input)
      if (!envelope.ok) throw new CliError(`${envelope.error.code}: ${envelope.error.message}`)
      return envelope.value
    })
  } finally {
    await booted.close()
  }
}

class CliError extends Error {}

function print(value: unknown): void {
  console.log(JSON.stringify(value, null, 2))
}

program
  .command('status')
  .description('workspace, chain and audit-chain status')
  .action(() => withApi(async (call) => print(await call('workspace.info'))))

program
  .command('safe')
  .description("the workspace Safe's owners, threshold, nonce and balances")
  .option('--address <address>', 'which Safe (default: the first)')
  .option('--refresh', 'read the chain instead of the last synced state')
  .action((opts: { address?: string; refresh?: boolean }) =>
    withApi(async (call) => print(await call('safe.overview', { address: opts.address, refresh: opts.refresh }))),
  )

const audit = program.command('audit').description('the tamper-evident audit trail')
audit
  .command('verify-db')
  .description("verify the workspace database's audit chain (exit code 1 when broken)")
  .action(() =>
    withApi(async (call) => {
      const verdict = (await call('audit.verify')) as { ok: boolean }
      print(verdict)
      if (!verdict.ok) process.exitCode = 1
    }),
  )

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`treasury: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
