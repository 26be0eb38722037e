import { readFileSync, writeFileSync } from 'node:fs'
import type { RegisterCommands } from '../context'
import { CliError, printJson, withApi } from '../context'
import { COUNCIL_ACT_KINDS, type CouncilActKind } from '../../shared/contract/council'

/** The council (issue 18): who it is, acts to sign (request files for `treasury sign`), signature files back. */
export const registerCouncilCommands: RegisterCommands = (program) => {
  const council = program.command('council').description('council acts: signed by members, never typed in')
  council
    .command('show')
    .description('who the council is now, where that was read from, and the members each act needs')
    .action(() => withApi(program, async (call) => printJson(await call('council.get', {}))))
  council
    .command('request <kind> <contentJson>')
    .description(`write the request members sign for an act (${COUNCIL_ACT_KINDS.join(', ')})`)
    .requiredOption('--out <file>', 'the request file (JSON), for `treasury sign`; never overwritten')
    .action((kind: string, contentJson: string, opts: { out: string }) =>
      withApi(program, async (call) => {
        if (!(COUNCIL_ACT_KINDS as readonly string[]).includes(kind))
          throw new CliError(`unknown act kind "${kind}": one of ${COUNCIL_ACT_KINDS.join(', ')}`)
        let content: unknown
        try {
          content = JSON.parse(contentJson)
        } catch {
          throw new CliError('the content is not JSON')
        }
        const request = await call('council.request', { kind: kind as CouncilActKind, content })
        writeFileSync(opts.out, JSON.stringify(request, null, 2) + '\n', { flag: 'wx' })
        console.log(`${request.summary}\nRequest written to ${opts.out}: members sign it with \`treasury sign\`.`)
      }),
    )
  council
    .command('import <signatureFile>')
    .description('submit a signature file written by `treasury sign`; the act takes effect once enough members signed')
    .action((file: string) =>
      withApi(program, async (call) =>
        printJson(await call('council.importSignature', { text: readFileSync(file, 'utf8') })),
      ),
    )
  council
    .command('acts')
    .description('council acts: pending ones show who signed and who is missing')
    .option('--pending', 'only the acts waiting for signatures')
    .action((opts: { pending?: boolean }) =>
      withApi(program, async (call) =>
        printJson(await call('council.acts', opts.pending ? { status: 'pending' } : {})),
      ),
    )
}
