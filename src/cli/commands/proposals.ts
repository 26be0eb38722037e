import { readFileSync, writeFileSync } from 'node:fs'
import type { RegisterCommands } from '../context'
import { CliError, printJson, withApi } from '../context'
import { PROPOSAL_STATUSES, type ProposalStatus } from '../../shared/contract'

const int = (value: string, name: string): number => {
  if (!/^\d+$/.test(value)) throw new CliError(`${name} must be a whole number, got "${value}"`)
  return Number(value)
}

export const registerProposalCommands: RegisterCommands = (program) => {
  const proposals = program.command('proposals').description('treasury proposals: the Safe transaction queue')

  proposals
    .command('list')
    .description('the queue (default) or the history, as JSON')
    .option('--history', 'closed proposals instead of the queue')
    .option('--all', 'every proposal')
    .option('--status <status>', `one of ${PROPOSAL_STATUSES.join(', ')}`)
    .option('--safe <address>', 'only this Safe')
    .option('--category <name>', 'only this category')
    .option('--limit <n>', 'page size (max 500)', '100')
    .option('--offset <n>', 'skip this many', '0')
    .action(
      (o: {
        history?: boolean
        all?: boolean
        status?: string
        safe?: string
        category?: string
        limit: string
        offset: string
      }) =>
        withApi(program, async (call) => {
          if (o.status && !PROPOSAL_STATUSES.includes(o.status as ProposalStatus))
            throw new CliError(`unknown status "${o.status}"`)
          printJson(
            await call('proposals.list', {
              view: o.all ? 'all' : o.history ? 'history' : 'queue',
              status: o.status ? [o.status as ProposalStatus] : undefined,
              safe: o.safe,
              category: o.category,
              limit: int(o.limit, '--limit'),
              offset: int(o.offset, '--offset'),
            }),
          )
        }),
    )

  proposals
    .command('show <id>')
    .description('one proposal: what it does, signatures, simulation, executions')
    .action((id: string) =>
      withApi(program, async (call) => printJson(await call('proposals.get', { id: int(id, 'id') }))),
    )

  proposals
    .command('add-signature <id> <file>')
    .description('add signatures from a file ({signature, signer?, safeTxHash?}, a list of them, or 0x… text)')
    .action((id: string, file: string) =>
      withApi(program, async (call) => {
        const text = readFileSync(file, 'utf8').trim()
        const entries: Array<{ signature: string; signer?: string; safeTxHash?: string }> = /^0x[0-9a-fA-F]+$/.test(
          text,
        )
          ? [{ signature: text }]
          : (() => {
              const json = JSON.parse(text) as unknown
              const list = Array.isArray(json) ? json : ((json as { signatures?: unknown[] }).signatures ?? [json])
              return list as Array<{ signature: string; signer?: string; safeTxHash?: string }>
            })()
        let detail
        for (const e of entries)
          detail = await call('proposals.addSignature', {
            id: int(id, 'id'),
            signature: e.signature,
            signer: e.signer,
            safeTxHash: e.safeTxHash,
          })
        printJson({ status: detail?.status, signatures: `${detail?.signatureCount} of ${detail?.threshold}` })
      }),
    )

  proposals
    .command('sync')
    .description('read nonce, approvals and executions from the chain and update the queue')
    .option('--safe <address>', 'which Safe (default: the first)')
    .action((o: { safe?: string }) =>
      withApi(program, async (call) => printJson(await call('proposals.sync', { safe: o.safe }))),
    )

  proposals
    .command('simulate <id>')
    .description('run the proposal against the chain now, spending nothing')
    .action((id: string) =>
      withApi(program, async (call) => {
        const detail = await call('proposals.simulate', { id: int(id, 'id') })
        printJson(detail.simulation)
        if (!detail.simulation?.ok) process.exitCode = 1
      }),
    )

  proposals
    .command('import-tx-builder <file>')
    .description('import a Safe{Wallet} Transaction Builder batch as one proposal (--dry-run shows it only)')
    .option('--safe <address>', 'which Safe (default: the first)')
    .option('--dry-run', 'check and show, add nothing')
    .option('--category <name>')
    .option('--nonce <n>')
    .action((file: string, o: { safe?: string; dryRun?: boolean; category?: string; nonce?: string }) =>
      withApi(program, async (call) => {
        const safe = o.safe ?? (await call('safe.list', {}))[0]?.address
        if (!safe) throw new CliError('the workspace has no Safe')
        const result = await call('proposals.importTxBuilder', {
          safe,
          json: readFileSync(file, 'utf8'),
          dryRun: o.dryRun,
          category: o.category,
          nonce: o.nonce === undefined ? undefined : int(o.nonce, '--nonce'),
        })
        printJson(
          result.proposal
            ? {
                id: result.proposal.id,
                nonce: result.proposal.nonce,
                safeTxHash: result.proposal.safeTxHash,
                preview: result.preview,
              }
            : result.preview,
        )
      }),
    )

  proposals
    .command('export-tx-builder <id> [file]')
    .description('write the proposal as a Transaction Builder batch (stdout without a file)')
    .action((id: string, file: string | undefined) =>
      withApi(program, async (call) => {
        const out = await call('proposals.exportTxBuilder', { id: int(id, 'id') })
        if (file) writeFileSync(file, out.json + '\n')
        else console.log(out.json)
      }),
    )

  const book = program.command('addressbook').description('names for addresses (Safe{Wallet} CSV)')
  book
    .command('import <file>')
    .option('--dry-run', 'show what would change')
    .action((file: string, o: { dryRun?: boolean }) =>
      withApi(program, async (call) =>
        printJson(await call('addressbook.importCsv', { csv: readFileSync(file, 'utf8'), dryRun: o.dryRun })),
      ),
    )
  book.command('export [file]').action((file: string | undefined) =>
    withApi(program, async (call) => {
      const out = await call('addressbook.exportCsv', {})
      if (file) writeFileSync(file, out.csv + '\n')
      else console.log(out.csv)
    }),
  )
}
