import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Bench } from './types'

/**
 * `npm run bench [-- name…] [-- --generate]`: runs every bench/*.bench.ts (or the named ones) and prints one JSON
 * object per figure on stdout; progress goes to stderr so stdout stays machine-readable.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const generate = args.includes('--generate')
  const only = args.filter((a) => !a.startsWith('--'))
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort()
  for (const file of files) {
    const { bench } = (await import(join(__dirname, file))) as { bench: Bench }
    if (only.length && !only.includes(bench.name)) continue
    process.stderr.write(`bench ${bench.name}…\n`)
    for (const result of await bench.run({ generate })) process.stdout.write(JSON.stringify(result) + '\n')
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
