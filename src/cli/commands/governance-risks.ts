import { InvalidArgumentError, type Command } from 'commander'
import type { RegisterCommands } from '../context'
import { printJson, withApi } from '../context'
import type { ConcentrationView } from '../../shared/contract/governance-risks'

const blockOption = (value: string): number => {
  const n = Number(value)
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('not a block number')
  return n
}

const line = (name: string, c: ConcentrationView) =>
  `${name.padEnd(13)} holders ${c.holders}, top-10 share ${c.top10Share ?? '-'}, Gini ${c.gini ?? '-'}, Nakamoto ${c.nakamoto ?? '-'}`

/** `treasury governance risks`: concentration at a block, turnout over time, failed quorums. */
export const registerGovernanceRisksCommands: RegisterCommands = (program) => {
  const governance: Command = program.commands.find((c) => c.name() === 'governance') ?? program.command('governance')
  governance
    .command('risks')
    .description('voting-power and holder concentration at a block, voter turnout and failed quorums')
    .option('--block <n>', 'the block to measure at (default: the latest)', blockOption)
    .option('--json', 'JSON output')
    .action((o: { block?: number; json?: boolean }) =>
      withApi(program, async (call) => {
        const r = await call('governance.risks', { block: o.block })
        if (o.json) return printJson(r)
        console.log(`${r.token.symbol} at block ${r.block} (${r.blockTime}), ${r.scan.logs} logs read`)
        console.log(line('voting power', r.votingPower))
        console.log(line('holdings', r.holdings))
        console.log(
          `turnout: ${r.apathy.measured} proposals measured, average ${r.apathy.averageTurnoutBps ?? '-'} bps; ${r.failedQuorum.length} failed quorum`,
        )
      }),
    )
}
