// `npx tsx bench/index-build-replay.ts capture FILE HOLDERS TRANSFERS VOTES DELEGATES` generates a votes token on a
// fresh sandbox (bench/holders-generator.ts) and saves its logs, one range of about 20,000 logs a line;
// `npx tsx bench/index-build-replay.ts replay FILE ROUNDS COMMIT_LOGS...` writes them into a fresh holder index
// through the sync's range writer, once per commit size per round (interleaved), without the node: the write side
// of the index build alone (and the parsing of each range's logs), repeatable, with this process's CPU.
import { createReadStream, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createInterface } from 'node:readline'
import { toQuantity } from 'ethers'
import { startSandbox } from '../src/main/core/sandbox'
import { openDatabase } from '../src/main/core/db/open'
import { rpcBatch } from '../src/main/core/governance'
import { getLogs, type RawLog } from '../src/main/core/tokens/log-ranges'
import { createHolderIndex, dropOrderIndexes, ensureOrderIndexes } from '../src/main/core/governance/holder-index/store'
import {
  DELEGATE_CHANGED,
  DELEGATE_VOTES_CHANGED,
  TRANSFER,
  rangeWriter,
} from '../src/main/core/governance/holder-index/range-writer'
import { SYNC_CACHE_KIB } from '../src/main/core/governance/holder-index/sync'
import { generateHolders } from './holders-generator'

interface SavedRange {
  start: number
  end: number
  logs: RawLog[]
}

async function capture(file: string, holders: string, transfers: string, votes: string, delegates: string) {
  const sandbox = await startSandbox()
  try {
    const scale = { holders: +holders, transfers: +transfers, votes: +votes, delegates: +delegates }
    const generated = await generateHolders(sandbox, scale, (l) => process.stderr.write(`  ${l}\n`))
    const [h] = await rpcBatch(sandbox.rpcUrl, [{ method: 'eth_blockNumber', params: [] }])
    const head = Number(BigInt(h.result as string))
    writeFileSync(file, JSON.stringify({ token: generated.token, head }) + '\n')
    let width = 10
    for (let start = 0; start <= head;) {
      const end = Math.min(head, start + width - 1)
      const logs = await getLogs(sandbox.rpcUrl, {
        address: generated.token,
        fromBlock: toQuantity(start),
        toBlock: toQuantity(end),
        topics: [[TRANSFER, DELEGATE_CHANGED, DELEGATE_VOTES_CHANGED]],
      })
      appendFileSync(file, JSON.stringify({ start, end, logs } satisfies SavedRange) + '\n')
      start = end + 1
      if (logs.length > 20_000) width = Math.max(1, Math.floor((width * 20_000) / logs.length))
      else if (logs.length < 10_000) width *= 2
    }
  } finally {
    await sandbox.stop()
  }
}

/** The saved header, then each range as it is read from the file (parsed one at a time, as the sync parses answers). */
async function* readSaved(file: string) {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
  for await (const line of lines) yield JSON.parse(line) as SavedRange | { token: string; head: number }
}

async function replay(file: string, rounds: string, sizes: string[]) {
  for (let round = 0; round < +rounds; round++)
    for (const size of sizes) {
      const dir = mkdtempSync(join(tmpdir(), 'treasury-bench-replay-'))
      const db = openDatabase(join(dir, 'workspace.sqlite'))
      try {
        // The sync's cache, or another to compare (HOLDER_SYNC_CACHE_KIB).
        db.pragma(`cache_size = -${process.env.HOLDER_SYNC_CACHE_KIB ?? SYNC_CACHE_KIB}`)
        const saved = readSaved(file)
        const header = (await saved.next()).value as { token: string; head: number }
        const index = createHolderIndex(db, 31337, header.token, 0)
        // As the sync's first build writes (HOLDER_ORDER_INDEXES=1 keeps them, to compare).
        if (!process.env.HOLDER_ORDER_INDEXES) dropOrderIndexes(db)
        let commits = 0
        let ranges = 0
        const writer = rangeWriter({
          db,
          indexId: index.id,
          token: header.token,
          target: header.head,
          balanceBefore: () => 0n,
          onCommit: () => {
            commits += 1
          },
          commitLogs: +size,
        })
        const cpu = process.cpuUsage()
        const t = performance.now()
        for await (const r of saved as AsyncGenerator<SavedRange>) {
          writer.add({ start: r.start, end: r.end, logs: r.logs, hashes: new Map() })
          ranges += 1
        }
        writer.commit()
        ensureOrderIndexes(db)
        const used = process.cpuUsage(cpu)
        const snapshots = db.prepare('SELECT count(*) FROM holder_snapshots').pluck().get()
        console.log(
          JSON.stringify({
            commitLogs: +size,
            ranges,
            commits,
            snapshots,
            ms: Math.round(performance.now() - t),
            cpuMs: Math.round((used.user + used.system) / 1000),
            load: loadavg()[0],
          }),
        )
      } finally {
        db.close()
        rmSync(dir, { recursive: true, force: true })
      }
    }
}

const [mode, file, ...rest] = process.argv.slice(2)
;(mode === 'capture'
  ? capture(file, rest[0] ?? '50000', rest[1] ?? '500000', rest[2] ?? '40000', rest[3] ?? '500')
  : replay(file, rest[0] ?? '1', rest.slice(1).length ? rest.slice(1) : ['1', '150000'])
).catch((error) => {
  console.error(error)
  process.exit(1)
})
