import { Command } from 'commander'
import { defaultDataDir } from '../main/core/workspace/paths'
import { registerWorkspaceCommands } from './commands/workspace'
import { registerAuditCommands } from './commands/audit'
import { registerKeysCommands } from './commands/keys'
import { registerSigningCommands } from './commands/signing'
import { registerGovernanceCommands } from './commands/governance'
import { registerGrantsCommands } from './commands/grants'
import { registerProposalCommands } from './commands/proposals'
import { registerTokensCommands } from './commands/tokens'
import { registerPricingCommands } from './commands/pricing'
import { registerGovernanceRisksCommands } from './commands/governance-risks'
import { registerCouncilCommands } from './commands/council'
import { registerTxServiceCommands } from './commands/txservice'
import { registerGovernorCommands } from './commands/governor'

/** `treasury`: the core without a window, for scripted and air-gapped work. */
const program = new Command('treasury')
  .description('AITBC Treasury command line')
  .option('--data-dir <dir>', 'workspace folder', defaultDataDir())
  .option('--workspace <name>', 'the workspace to work on, by name or id (default: the one chosen last in the app)')
  .showHelpAfterError()

// A capability adds its command group here.
for (const register of [
  registerWorkspaceCommands,
  registerAuditCommands,
  registerKeysCommands,
  registerSigningCommands,
  registerGovernanceCommands,
  registerGrantsCommands,
  registerProposalCommands,
  registerTokensCommands,
  registerPricingCommands,
  registerGovernanceRisksCommands,
  registerCouncilCommands,
  registerTxServiceCommands,
  registerGovernorCommands,
])
  register(program)

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`treasury: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
