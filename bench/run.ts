import { readdirSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import type { Bench, BenchResult } from './types'
import { DEFAULT_LARGE_DIR, LARGE_EVENTS, LARGE_PROPOSALS, generateLargeWorkspace } from './large-workspace'

const USAGE = `npm run bench -- [NAME…] [--generate] [--data-dir DIR] [--proposals N] [--events N]
       [--generate-holders] [--holders N --transfers N --votes N]

  NAME…            run these benches only (file bench/NAME.bench.ts, or its \`name\`); default: all
  --generate       (re)write the large workspace into --data-dir: ${LARGE_PROPOSALS.toLocaleString('en')} proposals,
                   ${LARGE_EVENTS.toLocaleString('en')} audit events in a valid hash chain, a saved non-sandbox chain.
                   Alone, it only generates; with NAMEs it then runs them at full scale (e.g. the audit bench on
                   1,000,000 events instead of 100,000).
  --data-dir DIR   where the large workspace lives (default ${DEFAULT_LARGE_DIR}); the scale, startup and
                   queue benches generate it there when it is missing
  --proposals N    with --generate: number of proposals
  --events N       with --generate: number of audit events
  --generate-holders  the holders bench generates a votes token with 100,000 holders, 1,000,000 transfers,
                   delegations to 1,000 delegates and 80,000 signed votes (alone: runs only the holders bench)
  --holders N --transfers N --votes N   the holders bench at this scale (delegates: votes / 40)

Every figure is one JSON object per line on stdout: {name, value, unit, target?, met?, reference?, ratio?, load,
details?}; the last line is the summary (targets met / not met, the machine). Progress goes to stderr.`

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name)
  if (at < 0) return undefined
  const value = args[at + 1]
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value\n\n${USAGE}`)
  args.splice(at, 2)
  return value
}

function count(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, not "${value}"`)
  return n
}

/**
 * `npm run bench`: runs every bench/*.bench.ts (or the named ones) and prints one JSON object per figure on stdout;
 * progress goes to stderr so stdout stays machine-readable.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2)
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE + '\n')
    return
  }
  const dataDir = resolve(option(args, '--data-dir') ?? DEFAULT_LARGE_DIR)
  const proposals = count(option(args, '--proposals'), '--proposals', LARGE_PROPOSALS)
  const events = count(option(args, '--events'), '--events', LARGE_EVENTS)
  const holders = option(args, '--holders')
  const transfers = option(args, '--transfers')
  const votes = option(args, '--votes')
  const holderScale =
    holders || transfers || votes
      ? {
          holders: count(holders, '--holders', 5_000),
          transfers: count(transfers, '--transfers', 50_000),
          votes: count(votes, '--votes', 4_000),
          delegates: Math.max(1, Math.floor(count(votes, '--votes', 4_000) / 40)),
        }
      : undefined
  if (holderScale && (holderScale.votes > holderScale.holders || holderScale.transfers < holderScale.holders))
    throw new Error(
      '--votes must not exceed --holders, and --transfers must be at least --holders (each holder gets one)',
    )
  const generateHolders = args.includes('--generate-holders')
  if (generateHolders && !args.some((a) => !a.startsWith('--'))) args.push('holders')
  const generate = args.includes('--generate')
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--generate' && a !== '--generate-holders')
  if (unknown.length) throw new Error(`unknown option ${unknown.join(' ')}\n\n${USAGE}`)
  const only = args.filter((a) => !a.startsWith('--'))
  const results: BenchResult[] = []
  const print = (result: BenchResult): void => {
    const line = { ...result, load: result.load ?? round2(loadavg()[0]) }
    results.push(line)
    process.stdout.write(JSON.stringify(line) + '\n')
  }

  if (generate) {
    process.stderr.write(`generating the large workspace in ${dataDir}…\n`)
    const cpu = process.cpuUsage()
    const made = generateLargeWorkspace({ dataDir, proposals, events, log: (l) => process.stderr.write(`  ${l}\n`) })
    const used = process.cpuUsage(cpu)
    print({
      name: 'generate.large-workspace',
      value: Math.round(made.ms),
      unit: 'ms',
      target: '< 60000 ms',
      met: made.ms < 60_000,
      details: {
        dataDir,
        proposals: made.proposals,
        events: made.events,
        bytes: made.bytes,
        cpuMs: Math.round((used.user + used.system) / 1000),
      },
    })
  }
  if (!generate || only.length) {
    const files = readdirSync(__dirname)
      .filter((f) => f.endsWith('.bench.ts'))
      .sort()
    for (const file of files) {
      const { bench } = (await import(join(__dirname, file))) as { bench: Bench }
      if (only.length && !only.includes(bench.name) && !only.includes(file.replace(/\.bench\.ts$/, ''))) continue
      process.stderr.write(`bench ${bench.name}…\n`)
      for (const result of await bench.run({ generate, dataDir, generateHolders, holderScale })) print(result)
    }
  }
  const targets = results.filter((r) => r.met !== undefined)
  const met = targets.filter((r) => r.met).map((r) => r.name)
  const notMet = targets.filter((r) => !r.met).map((r) => `${r.name} (${r.value} ${r.unit}, target ${r.target})`)
  print({
    name: 'summary',
    value: met.length,
    unit: `of ${targets.length} targets met`,
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model,
      memoryGB: Math.round(totalmem() / 1024 ** 3),
      node: process.version,
      loadavg: loadavg().map(round2),
    },
    details: { met, notMet },
  })
}

function round2(n: number): number {
  return Math.round(n * 100) / 100
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
