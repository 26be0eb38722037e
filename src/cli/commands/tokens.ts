import { readFileSync } from 'node:fs'
import { InvalidArgumentError, type Command } from 'commander'
import type { RegisterCommands } from '../context'
import { printJson, withApi } from '../context'
import type { BalancesView, TokenRegistry } from '../../shared/contract/tokens'

const chainIdOption = (value: string): number => {
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('not a chain id')
  return n
}
const blockOption = (value: string): number => {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('not a block number')
  return n
}

/** Base units → decimal text, exact (no float). */
export function formatUnits(base: string, decimals: number): string {
  const negative = base.startsWith('-')
  const digits = (negative ? base.slice(1) : base).padStart(decimals + 1, '0')
  const whole = digits.slice(0, digits.length - decimals)
  const frac = decimals ? digits.slice(-decimals).replace(/0+$/, '') : ''
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`
}

function printRegistry(r: TokenRegistry): void {
  console.log(`Chain ${r.chainId}: native ${r.native.symbol} (${r.native.decimals} decimals, ${r.native.source})`)
  for (const t of r.tokens)
    console.log(
      `  ${t.symbol.padEnd(10)} ${t.address}  ${String(t.decimals).padStart(2)} dec  ${t.source}${t.hidden ? '  hidden' : ''}`,
    )
  for (const d of r.duplicates) console.log(`  warning: ${d.addresses.length} tokens share the symbol ${d.symbol}`)
  for (const x of r.refused) console.log(`  refused ${x.address}: ${x.reason}`)
  for (const o of r.otherChains) console.log(`  kept for chain ${o.chainId}: ${o.count} list entries`)
}

function printBalances(view: BalancesView): void {
  if (view.stale) console.log(`The chain could not be read (${view.staleReason}); these are the last figures read.`)
  for (const s of view.safes) {
    console.log(`${s.label ?? 'Safe'} ${s.safe} (chain ${s.chainId})`)
    if (s.balances.length === 0) console.log('  no balances read yet: run with --refresh')
    for (const b of s.balances)
      console.log(
        `  ${formatUnits(b.balance, b.decimals).padStart(30)} ${b.symbol.padEnd(10)} block ${b.block}, read ${b.readAt}`,
      )
  }
}

/** `treasury tokens …` and `treasury safe balances`: the token registry of the saved workspace. */
export const registerTokensCommands: RegisterCommands = (program) => {
  const tokens = program.command('tokens').description('tokens per chain: add, list, import a list, discover, hide')
  tokens
    .command('list')
    .option('--chain <id>', 'chain id (default: the active chain)', chainIdOption)
    .option('--json', 'JSON output')
    .action((o: { chain?: number; json?: boolean }) =>
      withApi(program, async (call) => {
        const r = await call('tokens.list', { chainId: o.chain })
        if (o.json) printJson(r)
        else printRegistry(r)
      }),
    )
  tokens
    .command('add <address>')
    .description('register an ERC-20 by address (symbol, name and decimals are read from the chain)')
    .option('--chain <id>', 'chain id (default: the active chain)', chainIdOption)
    .action((address: string, o: { chain?: number }) =>
      withApi(program, async (call) => {
        const r = await call('tokens.add', { address, chainId: o.chain })
        printJson(r.token)
        for (const d of r.duplicates)
          console.error(`warning: ${d.addresses.length} tokens share the symbol ${d.symbol}`)
      }),
    )
  tokens
    .command('import-list <file>')
    .description('import a Uniswap Token Lists JSON file (all or nothing)')
    .action((file: string) =>
      withApi(program, async (call) =>
        printJson(await call('tokens.importList', { json: readFileSync(file, 'utf8') })),
      ),
    )
  tokens
    .command('discover')
    .description('find the tokens the Safes have held from Transfer logs (goes on from a stopped run)')
    .option('--chain <id>', 'chain id (default: the active chain)', chainIdOption)
    .option('--from-block <n>', 'first block when no run was made before', blockOption)
    .option('--range <blocks>', 'blocks per eth_getLogs (halved when the RPC refuses)', blockOption)
    .option('--json', 'JSON output')
    .action((o: { chain?: number; fromBlock?: number; range?: number; json?: boolean }) =>
      withApi(program, async (call) => {
        let status = await call('tokens.discover', { chainId: o.chain, fromBlock: o.fromBlock, rangeBlocks: o.range })
        // Ctrl+C stops the run where it is; the cursor is kept and the next run goes on from there.
        const stop = () => void call('tokens.discoverStop', {})
        process.once('SIGINT', stop)
        try {
          while (status.state === 'running' || status.state === 'stopping') {
            await new Promise((r) => setTimeout(r, 250))
            status = await call('tokens.discoverStatus', {})
            if (status.scannedTo !== null && status.toBlock !== null)
              process.stderr.write(`\rblocks ${status.scannedTo}/${status.toBlock}, ${status.logs} logs`)
          }
        } finally {
          process.off('SIGINT', stop)
        }
        process.stderr.write('\n')
        if (o.json) printJson(status)
        else {
          console.log(
            `${status.state}: ${status.logs} Transfer logs, ${status.added.length} tokens added, ${status.known} known`,
          )
          for (const a of status.added) console.log(`  added ${a.symbol} ${a.address} (${a.decimals} decimals)`)
          for (const r of status.refused) console.log(`  refused ${r.address}: ${r.reason}`)
          if (status.error) console.log(`  error: ${status.error}`)
        }
        if (status.state === 'failed') process.exitCode = 1
      }),
    )
  tokens
    .command('hide <address>')
    .description('hide a token (spam); --show brings it back')
    .option('--show', 'show it again')
    .option('--chain <id>', 'chain id (default: the active chain)', chainIdOption)
    .action((address: string, o: { show?: boolean; chain?: number }) =>
      withApi(program, async (call) =>
        printJson(await call('tokens.hide', { address, hidden: !o.show, chainId: o.chain })),
      ),
    )

  // `safe` may already be a command (the Safe overview): balances joins it as a subcommand.
  const safe: Command = program.commands.find((c) => c.name() === 'safe') ?? program.command('safe')
  safe
    .command('balances')
    .description('balances of every registered token for every Safe, with when they were read')
    .option('--chain <id>', 'chain id (default: the active chain)', chainIdOption)
    .option('--refresh', 'read the chain now (otherwise the last figures read)')
    .option('--json', 'JSON output')
    .action((o: { chain?: number; refresh?: boolean; json?: boolean }) =>
      withApi(program, async (call) => {
        const view = await call('tokens.balances', { chainId: o.chain, refresh: o.refresh })
        if (o.json) printJson(view)
        else printBalances(view)
      }),
    )
}
