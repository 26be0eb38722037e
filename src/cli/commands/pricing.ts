import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { InvalidArgumentError } from 'commander'
import type { RegisterCommands } from '../context'
import { printJson, withApi } from '../context'
import type { Valuation } from '../../shared/contract/pricing'

const wholeNumber = (what: string) => (value: string) => {
  const n = Number(value)
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`not a ${what}`)
  return n
}

function printValuation(v: Valuation): void {
  if (!v.priced) console.log(`no price (${v.currency}): ${v.reason}`)
  else {
    const from =
      v.source.kind === 'feed'
        ? `feed ${v.source.description} ${v.source.feed}, round ${v.source.roundId} at block ${v.source.block}`
        : `CSV "${v.source.importSource}", price of ${v.source.day}`
    console.log(`${v.value} ${v.currency}  (price ${v.price}; ${from})`)
  }
  for (const n of v.notes) console.log(`  note: ${n}`)
}

/** `treasury prices …`: the reporting currency, price CSVs, on-chain feeds, and one amount's value. */
export const registerPricingCommands: RegisterCommands = (program) => {
  const prices = program.command('prices').description('values in a reporting currency: currency, price CSV, feeds')
  prices
    .command('show')
    .description('the reporting currency, the feeds and the imported prices of the active chain')
    .action(() => withApi(program, async (call) => printJson(await call('pricing.overview', {}))))
  prices
    .command('currency <code>')
    .description('set the reporting currency (USD by default)')
    .action((code: string) =>
      withApi(program, async (call) => console.log((await call('pricing.setCurrency', { currency: code })).currency)),
    )
  prices
    .command('import <file>')
    .description('import a date,token,price CSV (all or nothing; every bad line is named)')
    .option('--source <text>', 'where the prices come from (default: the file name)')
    .action((file: string, o: { source?: string }) =>
      withApi(program, async (call) =>
        printJson(
          await call('pricing.importCsv', { csv: readFileSync(file, 'utf8'), source: o.source ?? basename(file) }),
        ),
      ),
    )
  prices
    .command('feed <token> <feed>')
    .description("name a token's AggregatorV3Interface feed (token: address or native)")
    .option('--max-age <seconds>', 'refuse answers older than this at the block read', wholeNumber('number of seconds'))
    .action((token: string, feed: string, o: { maxAge?: number }) =>
      withApi(program, async (call) =>
        printJson(await call('pricing.setFeed', { token, feed, maxAgeSeconds: o.maxAge })),
      ),
    )
  prices
    .command('value <token> <amount>')
    .description('the value of an amount (base units) at a block or a time')
    .option('--block <n>', 'block of the transfer', wholeNumber('block number'))
    .option('--time <iso>', 'time of the transfer (ISO 8601)')
    .option('--json', 'JSON output')
    .action((token: string, amount: string, o: { block?: number; time?: string; json?: boolean }) =>
      withApi(program, async (call) => {
        const time = o.time === undefined ? undefined : Math.floor(Date.parse(o.time) / 1000)
        if (time !== undefined && !Number.isFinite(time)) throw new InvalidArgumentError('--time is not a date')
        const v = await call('pricing.value', { token, amount, block: o.block, time })
        if (o.json) printJson(v)
        else printValuation(v)
      }),
    )
}
