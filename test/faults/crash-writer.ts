// Child process for the crash-safety test: writes proposals, signatures and disbursement batches through the real
// API (and bulk audit appends), as fast as it can, until the parent kills it with SIGKILL. Run with tsx; configuration comes by environment.
import { Wallet, getAddress } from 'ethers'
import { join, dirname } from 'node:path'
import { openDatabase } from '../../src/main/core/db/open'
import { createContext } from '../../src/main/core/workspace/context'
import { adoptSandbox, createSandboxController } from '../../src/main/core/workflows/sandbox-workspace'
import { getActiveChain } from '../../src/main/core/chain'
import { KeyStore } from '../../src/main/core/keys'
import { createApi } from '../../src/main/api'
import { appendAuditEvents } from '../../src/main/core/audit'
import type { SandboxInfo } from '../../src/main/core/sandbox'

/** A distinct, valid receiver per row: a file with a repeated receiver is refused as a duplicate. */
function receiver(i: number, k: number): string {
  return getAddress('0x' + (0x100000 + i * 100 + k).toString(16).padStart(40, 'a'))
}

async function main(): Promise<void> {
  const file = process.env.CRASH_DB!
  const shared = JSON.parse(process.env.CRASH_SANDBOX!) as Omit<SandboxInfo, 'stop'>
  const info: SandboxInfo = { ...shared, stop: async () => {} }
  const ctx = createContext(openDatabase(file), 'cli', 'crash-test')
  if (!getActiveChain(ctx.db)) adoptSandbox(ctx, info)
  const api = createApi({
    ctx,
    sandbox: createSandboxController(
      ctx,
      () => {},
      async () => info,
    ),
    keys: new KeyStore(ctx, { dir: join(dirname(file), 'keys'), scryptN: 1024 }),
  })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test driver reading a few known fields
  const call = async (name: string, input: unknown): Promise<any> => {
    const r = await api.dispatch(name, input)
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`)
    return r.value
  }
  const alice = new Wallet(info.signers[0].privateKey)
  const safe = info.safeAddress

  // One budget line for the CSV batches (created once per database).
  const lines = (await call('budgets.listLines', {})) as Array<{ id: number }>
  let lineId = lines[0]?.id
  if (!lineId) {
    const period = await call('budgets.createPeriod', { name: 'Crash', startsOn: '2026-01-01', endsOn: '2030-12-31' })
    lineId = (
      await call('budgets.createLine', {
        periodId: period.id,
        category: 'ops',
        token: 'native',
        allocation: '1000000000000000000000000',
      })
    ).id
  }
  await call('safe.overview', { refresh: true })
  process.stdout.write('ready\n')

  for (let i = 0; ; i++) {
    const parts = Array.from({ length: 5 }, (_, k) => ({
      type: 'eth_transfer' as const,
      to: info.signers[k % 3].address,
      amount: String(1000 + i * 10 + k),
    }))
    const proposal = await call('proposals.create', {
      safe,
      title: `Crash ${i}`,
      body: { type: 'transactions', parts },
    })
    const signature = alice.signingKey.sign(proposal.safeTxHash).serialized
    await call('proposals.addSignature', { id: proposal.id, signature })
    if (i % 3 === 1)
      // The vote import's bulk append (one event per voter, their day counts added once at the end), called
      // directly: the import itself needs a governance decision this writer does not set up.
      appendAuditEvents(
        ctx.db,
        Array.from({ length: 500 }, (_, k) => ({
          actor: receiver(i, k),
          action: 'governance.votes.imported',
          subject: `crash:${i}`,
          payload: { stored: 1 },
        })),
      )
    if (i % 2 === 0) {
      const rows = Array.from({ length: 20 }, (_, k) => `native,,${receiver(i, k)},0.0${(k % 9) + 1},r${i}-${k}`)
      const csv = ['token_type,token_address,receiver,amount,id', ...rows].join('\n')
      await call('disbursements.create', {
        title: `Crash batch ${i}`,
        source: { kind: 'csv', csv, budgetLineIds: [lineId] },
      })
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`crash-writer: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
