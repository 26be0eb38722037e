import type { RegisterCommands } from '../context'
import { printJson, withApi } from '../context'

export const registerAuditCommands: RegisterCommands = (program) => {
  const audit = program.command('audit').description('the tamper-evident audit trail')
  audit
    .command('verify-db')
    .description("verify the workspace database's audit chain (exit code 1 when broken)")
    .action(() =>
      withApi(program, async (call) => {
        const verdict = await call('audit.verify', {})
        printJson(verdict)
        if (!verdict.ok) process.exitCode = 1
      }),
    )
}
