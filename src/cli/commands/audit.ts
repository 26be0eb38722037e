import { InvalidArgumentError } from 'commander'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { availableParallelism } from 'node:os'
import type { RegisterCommands } from '../context'
import { CliError, printJson, withApi } from '../context'
import { boot } from '../../main/boot'
import { verifyAuditBundleFile, type BundleVerdict } from '../../main/core/audit'
import { checkCouncilActsInBundle } from '../../main/core/council/audit-file'
import type { CouncilEventCheck } from '../../main/core/council/audit-check'
import { runExport, type ExportFormat } from '../../main/core/reports'
import { periodBound } from '../../shared/contract/reports'
import { version as appVersion } from '../../../package.json'

export const registerAuditCommands: RegisterCommands = (program) => {
  const audit = program.command('audit').description('the tamper-evident audit trail')
  audit
    .command('verify-db')
    .description("verify the workspace database's audit chain (exit code 1 when broken)")
    .action(() =>
      withApi(program, async (call) => {
        const verdict = await call('audit.verify', {})
        printJson(verdict)
        if (!verdict.ok) process.exitCode = 1
      }),
    )

  audit
    .command('verify')
    .argument('<file>', 'an exported audit bundle (.json)')
    .description(
      'verify an exported audit bundle with nothing but the file: no workspace, no network (exit 1 when bad)',
    )
    .option('--json', 'print the verdict as JSON')
    .option('--expect-signer <address>', "also require the head to be signed by this steward's key")
    .action(async (file: string, opts: { json?: boolean; expectSigner?: string }) => {
      const verdict = await verifyAuditBundleFile(resolve(file))
      // Council acts (issue 18): each signature re-verified offline, with the membership the event records.
      const councilActs = verdict.ok ? await checkCouncilActsInBundle(resolve(file)) : []
      const badAct = councilActs.find((a) => !a.ok)
      const expected = opts.expectSigner?.toLowerCase()
      const signerProblem =
        expected && verdict.ok && verdict.anchor?.address.toLowerCase() !== expected
          ? verdict.anchor
            ? `the head is signed by ${verdict.anchor.address}, not ${opts.expectSigner}`
            : `the head is not signed (expected ${opts.expectSigner})`
          : null
      const actProblem = badAct ? `council act in event #${badAct.seq}: ${badAct.reason}` : null
      const ok = verdict.ok && !signerProblem && !actProblem
      const reason = signerProblem ?? actProblem
      if (opts.json) printJson({ ...verdict, ok, councilActs, ...(reason ? { reason } : {}) })
      else console.log(describeVerdict(file, verdict, reason) + describeCouncilActs(councilActs))
      process.exitCode = ok ? 0 : 1
    })

  audit
    .command('export')
    .description('export the audit trail: csv (auditor columns), json (verifiable bundle) or pdf (transparency report)')
    .requiredOption('--format <format>', 'csv | json | pdf', parseFormat)
    .option('--from <date>', 'first UTC day (YYYY-MM-DD) or ISO time', parseBound)
    .option('--to <date>', 'last UTC day (inclusive) or ISO time', parseBound)
    .requiredOption('--out <file>', 'where to write it (written under a temporary name, renamed when complete)')
    .option('--force', 'replace an existing file')
    .action(async (opts: { format: ExportFormat; from?: string; to?: string; out: string; force?: boolean }) => {
      const out = resolve(opts.out)
      if (existsSync(out) && !opts.force) throw new CliError(`${out} exists; pass --force to replace it.`)
      const { dataDir } = program.opts<{ dataDir: string }>()
      const booted = await boot({
        dataDir: resolve(dataDir),
        host: 'cli',
        noSandbox: true,
        log: (l) => console.error(l),
      })
      const bar = progressBar()
      try {
        const outcome = await runExport(
          booted.services.ctx.db,
          { format: opts.format, period: { from: opts.from, to: opts.to }, generator: `AITBC Treasury ${appVersion}` },
          out,
          { onProgress: bar.update, helpers: Math.min(3, availableParallelism() - 1) },
        )
        bar.done()
        console.log(`Wrote ${out} (${outcome.bytes} bytes, ${outcome.events} audit events).`)
        if (outcome.headHash) console.log(`Head hash: ${outcome.headHash}`)
      } catch (error) {
        bar.done()
        throw new CliError(error instanceof Error ? error.message : String(error))
      } finally {
        await booted.close()
      }
    })
}

function parseFormat(value: string): ExportFormat {
  if (value !== 'csv' && value !== 'json' && value !== 'pdf') throw new InvalidArgumentError('use csv, json or pdf')
  return value
}

function parseBound(value: string): string {
  const parsed = periodBound.safeParse(value)
  if (!parsed.success) throw new InvalidArgumentError(parsed.error.issues[0].message)
  return parsed.data
}

export function describeVerdict(file: string, v: BundleVerdict, signerProblem: string | null = null): string {
  const lines: string[] = []
  if (v.ok && !signerProblem) lines.push(`OK: ${file} is an intact audit bundle.`)
  else if (v.firstBadSeq !== undefined)
    lines.push(
      `BROKEN: event #${v.firstBadSeq}${v.line ? ` (line ${v.line})` : ''}: ${v.reason}. It and every later event are untrusted.`,
    )
  else lines.push(`NOT VERIFIED: ${signerProblem ?? v.reason}.`)
  if (v.firstSeq !== null) {
    lines.push(`  events     #${v.firstSeq} to #${v.lastSeq} (${v.events} checked)`)
    if (v.range)
      lines.push(
        `  period     from ${v.range.from ?? 'the start'} up to ${v.range.to ? `(not including) ${v.range.to}` : 'the export'}`,
      )
    if (v.exportedAt) lines.push(`  exported   ${v.exportedAt}`)
    lines.push(`  prev hash  ${v.prevHash}`, `  head hash  ${v.headHash}`)
  }
  if (v.anchor)
    lines.push(
      v.anchor.ok
        ? `  steward    ${v.anchor.address} signed the head (EIP-191)`
        : `  steward    signature INVALID: ${v.anchor.reason}`,
    )
  else if (v.firstSeq !== null)
    lines.push('  steward    not signed (a cut-off end would go unnoticed without a signature)')
  return lines.join('\n')
}

export function describeCouncilActs(acts: CouncilEventCheck[]): string {
  if (!acts.length) return ''
  const lines = [`\n  council    ${acts.filter((a) => a.ok).length} of ${acts.length} council act events verified`]
  for (const a of acts)
    lines.push(
      `    #${a.seq} ${a.action === 'council.act.effective' ? 'effective' : 'signed   '} ${a.kind} ${a.subject}: ` +
        (a.ok
          ? a.signatures.map((s) => `${s.recovered} (member per ${a.councilSource})`).join(', ')
          : `INVALID: ${a.reason}`),
    )
  return lines.join('\n')
}

/** A one-line bar with the remaining time on stderr, only when it is a terminal. */
function progressBar(): { update(done: number, total: number, phase: string): void; done(): void } {
  const tty = process.stderr.isTTY
  const started = Date.now()
  let last = 0
  let shown = false
  return {
    update(done, total, phase) {
      if (!tty || total <= 0) return
      const now = Date.now()
      if (now - last < 100 && done < total) return
      last = now
      const fraction = Math.min(1, done / total)
      const elapsed = (now - started) / 1000
      const eta = done > 0 && done < total ? ` ~${Math.ceil((elapsed / done) * (total - done))} s left` : ''
      const width = 30
      const filled = Math.round(fraction * width)
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(fraction * 100)}% ${done}/${total} ${phase}${eta}   `,
      )
      shown = true
    },
    done() {
      if (shown) process.stderr.write('\n')
    },
  }
}
