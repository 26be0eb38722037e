import { InvalidArgumentError } from 'commander'
import type { RegisterCommands } from '../context'
import { CliError, printJson, withApi } from '../context'
import type { TxServiceStatus } from '../../shared/contract/txservice'

const positiveInt = (what: string) => (value: string) => {
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`not a ${what}`)
  return n
}

function printStatus(s: TxServiceStatus): void {
  if (s.endpoints.length === 0) console.log('No Safe Transaction Service is set: the app works without one.')
  for (const e of s.endpoints)
    console.log(`chain ${e.chainId}: ${e.url ?? "Safe's hosted service"}${e.hasApiKey ? ' (API key set)' : ''}`)
  const waiting = s.outbox.filter((o) => o.status === 'pending' || o.status === 'refused')
  console.log(`outbox: ${waiting.length} waiting, ${s.outbox.filter((o) => o.status === 'delivered').length} delivered`)
  for (const o of waiting)
    console.log(
      `  #${o.id} ${o.status.padEnd(8)} ${o.safeTxHash} by ${o.signer}  attempts ${o.attempts}, next ${o.nextAttemptAt}${o.lastError ? `\n      ${o.lastError}` : ''}`,
    )
  if (s.refusals.length) console.log(`refused from the service: ${s.refusals.length}`)
  for (const r of s.refusals) console.log(`  ${r.safeTxHash}${r.owner ? ` (${r.owner})` : ''}: ${r.reason}`)
  if (s.pulled.length) console.log(`pulled into the queue: ${s.pulled.map((p) => `#${p.proposalId}`).join(', ')}`)
}

/** `treasury service …`: the Safe Transaction Service as the shared queue (set, pull, push, outbox). */
export const registerTxServiceCommands: RegisterCommands = (program) => {
  const service = program
    .command('service')
    .description('the Safe Transaction Service: set it per chain, pull its queue, push signatures, see the outbox')
  service
    .command('status')
    .option('--chain <id>', 'one chain only', positiveInt('chain id'))
    .option('--json', 'JSON output')
    .action((o: { chain?: number; json?: boolean }) =>
      withApi(program, async (call) => {
        const s = await call('txservice.status', { chainId: o.chain })
        if (o.json) printJson(s)
        else printStatus(s)
      }),
    )
  service
    .command('set [url]')
    .description("use this service URL for the chain; without a URL, Safe's hosted service (needs --api-key-env)")
    .option('--chain <id>', 'chain id (default: the active chain)', positiveInt('chain id'))
    .option('--api-key-env <name>', 'read the API key from this environment variable (never from the command line)')
    .action((url: string | undefined, o: { chain?: number; apiKeyEnv?: string }) =>
      withApi(program, async (call) => {
        const apiKey = o.apiKeyEnv ? process.env[o.apiKeyEnv] : undefined
        if (o.apiKeyEnv && !apiKey) throw new CliError(`the environment variable ${o.apiKeyEnv} is empty`)
        printJson(await call('txservice.configure', { chainId: o.chain, url: url ?? null, apiKey: apiKey ?? null }))
      }),
    )
  service
    .command('off')
    .description('stop using a service for the chain (the outbox keeps its items)')
    .option('--chain <id>', 'chain id (default: the active chain)', positiveInt('chain id'))
    .action((o: { chain?: number }) =>
      withApi(program, async (call) => printJson(await call('txservice.disable', { chainId: o.chain }))),
    )
  service
    .command('pull')
    .description("read the Safe's pending transactions and confirmations into the queue, each one checked")
    .option('--safe <address>', 'which Safe (default: the first)')
    .action((o: { safe?: string }) =>
      withApi(program, async (call) => {
        const r = await call('txservice.pull', { safe: o.safe })
        printJson(r)
        if (r.refused.length) process.exitCode = 2
      }),
    )
  service
    .command('push')
    .description('post the signatures waiting in the outbox (--now: also those waiting for their retry time)')
    .option('--chain <id>', 'chain id (default: the active chain)', positiveInt('chain id'))
    .option('--now', 'ignore the backoff')
    .action((o: { chain?: number; now?: boolean }) =>
      withApi(program, async (call) => {
        const r = await call('txservice.push', { chainId: o.chain, retryNow: o.now })
        printJson(r)
        if (r.failed || r.refused) process.exitCode = 1
      }),
    )
  service
    .command('retry <id>')
    .description('post one outbox item again now')
    .action((id: string) =>
      withApi(program, async (call) => printJson(await call('txservice.retry', { id: positiveInt('id')(id) }))),
    )
  service
    .command('cancel <id>')
    .description('do not post this outbox item (the signature stays on its proposal)')
    .action((id: string) =>
      withApi(program, async (call) => printJson(await call('txservice.cancel', { id: positiveInt('id')(id) }))),
    )
}
