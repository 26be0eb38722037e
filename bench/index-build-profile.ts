// `npx tsx bench/index-build-profile.ts HOLDERS TRANSFERS [DELEGATES]` (add `node --cpu-prof --import tsx` to
// profile): generates a votes token on a fresh sandbox (bench/holders-generator.ts) and times the holder index build
// from block 0 alone, with this process's CPU and the time spent taking snapshots, so the write side of the build can
// be measured without the full bench's references.
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { startSandbox } from '../src/main/core/sandbox'
import { openDatabase } from '../src/main/core/db/open'
import { createContext } from '../src/main/core/workspace/context'
import { rpcBatch } from '../src/main/core/governance'
import { syncHolderIndex } from '../src/main/core/governance/holder-index/sync'
import { generateHolders } from './holders-generator'
import { sandboxApi } from './sandbox-api'

async function main() {
  const [holders = '50000', transfers = '500000', delegates = '500'] = process.argv.slice(2)
  const sandbox = await startSandbox()
  const dir = mkdtempSync(join(tmpdir(), 'treasury-bench-index-build-'))
  const ctx = createContext(openDatabase(join(dir, 'workspace.sqlite')), 'cli', 'bench')
  try {
    const scale = { holders: +holders, transfers: +transfers, votes: 0, delegates: +delegates }
    const generated = await generateHolders(sandbox, scale, (l) => process.stderr.write(`  ${l}\n`))
    const { call } = sandboxApi(ctx, sandbox, dir)
    await call('tokens.add', { chainId: sandbox.chainId, address: generated.token })
    await call('governance.setToken', { chainId: sandbox.chainId, address: generated.token })
    const head = Number(
      BigInt((await rpcBatch(sandbox.rpcUrl, [{ method: 'eth_blockNumber', params: [] }]))[0].result as string),
    )
    const cpu = process.cpuUsage()
    const t = performance.now()
    const built = await syncHolderIndex({
      db: ctx.db,
      rpcUrl: sandbox.rpcUrl,
      chainId: sandbox.chainId,
      token: generated.token,
      toBlock: head,
    })
    const used = process.cpuUsage(cpu)
    const snapshots = ctx.db.prepare('SELECT count(*) FROM holder_snapshots').pluck().get()
    console.log(
      JSON.stringify({
        holders: scale.holders,
        transfers: scale.transfers,
        logs: built.read.logs,
        buildMs: Math.round(performance.now() - t),
        cpuMs: Math.round((used.user + used.system) / 1000),
        snapshots,
        load: loadavg().map((l) => Math.round(l * 100) / 100),
      }),
    )
  } finally {
    ctx.db.close()
    rmSync(dir, { recursive: true, force: true })
    await sandbox.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
