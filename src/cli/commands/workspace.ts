import type { RegisterCommands } from '../context'
import { CliError, printJson, withApi } from '../context'

const chainId = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value)) throw new CliError(`--chain must be a chain id (a whole number), got "${value}"`)
  return Number(value)
}

export const registerWorkspaceCommands: RegisterCommands = (program) => {
  program
    .command('status')
    .description('workspace, chain and audit-chain status')
    .action(() => withApi(program, async (call) => printJson(await call('workspace.info', {}))))

  const showSafe = (opts: { address?: string; chain?: string; refresh?: boolean }) =>
    withApi(program, async (call) =>
      printJson(
        await call('safe.overview', { address: opts.address, chainId: chainId(opts.chain), refresh: opts.refresh }),
      ),
    )

  const safe = program
    .command('safe')
    .description("the workspace's Safes: list them, show one, choose the active one")
    .option('--address <address>', 'which Safe (default: the active one)')
    .option('--chain <id>', 'the chain of that Safe (default: the active chain)')
    .option('--refresh', 'read the chain instead of the last synced state')
    // `treasury safe` alone shows the active Safe, as before the subcommands.
    .action(showSafe)

  safe
    .command('list')
    .description('every Safe of the workspace on every chain (chain, address, version, threshold, active), as JSON')
    .action(() => withApi(program, async (call) => printJson(await call('safe.list', { all: true }))))

  safe
    .command('show')
    .description("one Safe's owners, threshold, nonce, modules and balances, as JSON")
    .option('--address <address>', 'which Safe (default: the active one)')
    .option('--chain <id>', 'the chain of that Safe (default: the active chain)')
    .option('--refresh', 'read the chain instead of the last synced state')
    .action(showSafe)

  safe
    .command('use <address>')
    .description('make this Safe the active one (proposals, batches and signing go to it)')
    .option('--chain <id>', 'its chain (default: the only chain where the workspace has that Safe)')
    .action((address: string, opts: { chain?: string }) =>
      withApi(program, async (call) => {
        let id = chainId(opts.chain)
        if (id === undefined) {
          const matches = (await call('safe.list', { all: true })).filter(
            (s) => s.address.toLowerCase() === address.toLowerCase(),
          )
          if (matches.length === 0) throw new CliError(`no Safe ${address} in this workspace`)
          if (matches.length > 1)
            throw new CliError(
              `${address} is a Safe on chains ${matches.map((m) => m.chainId).join(', ')}: add --chain`,
            )
          id = matches[0].chainId
        }
        printJson(await call('safe.select', { chainId: id, address }))
      }),
    )

  program
    .command('chains')
    .description("the workspace's chains (RPC, contract addresses' source, Safes), as JSON")
    .action(() => withApi(program, async (call) => printJson(await call('chains.list', {}))))

  const workspaces = program.command('workspaces').description('the workspaces of this data folder')

  workspaces
    .command('list')
    .description('every workspace (id, name, kind) and the one chosen last, as JSON')
    .action(() => withApi(program, async (call) => printJson(await call('workspaces.list', {}))))

  workspaces
    .command('rename <id> <name>')
    .description('rename a named workspace')
    .action((id: string, name: string) =>
      withApi(program, async (call) => printJson(await call('workspaces.rename', { id, name }))),
    )

  workspaces
    .command('delete <id>')
    .description('delete a named workspace that is not open: its database, exports and keys (wiped)')
    .requiredOption('--confirm <name>', "the workspace's name, typed again")
    .action((id: string, opts: { confirm: string }) =>
      withApi(program, async (call) => printJson(await call('workspaces.delete', { id, confirmName: opts.confirm }))),
    )
}
