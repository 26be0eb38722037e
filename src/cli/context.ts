import type { Command } from 'commander'
import { resolve } from 'node:path'
import { boot } from '../main/boot'
import type { CallInput, CallName, CallOutput } from '../shared/contract'

export class CliError extends Error {}

export type CliCall = <N extends CallName>(name: N, input: CallInput<N>) => Promise<CallOutput<N>>

/**
 * Opens the workspace named by `--workspace` (id or name, the sandbox too), else the one chosen last in the app (never
 * the sandbox), and runs `work` with the same API dispatcher the app uses, so the
 * CLI validates and audits exactly as the app does.
 */
export async function withApi<T>(program: Command, work: (call: CliCall) => Promise<T>): Promise<T> {
  const { dataDir, workspace } = program.opts<{ dataDir: string; workspace?: string }>()
  const booted = await boot({
    dataDir: resolve(dataDir),
    host: 'cli',
    noSandbox: true,
    // By id or name; without it, the workspace chosen last in the app (or Main).
    workspace,
    log: (line) => console.error(line),
  }).catch((error: unknown) => {
    throw new CliError(error instanceof Error ? error.message : String(error))
  })
  try {
    return await work(async (name, input) => {
      const envelope = await booted.api.dispatch(name, input)
      if (!envelope.ok) throw new CliError(`${envelope.error.code}: ${envelope.error.message}`)
      return envelope.value as never
    })
  } finally {
    await booted.close()
  }
}

export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2))
}

/** Each command group registers itself on the program; see commands/*.ts. */
export type RegisterCommands = (program: Command) => void
