import type { RegisterCommands } from '../context'
import { printJson, withApi } from '../context'

export const registerWorkspaceCommands: RegisterCommands = (program) => {
  program
    .command('status')
    .description('workspace, chain and audit-chain status')
    .action(() => withApi(program, async (call) => printJson(await call('workspace.info', {}))))

  program
    .command('safe')
    .description("the workspace Safe's owners, threshold, nonce and balances")
    .option('--address <address>', 'which Safe (default: the first)')
    .option('--refresh', 'read the chain instead of the last synced state')
    .action((opts: { address?: string; refresh?: boolean }) =>
      withApi(program, async (call) =>
        printJson(await call('safe.overview', { address: opts.address, refresh: opts.refresh })),
      ),
    )
}
