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
    .option(
      '--override-request <file>',
      'over budget: write the council act request (budget-override) to this file, for members to `treasury sign`',
    )
    .option('--override-reason <reason>', 'why the batch may exceed its budget')
    .action(
      (
        file: string,
        opts: { line: number[]; title: string; dryRun?: boolean; overrideRequest?: string; overrideReason?: string },
      ) =>
        withApi(program, async (call) => {
          const source = { kind: 'csv' as const, csv: readFileSync(file, 'utf8'), budgetLineIds: opts.line }
          if (opts.dryRun) return printJson(await call('disbursements.preview', { source }))
          if (Boolean(opts.overrideRequest) !== Boolean(opts.overrideReason))
            throw new CliError('an override needs both --override-request and --override-reason')
          if (!opts.overrideRequest) return printJson(await call('disbursements.create', { title: opts.title, source }))
          const request = await call('council.request', {
            kind: 'budget-override',
            content: { batch: { title: opts.title, source }, reason: opts.overrideReason },
          })
          writeFileSync(opts.overrideRequest, JSON.stringify(request, null, 2) + '\n', { flag: 'wx' })
          console.log(`Council act request written to ${opts.overrideRequest}: members sign it with \`treasury sign\`.`)
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
