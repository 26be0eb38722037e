// Concentration metrics of the holder index at 100,000 holders, without a chain: a synthetic history (100,000
// mints, 500,000 transfers at 300 a block, 80 % of holders delegating) written through the index's own range writer
// into a workspace database, then holderMetrics timed at the index's end and at past blocks, and its answers
// compared with a plain BigInt computation over a replay of the same history. HOLDER_METRICS_HOLDERS=N and
// HOLDER_METRICS_TRANSFERS=N make a smaller run (then the figures carry no target). Then the index build against
// the node's own eth_getLogs on HOLDER_METRICS_BUILD_LOGS (100,000) Transfer logs; HOLDER_METRICS_ONLY_BUILD=1
// runs that part alone, HOLDER_METRICS_SKIP_BUILD=1 leaves it out. HOLDER_METRICS_BEFORE_SRC=DIR times another
// checkout's holderMetrics (e.g. the code before snapshots) on the same index in the same run, beside each figure.
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../src/main/core/db/open'
import { Contract, ContractFactory, Wallet, parseUnits, toQuantity } from 'ethers'
import {
  DELEGATE_CHANGED,
  DELEGATE_VOTES_CHANGED,
  TRANSFER,
  holderMetrics,
  syncHolderIndex,
} from '../src/main/core/governance/holder-index'
import { getLogs } from '../src/main/core/tokens/log-ranges'
import { account, plainProvider, startPlainNode, testArtifact } from '../test/integration/plain-chain'
import { createHolderIndex, writeRange } from '../src/main/core/governance/holder-index/store'
import { measuresOf, rowsOfBlocks, stateAt, syntheticHistory } from '../test/independent/holder-history'
import { median, type Bench, type BenchResult } from './types'

const CHAIN_ID = 31337
const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const FULL = { holders: 100_000, transfers: 500_000 }

function size(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, not "${raw}"`)
  return n
}

/** getLogs of [from, to] as ranges of `width` blocks, `inFlight` at once, answers fetched and parsed, nothing kept. */
async function bareGetLogs(url: string, token: string, from: number, to: number, width: number, inFlight: number) {
  let logs = 0
  const ranges: Array<[number, number]> = []
  for (let b = from; b <= to; b += width) ranges.push([b, Math.min(to, b + width - 1)])
  for (let i = 0; i < ranges.length; i += inFlight) {
    const answers = await Promise.all(
      ranges.slice(i, i + inFlight).map(([a, b]) =>
        getLogs(url, {
          address: token,
          fromBlock: toQuantity(a),
          toBlock: toQuantity(b),
          topics: [[TRANSFER, DELEGATE_CHANGED, DELEGATE_VOTES_CHANGED]],
        }),
      ),
    )
    for (const a of answers) logs += a.length
  }
  return logs
}

/**
 * The index build against the node's own eth_getLogs, on a plain Hardhat node: one token whose `spray` emits
 * `logs` Transfer logs (500 a transaction, so a block each: about the density of the generated holders' chain) from its deployer to one account. Two accounts only, so SQLite's share
 * (rows per account and block) is far smaller than with 100,000 holders: the write side is timed apart, above.
 */
async function buildAgainstGetLogs(logs: number): Promise<BenchResult[]> {
  const node = await startPlainNode(4344)
  const provider = plainProvider(node.rpcUrl)
  try {
    const artifact = testArtifact('TestToken')
    const factory = new ContractFactory(artifact.abi as never, artifact.bytecode, account(provider, 0))
    const deployed = await factory.deploy('Spray', 'SPR', 18, parseUnits('1000000', 18))
    await deployed.waitForDeployment()
    const token = await deployed.getAddress()
    const c = new Contract(token, artifact.abi as never, account(provider, 0))
    const to = Wallet.createRandom().address
    const sent = []
    for (let n = 0; n < logs; n += 500) sent.push(await c.spray(to, Math.min(500, logs - n), { gasLimit: 12_000_000 }))
    for (const tx of sent) {
      const res = await fetch(node.rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getTransactionReceipt', params: [tx.hash] }),
      })
      const receipt = ((await res.json()) as { result: { status: string } | null }).result
      if (receipt?.status !== '0x1') throw new Error(`spray ${tx.hash} failed`)
    }
    const head = await provider.getBlockNumber()
    const db = openDatabase(':memory:')
    const timed = async <T>(work: () => Promise<T>) => {
      const cpu = process.cpuUsage()
      const started = performance.now()
      const out = await work()
      const used = process.cpuUsage(cpu)
      return { out, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 }
    }
    // The same span, once in one request (the whole history), once as 4 requests in flight, then the build.
    const whole = await timed(() => bareGetLogs(node.rpcUrl, token, 0, head, head + 1, 1))
    const four = await timed(() => bareGetLogs(node.rpcUrl, token, 0, head, Math.ceil((head + 1) / 4), 4))
    const build = await timed(() => syncHolderIndex({ db, rpcUrl: node.rpcUrl, chainId: 4344, token, fromBlock: 0 }))
    if (build.out.read.logs !== whole.out || build.out.index.syncedTo !== head)
      throw new Error(
        `the build read ${build.out.read.logs} logs to ${build.out.index.syncedTo}, eth_getLogs ${whole.out}`,
      )
    const load = Math.round(loadavg()[0] * 100) / 100
    return [
      {
        name: `holder-index.build-${whole.out}-logs`,
        value: Math.round(build.ms),
        unit: 'ms',
        reference: {
          name: 'eth_getLogs of the whole span, one request, parsed',
          value: Math.round(whole.ms),
          unit: 'ms',
        },
        ratio: Math.round((build.ms / whole.ms) * 100) / 100,
        load,
        details: {
          blocks: head + 1,
          buildCpuMs: Math.round(build.cpuMs),
          bareOneRequestCpuMs: Math.round(whole.cpuMs),
          bareFourInFlightMs: Math.round(four.ms),
          ratioToFourInFlight: Math.round((build.ms / four.ms) * 100) / 100,
          splits: build.out.read.splits,
        },
      },
    ]
  } finally {
    provider.destroy()
    await node.stop()
  }
}

export const bench: Bench = {
  name: 'holder-metrics',
  async run(): Promise<BenchResult[]> {
    const buildLogs = size('HOLDER_METRICS_BUILD_LOGS', 100_000)
    if (process.env.HOLDER_METRICS_ONLY_BUILD) return buildAgainstGetLogs(buildLogs)
    const holders = size('HOLDER_METRICS_HOLDERS', FULL.holders)
    const transfers = size('HOLDER_METRICS_TRANSFERS', FULL.transfers)
    const full = holders >= FULL.holders && transfers >= FULL.transfers
    const log = (line: string) => process.stderr.write(`  ${line}\n`)
    const dir = mkdtempSync(join(tmpdir(), 'treasury-holder-metrics-'))
    const results: BenchResult[] = []
    try {
      const history = syntheticHistory({ holders, transfers, perBlock: 300, delegating: 0.8, delegates: 1_000 })
      // HOLDER_METRICS_REUSE_DB=FILE: the index a run kept (HOLDER_METRICS_KEEP_DB=1) for the same sizes, not written again.
      const reuse = process.env.HOLDER_METRICS_REUSE_DB
      const db = openDatabase(reuse ?? join(dir, 'workspace.sqlite'))
      const index = reuse ? { id: 1 } : createHolderIndex(db, CHAIN_ID, TOKEN, history.firstBlock)
      // As the sync writes (sync.ts SYNC_CACHE_KIB): a 64 MB page cache while the history goes in.
      const cacheSize = db.pragma('cache_size', { simple: true }) as number
      db.pragma('cache_size = -65536')
      const state = stateAt(history, 0)
      let started = performance.now()
      let rows = 0
      for (let from = history.firstBlock; !reuse && from <= history.lastBlock; from += 50) {
        const end = Math.min(history.lastBlock, from + 49)
        const range = rowsOfBlocks(history, state, from, end)
        rows += range.balances.length
        db.transaction(() => writeRange(db, index.id, { end, logs: 0, ...range, hashes: [], pruneBelow: end - 63 }))()
      }
      const written = performance.now() - started
      if (reuse) rows = db.prepare('SELECT count(*) FROM holder_balances').pluck().get() as number
      db.pragma(`cache_size = ${cacheSize}`)
      const votesRows = db.prepare('SELECT count(*) FROM holder_votes').pluck().get() as number
      log(`${holders} holders, ${rows} balance rows, ${votesRows} vote rows in ${Math.round(written)} ms`)
      const last = history.lastBlock
      const snapshots = db
        .prepare("SELECT block FROM holder_snapshots WHERE kind = 'balance' ORDER BY block")
        .pluck()
        .all() as number[]
      log(`snapshots at ${snapshots.join(', ')}`)
      // The end; a few blocks back; 100 back; the middle of the history; and around the snapshots: at one, the block
      // before it, halfway between two (the most rows from either), before the first, halfway from the last to the end.
      const points: Array<[string, number]> = [
        ['end', last],
        ['3-blocks-back', last - 3],
        ['100-blocks-back', last - 100],
        ['middle', Math.floor(last / 2)],
      ]
      if (snapshots.length >= 2) {
        const [s1, s2] = snapshots.slice(Math.floor(snapshots.length / 2) - 1)
        points.push(
          ['at-a-snapshot', s1],
          ['block-before-a-snapshot', s2 - 1],
          ['between-two-snapshots', (s1 + s2) >> 1],
        )
      }
      if (snapshots.length >= 1) {
        points.push(['before-the-first-snapshot', Math.max(1, snapshots[0] >> 1)])
        points.push(['between-the-last-snapshot-and-the-end', (snapshots[snapshots.length - 1] + last) >> 1])
      }
      // The code before snapshots (another checkout's holder index, e.g. main's), timed on the same rows in this run.
      const beforeSrc = process.env.HOLDER_METRICS_BEFORE_SRC
      const before = beforeSrc
        ? ((await import(join(beforeSrc, 'src/main/core/governance/holder-index/metrics.ts'))) as {
            holderMetrics: typeof holderMetrics
          })
        : null
      const timedRuns = (metricsOf: typeof holderMetrics, block: number) => {
        const times: number[] = []
        const cpuTimes: number[] = []
        let metrics = metricsOf(db, CHAIN_ID, TOKEN, block)
        for (let run = 0; run < 5; run++) {
          const cpu = process.cpuUsage()
          started = performance.now()
          metrics = metricsOf(db, CHAIN_ID, TOKEN, block)
          times.push(performance.now() - started)
          const used = process.cpuUsage(cpu)
          cpuTimes.push((used.user + used.system) / 1000)
        }
        return { metrics, times, cpuMs: Math.round(median(cpuTimes)) }
      }
      let failed = 0
      for (const [label, block] of points.filter(([, b]) => b >= history.firstBlock)) {
        let timed: ReturnType<typeof timedRuns>
        try {
          timed = timedRuns(holderMetrics, block)
        } catch (error) {
          // Every other point still measured; the workspace kept to look at (HOLDER_METRICS_KEEP_DB=1).
          failed++
          log(`holder-metrics.${label} (block ${block}) failed: ${(error as Error).message}`)
          continue
        }
        const { metrics, times, cpuMs } = timed
        const old = before ? timedRuns(before.holderMetrics, block) : null
        const replay = stateAt(history, block)
        const same = (got: typeof metrics.holdings, want: ReturnType<typeof measuresOf>) =>
          got.holders === want.holders &&
          got.total === want.total &&
          got.top10Share === want.top10Share &&
          got.gini === want.gini &&
          got.nakamoto === want.nakamoto &&
          got.top.every((t, i) => t.account.toLowerCase() === want.top[i].account && t.amount === want.top[i].amount)
        const sameAsReplay =
          same(metrics.holdings, measuresOf(replay.balances)) && same(metrics.votingPower, measuresOf(replay.votes))
        if (!sameAsReplay) {
          failed++
          log(`holderMetrics at ${label} (block ${block}) differs from the replay`)
        }
        const value = Math.round(median(times))
        results.push({
          name: `holder-metrics.${label}`,
          value,
          unit: 'ms',
          ...(full ? { target: '<= 500 ms', met: value <= 500 } : {}),
          ...(old
            ? {
                reference: {
                  name: `before snapshots (${beforeSrc})`,
                  value: Math.round(median(old.times)),
                  unit: 'ms',
                },
                ratio: Math.round((value / median(old.times)) * 100) / 100,
              }
            : {}),
          load: Math.round(loadavg()[0] * 100) / 100,
          details: {
            block,
            lastBlock: last,
            holders: metrics.holdings.holders,
            withVotingPower: metrics.votingPower.holders,
            delegates: metrics.delegates,
            balanceRows: rows,
            voteRows: votesRows,
            runsMs: times.map((t) => Math.round(t)),
            // Under load the wall time is mostly the machine: this thread's CPU time beside it.
            cpuMs,
            ...(old ? { beforeCpuMs: old.cpuMs, beforeRunsMs: old.times.map((t) => Math.round(t)) } : {}),
            sameAsReplay,
          },
        })
        log(JSON.stringify(results[results.length - 1]))
      }
      results.push({
        name: 'holder-metrics.write-synthetic-index',
        value: Math.round(written),
        unit: 'ms',
        details: {
          balanceRows: rows,
          voteRows: votesRows,
          blocks: last,
          snapshots: snapshots.length,
          snapshotEntries: db.prepare('SELECT sum(holders) FROM holder_snapshots').pluck().get(),
          snapshotBytes: db
            .prepare('SELECT sum(length(amounts) + length(accounts)) FROM holder_snapshots')
            .pluck()
            .get(),
          databasePages: db.pragma('page_count', { simple: true }),
          freePages: db.pragma('freelist_count', { simple: true }),
          pageSize: db.pragma('page_size', { simple: true }),
        },
      })
      db.close()
      if (failed > 0) throw new Error(`${failed} metrics points failed (see above)`)
    } finally {
      if (process.env.HOLDER_METRICS_KEEP_DB) log(`workspace kept: ${dir}`)
      else rmSync(dir, { recursive: true, force: true })
    }
    return process.env.HOLDER_METRICS_SKIP_BUILD ? results : [...results, ...(await buildAgainstGetLogs(buildLogs))]
  },
}
