import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { RegisterCommands } from '../context'
import { CliError, printJson, withApi } from '../context'
import { boot } from '../../main/boot'
import { importVoteLines } from '../../main/core/governance/service'
import { parseVoteFile, recoverSigner, voteDigest, VoteFileError } from '../../main/core/governance'

const SUPPORTS = ['for', 'against', 'abstain'] as const

export const registerGovernanceCommands: RegisterCommands = (program) => {
  const gov = program
    .command('governance')
    .description('token governance: proposals, signed votes, delegation, disputes')

  gov
    .command('list')
    .description('proposals with their derived states')
    .action(() => withApi(program, async (call) => printJson(await call('governance.list', {}))))

  gov
    .command('show <id>')
    .description('one proposal: tally, quorum, timeline, votes, disputes')
    .action((id: string) => withApi(program, async (call) => printJson(await call('governance.get', { id }))))

  gov
    .command('vote-request <id>')
    .description('print the EIP-712 payload (eth_signTypedData_v4) a voter signs, to sign in any wallet')
    .requiredOption('--voter <address>', 'who votes')
    .requiredOption('--support <choice>', 'for, against or abstain')
    .option('--reason <text>', 'a reason, signed with the vote', '')
    .action((id: string, opts: { voter: string; support: string; reason: string }) => {
      const support = SUPPORTS.find((s) => s === opts.support)
      if (!support) throw new CliError('--support must be for, against or abstain')
      return withApi(program, async (call) =>
        printJson(await call('governance.voteRequest', { id, voter: opts.voter, support, reason: opts.reason })),
      )
    })

  gov
    .command('verify-vote <file>')
    .description('check a vote file offline (no workspace, no chain): its format and who signed it')
    .action((file: string) => {
      try {
        const votes = parseVoteFile(readFileSync(file, 'utf8'))
        printJson(
          votes.map((v) => {
            const signer = recoverSigner(voteDigest(v.domain, v.message), v.signature)
            return { index: v.index, ...v.message, signer, signatureMatchesVoter: signer === v.message.voter }
          }),
        )
      } catch (error) {
        if (error instanceof VoteFileError) throw new CliError(`${file}: ${error.message}`)
        throw error
      }
    })

  gov
    .command('import-votes <files...>')
    .description('import signed vote files or bundles (weights read from the chain at each snapshot)')
    .option('--skip-refused', 'import the valid votes of a file even when some are refused')
    .action((files: string[], opts: { skipRefused?: boolean }) =>
      withApi(program, async (call) => {
        for (const file of files) {
          const result = await call('governance.importVotes', {
            text: readFileSync(file, 'utf8'),
            skipRefused: opts.skipRefused ?? false,
          })
          const { outcomes, ...counts } = result
          printJson({ file, ...counts, refusedVotes: outcomes.filter((o) => o.status === 'refused') })
        }
      }),
    )

  gov
    .command('import-vote-lines <file>')
    .description(
      'import a vote-lines file (one signed vote per line, any size: streamed, signatures checked on both cores)',
    )
    .option('--skip-refused', 'import the valid votes even when some lines or votes are refused')
    .action(async (file: string, opts: { skipRefused?: boolean }) => {
      const { dataDir, workspace } = program.opts<{ dataDir: string; workspace?: string }>()
      const booted = await boot({
        dataDir: resolve(dataDir),
        host: 'cli',
        noSandbox: true,
        workspace,
        log: console.error,
      })
      try {
        const { outcomes, ...counts } = await importVoteLines(booted.services.ctx, resolve(file), {
          skipRefused: opts.skipRefused ?? false,
          onProgress: (lines) => console.error(`${lines.toLocaleString()} lines read`),
        })
        printJson({ file, ...counts, refusedVotes: outcomes.filter((o) => o.status === 'refused').slice(0, 200) })
      } catch (error) {
        throw new CliError(error instanceof Error ? error.message : String(error))
      } finally {
        await booted.close()
      }
    })

  gov
    .command('export-votes <id>')
    .description('write every stored vote of a proposal as one bundle, checkable by anyone')
    .option('--out <file>', 'where to write it (default: print)')
    .action((id: string, opts: { out?: string }) =>
      withApi(program, async (call) => {
        const { fileName, text } = await call('governance.exportVotes', { id })
        if (opts.out) {
          writeFileSync(opts.out, text + '\n')
          console.error(`wrote ${opts.out} (${fileName})`)
        } else console.log(text)
      }),
    )

  gov
    .command('participation')
    .description('turnout per proposal, success rate, delegates ranking and concentration')
    .action(() => withApi(program, async (call) => printJson(await call('governance.participation', {}))))

  gov
    .command('disputes')
    .description('disputes raised against proposals, disbursements and milestones')
    .option('--open', 'only the open ones')
    .action((opts: { open?: boolean }) =>
      withApi(program, async (call) =>
        printJson(await call('governance.disputes', opts.open ? { status: 'open' } : {})),
      ),
    )

  gov
    .command('delegation <address>')
    .description("an account's balance, voting power, delegate and delegators")
    .action((account: string) =>
      withApi(program, async (call) => printJson(await call('governance.delegation', { account }))),
    )
}
