import { readFileSync, writeFileSync } from 'node:fs'
import { InvalidArgumentError } from 'commander'
import type { RegisterCommands } from '../context'
import { CliError, printJson, withApi } from '../context'

const id = (value: string): number => {
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('not a positive id')
  return n
}
const ids = (value: string, previous: number[] = []): number[] => [...previous, id(value)]

/** Budgets, grants and disbursement batches: review and scripted work on the saved workspace. */
export const registerGrantsCommands: RegisterCommands = (program) => {
  const budgets = program.command('budgets').description('budget periods and lines (committed and spent derived)')
  budgets
    .command('list')
    .description('budget periods, or one period’s lines with --period')
    .option('--period <id>', 'one period', id)
    .action((opts: { period?: number }) =>
      withApi(program, async (call) =>
        printJson(
          opts.period
            ? await call('budgets.overview', { periodId: opts.period })
            : await call('budgets.listPeriods', {}),
        ),
      ),
    )
  budgets
    .command('export')
    .description('budget vs actual of a period as CSV (stdout, or --out FILE)')
    .requiredOption('--period <id>', 'the period', id)
    .option('--out <file>', 'write to this file')
    .action((opts: { period: number; out?: string }) =>
      withApi(program, async (call) => {
        const { csv, fileName } = await call('budgets.exportCsv', { periodId: opts.period })
        if (opts.out) {
          writeFileSync(opts.out, csv)
          console.error(`wrote ${opts.out} (${fileName})`)
        } else process.stdout.write(csv)
      }),
    )

  const grants = program.command('grants').description('grant programs and grants')
  grants
    .command('programs')
    .description('grant programs with their criteria')
    .action(() => withApi(program, async (call) => printJson(await call('grants.listPrograms', {}))))
  grants
    .command('list')
    .option('--program <id>', 'one program', id)
    .action((opts: { program?: number }) =>
      withApi(program, async (call) => printJson(await call('grants.list', { programId: opts.program }))),
    )
  grants
    .command('show <id>')
    .description('a grant with its milestones and evaluations')
    .action((grantId: string) =>
      withApi(program, async (call) => printJson(await call('grants.get', { grantId: id(grantId) }))),
    )

  const batches = program.command('disbursements').description('disbursement batches and schedules')
  batches
    .command('list')
    .action(() => withApi(program, async (call) => printJson(await call('disbursements.list', {}))))
  batches
    .command('show <id>')
    .description('a batch with its items, budget check and SafeTx')
    .action((batchId: string) =>
      withApi(program, async (call) => printJson(await call('disbursements.get', { batchId: id(batchId) }))),
    )
  batches
    .command('import <file>')
    .description('a Safe CSV Airdrop file (token_type,token_address,receiver,amount,id) as a draft batch')
    .requiredOption('--line <id>', 'budget line to charge (one per token in the file; repeat)', ids)
    .option('--title <title>', 'batch title', 'CSV import')
    .option('--dry-run', 'validate and check budgets only; store nothing')
    .option('--override-by <address>', 'council member recording a budget override')
    .option('--override-reason <reason>', 'why the batch may exceed its budget')
    .action(
      (
        file: string,
        opts: { line: number[]; title: string; dryRun?: boolean; overrideBy?: string; overrideReason?: string },
      ) =>
        withApi(program, async (call) => {
          const source = { kind: 'csv' as const, csv: readFileSync(file, 'utf8'), budgetLineIds: opts.line }
          if (opts.dryRun) return printJson(await call('disbursements.preview', { source }))
          if (Boolean(opts.overrideBy) !== Boolean(opts.overrideReason))
            throw new CliError('an override needs both --override-by and --override-reason')
          const override = opts.overrideBy ? { by: opts.overrideBy, reason: opts.overrideReason! } : undefined
          printJson(await call('disbursements.create', { title: opts.title, source, override }))
        }),
    )
  batches
    .command('confirm <txHash>')
    .description('mark the batch a transaction executed, after checking the chain')
    .action((txHash: string) =>
      withApi(program, async (call) => printJson(await call('disbursements.confirmExecution', { txHash }))),
    )
  batches
    .command('schedules')
    .description('schedules with their next due date; --draft drafts what is due (never signs or sends)')
    .option('--draft', 'draft due batches now')
    .action((opts: { draft?: boolean }) =>
      withApi(program, async (call) => {
        if (opts.draft) printJson(await call('disbursements.draftDue', {}))
        printJson(await call('disbursements.schedules', {}))
      }),
    )
}
