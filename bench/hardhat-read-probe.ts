// `npx tsx bench/hardhat-read-probe.ts STATE.json EXPERIMENT…` against a chain made by bench/weights-chain-setup.ts:
// what the Hardhat node (EDR) spends on the holder index's eth_getLogs and on the weights' eth_call, request shape by
// request shape. Each figure prints as one JSON line with the load average and the node's CPU split by thread: its
// JavaScript thread (Hardhat's HTTP server and provider wrapper) and EDR's tokio threads (the Rust node itself).
// `profile-logs` / `profile-calls` take a CPU profile of the node's JavaScript thread through its inspector (opened by
// SIGUSR1 on 127.0.0.1:9229) and print the functions with the most self time.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { getAddress } from 'ethers'
import { openDatabase } from '../src/main/core/db/open'
import { syncHolderIndex } from '../src/main/core/governance/holder-index/sync'
import { scanLogRanges } from '../src/main/core/tokens/log-ranges'
import { performance } from 'node:perf_hooks'
// @ts-expect-error -- no @types/ws installed; the probe uses only its constructor, on, off, send and close
import WebSocket from 'ws'
import { MULTICALL3_ADDRESS } from '../src/main/core/tokens/balances'
import { decodePastVotesAggregate, encodePastVotesAggregate } from '../src/main/core/governance/past-votes-multicall'
import { DELEGATE_CHANGED, DELEGATE_VOTES_CHANGED, TRANSFER } from '../src/main/core/governance/holder-index/sync'

interface State {
  rpcUrl: string
  token: string
  snapshot: number
  voters: string[]
}
const state = JSON.parse(readFileSync(process.argv[2], 'utf8')) as State
const experiments = process.argv.slice(3)

const port = new URL(state.rpcUrl).port
const nodePid = Number(
  /pid=(\d+)/.exec(execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' }))?.[1] ?? NaN,
)
const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }))

/** CPU ms so far of the node's JavaScript thread, of EDR's tokio threads, and of the rest (libuv pool, GC, …). */
function nodeCpu(): { js: number; edr: number; other: number } {
  const out = { js: 0, edr: 0, other: 0 }
  for (const tid of readdirSync(`/proc/${nodePid}/task`)) {
    try {
      const fields = readFileSync(`/proc/${nodePid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ')
      const ms = (Number(fields[11]) + Number(fields[12])) * TICK_MS
      const comm = readFileSync(`/proc/${nodePid}/task/${tid}/comm`, 'utf8')
      if (Number(tid) === nodePid) out.js += ms
      else if (comm.startsWith('tokio')) out.edr += ms
      else out.other += ms
    } catch {
      // the thread ended
    }
  }
  return out
}
const ownCpu = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
const load = () => Math.round(loadavg()[0] * 100) / 100
const round = (n: number) => Math.round(n * 10) / 10
const print = (o: Record<string, unknown>) => process.stdout.write(JSON.stringify({ ...o, load: load() }) + '\n')

async function timed<T>(run: () => Promise<T>) {
  const n0 = nodeCpu()
  const own0 = ownCpu()
  const t = performance.now()
  const value = await run()
  const n1 = nodeCpu()
  return {
    value,
    wallMs: round(performance.now() - t),
    nodeJsMs: round(n1.js - n0.js),
    nodeEdrMs: round(n1.edr - n0.edr),
    nodeOtherMs: round(n1.other - n0.other),
    ownCpuMs: round(ownCpu() - own0),
  }
}

async function pool(tasks: Array<() => Promise<unknown>>, inFlight: number) {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(inFlight, tasks.length) }, async () => {
      while (next < tasks.length) await tasks[next++]()
    }),
  )
}

// ---- transports -------------------------------------------------------------------------------------------------

let requestId = 0
let bytesIn = 0
interface Answer {
  result?: unknown
  error?: { message: string }
}
async function httpPost(body: unknown): Promise<unknown> {
  const r = await fetch(state.rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const text = await r.text()
  bytesIn += text.length
  return JSON.parse(text)
}
async function http(method: string, params: unknown[]): Promise<unknown> {
  const a = (await httpPost({ jsonrpc: '2.0', id: ++requestId, method, params })) as Answer
  if (a.error) throw new Error(`${method}: ${a.error.message}`)
  return a.result
}

let socket: Promise<WebSocket> | null = null
const waiting = new Map<number, (a: Answer) => void>()
function ws(method: string, params: unknown[]): Promise<unknown> {
  socket ??= new Promise((resolve, reject) => {
    const s = new WebSocket(state.rpcUrl.replace(/^http/, 'ws'), { maxPayload: 2 ** 31 - 1 })
    s.on('open', () => resolve(s))
    s.on('error', reject)
    s.on('message', (data: Buffer) => {
      bytesIn += data.length
      const a = JSON.parse(data.toString('utf8')) as Answer & { id: number }
      waiting.get(a.id)?.(a)
      waiting.delete(a.id)
    })
  })
  const id = ++requestId
  return socket.then(
    (s) =>
      new Promise((resolve, reject) => {
        waiting.set(id, (a) => (a.error ? reject(new Error(`${method}: ${a.error.message}`)) : resolve(a.result)))
        s.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }))
      }),
  )
}

// ---- the node's JavaScript profile ------------------------------------------------------------------------------

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
async function inspector(): Promise<WebSocket> {
  process.kill(nodePid, 'SIGUSR1')
  await new Promise((r) => setTimeout(r, 500))
  const owner = execFileSync('ss', ['-ltnpH', 'sport = :9229'], { encoding: 'utf8' })
  if (!owner.includes(`pid=${nodePid},`)) throw new Error(`port 9229 is not the node's: ${owner}`)
  const [target] = (await (await fetch('http://127.0.0.1:9229/json/list')).json()) as Array<{
    webSocketDebuggerUrl: string
  }>
  const s = new WebSocket(target.webSocketDebuggerUrl, { maxPayload: 2 ** 31 - 1 })
  await new Promise((r, j) => (s.on('open', r), s.on('error', j)))
  return s
}
let cdpId = 0
function cdp(s: WebSocket, method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const id = ++cdpId
  return new Promise((resolve) => {
    const on = (data: Buffer) => {
      const m = JSON.parse(data.toString('utf8')) as { id?: number; result?: Record<string, unknown> }
      if (m.id === id) {
        s.off('message', on)
        resolve(m.result ?? {})
      }
    }
    s.on('message', on)
    s.send(JSON.stringify({ id, method, params }))
  })
}
async function profiled(label: string, run: () => Promise<unknown>) {
  const s = await inspector()
  await cdp(s, 'Profiler.enable')
  await cdp(s, 'Profiler.setSamplingInterval', { interval: 500 })
  await cdp(s, 'Profiler.start')
  const r = await timed(run)
  const { profile } = (await cdp(s, 'Profiler.stop')) as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }
  }
  s.close()
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  const byPackage = new Map<string, number>()
  let total = 0
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0
    total += us
    const f = byId.get(id)!.callFrame
    const where = f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\//, '')
    const key = `${f.functionName || '(anonymous)'} ${where}:${f.lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + us)
    const pkg = f.url.includes('node_modules/')
      ? f.url
          .replace(/^.*node_modules\//, '')
          .split('/')
          .slice(0, f.url.includes('node_modules/@') ? 2 : 1)
          .join('/')
      : f.url
        ? 'node:' + f.url.split('/').pop()
        : f.functionName
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us)
  })
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `${round(us / 1000)} ms ${Math.round((us * 100) / total)}% ${k}`)
  print({ name: `profile.${label}`, ...r, value: undefined, profiledMs: round(total / 1000) })
  console.log(top(byPackage, 12).join('\n'))
  console.log(top(self, 25).join('\n'))
}

// ---- logs ---------------------------------------------------------------------------------------------------------

const TOPICS = [[TRANSFER, DELEGATE_CHANGED, DELEGATE_VOTES_CHANGED]]
type Rpc = (method: string, params: unknown[]) => Promise<unknown>
const logsOf = (rpc: Rpc, start: number, end: number, topics: unknown = TOPICS, address: unknown = state.token) =>
  rpc('eth_getLogs', [
    { address, fromBlock: '0x' + start.toString(16), toBlock: '0x' + end.toString(16), ...(topics ? { topics } : {}) },
  ]) as Promise<unknown[]>

let head = 0
let perBlock: number[] = []
/** Logs of every block, from a first scan 20 blocks a range (itself printed as a figure). */
async function census() {
  if (perBlock.length) return
  head = Number(BigInt((await http('eth_blockNumber', [])) as string))
  perBlock = new Array(head + 1).fill(0)
  const ranges: Array<[number, number]> = []
  for (let b = 0; b <= head; b += 20) ranges.push([b, Math.min(head, b + 19)])
  const r = await timed(() =>
    pool(
      ranges.map(([s, e]) => async () => {
        for (const log of (await logsOf(http, s, e)) as Array<{ blockNumber: string }>)
          perBlock[Number(BigInt(log.blockNumber))]++
      }),
      1,
    ),
  )
  const logs = perBlock.reduce((a, b) => a + b, 0)
  print({ name: 'logs.census', head, logs, ranges: ranges.length, ...r, value: undefined })
}
/** Consecutive ranges over [0, head] of about `target` logs each (a block is never split). */
function rangesOf(target: number): Array<[number, number]> {
  const out: Array<[number, number]> = []
  let start = 0
  let n = 0
  for (let b = 0; b <= head; b++) {
    n += perBlock[b]
    if (n >= target || b === head) {
      out.push([start, b])
      start = b + 1
      n = 0
    }
  }
  return out
}
async function scan(
  label: string,
  ranges: Array<[number, number]>,
  inFlight: number,
  read: (s: number, e: number) => Promise<number>,
) {
  bytesIn = 0
  let logs = 0
  const r = await timed(() =>
    pool(
      ranges.map(([s, e]) => async () => {
        const n = await read(s, e)
        logs += n
      }),
      inFlight,
    ),
  )
  print({
    name: `logs.${label}`,
    ranges: ranges.length,
    inFlight,
    logs,
    mb: round(bytesIn / 1e6),
    ...r,
    value: undefined,
    nodeUsPerLog: round(((r.nodeJsMs + r.nodeEdrMs + r.nodeOtherMs) * 1000) / logs),
  })
}
const count = (rpc: Rpc) => async (s: number, e: number) => (await logsOf(rpc, s, e)).length

// ---- weights ------------------------------------------------------------------------------------------------------

async function aggregate(rpc: Rpc, accounts: string[], tag: string, block = state.snapshot) {
  const data = encodePastVotesAggregate(state.token, accounts, block)
  const result = (await rpc('eth_call', [{ to: MULTICALL3_ADDRESS, data }, tag])) as string
  return decodePastVotesAggregate(result, accounts.length, String)
}
/** Runtime code of a helper that calls getPastVotes per account and returns the words alone (see /tmp/hh/asm.py). */
const HELPER_CODE =
  '0x633a46b1a860005260203560405260003560405b803611156100435780356020526020816020016044601c855afa1561004b573d6020141561004b57602001610013565b604081036060f35b6040810360051c60005260206000fd'
const HELPER = '0x7e1f0000000000000000000000000000000a17bc'
async function viaHelper(rpc: Rpc, accounts: string[], tag: string, block = state.snapshot) {
  const word = (hex: string) => hex.replace(/^0x/, '').toLowerCase().padStart(64, '0')
  const data = '0x' + word(state.token) + word(block.toString(16)) + accounts.map(word).join('')
  const result = (await rpc('eth_call', [{ to: HELPER, data }, tag, { [HELPER]: { code: HELPER_CODE } }])) as string
  if (result.length !== 2 + 64 * accounts.length) throw new Error(`helper answered ${result.length} chars`)
  return Array.from({ length: accounts.length }, (_, i) => BigInt('0x' + result.slice(2 + i * 64, 66 + i * 64)))
}
const chunks = (list: string[], size: number) =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size))

async function main() {
  print({ name: 'probe.start', nodePid, voters: state.voters.length, snapshot: state.snapshot })
  for (const experiment of experiments) {
    if (experiment === 'census') await census()
    else if (experiment === 'logs-size') {
      await census()
      for (const target of (process.env.TARGETS ?? '2000,10000,20000,50000').split(',').map(Number))
        await scan(`size-${target}`, rangesOf(target), 1, count(http))
    } else if (experiment === 'logs-inflight') {
      await census()
      for (const inFlight of [1, 2, 4]) await scan('inflight', rangesOf(20_000), inFlight, count(http))
    } else if (experiment === 'logs-ws') {
      await census()
      for (const inFlight of [1, 4]) {
        await scan('http', rangesOf(20_000), inFlight, count(http))
        await scan('ws', rangesOf(20_000), inFlight, count(ws))
      }
    } else if (experiment === 'sync') {
      // The index build itself (syncHolderIndex from block 0 into a fresh workspace file) with the same CPU split:
      // how much of its time is the node's.
      const dir = mkdtempSync(join(tmpdir(), 'hardhat-read-probe-'))
      try {
        const db = openDatabase(join(dir, 'workspace.sqlite'))
        const target = Number(BigInt((await http('eth_blockNumber', [])) as string))
        const r = await timed(() =>
          syncHolderIndex({
            db,
            rpcUrl: state.rpcUrl,
            chainId: 31337,
            token: getAddress(state.token),
            toBlock: target,
          }),
        )
        print({ name: 'sync.build', ...r, value: undefined, logs: r.value.read.logs, splits: r.value.read.splits })
        db.close()
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    } else if (experiment === 'bench-reference') {
      // The holders bench's "bare eth_getLogs" reference as it is written: scanLogRanges from block 0 at its default
      // width (50,000 blocks: the whole history asked as one answer first, halved when refused).
      let logs = 0
      const top = Number(BigInt((await http('eth_blockNumber', [])) as string))
      const r = await timed(() =>
        scanLogRanges({
          fromBlock: 0,
          toBlock: top,
          read: (s, e) => logsOf(http, s, e) as Promise<unknown[]>,
          onRange: (items) => void (logs += items.length),
        }),
      )
      print({ name: 'bench-reference', ...r, value: undefined, logs, splits: r.value.splits })
    } else if (experiment === 'logs-batch-vs') {
      // The batch of four against four single requests in flight, alternated.
      await census()
      for (let i = 0; i < 2; i++) {
        await scan('inflight', rangesOf(20_000), 4, count(http))
        experiments.push('logs-batch')
      }
    } else if (experiment === 'logs-batch') {
      // Four ranges in one JSON-RPC batch against the same four as single requests in flight.
      await census()
      const ranges = rangesOf(20_000)
      const groups = Array.from({ length: Math.ceil(ranges.length / 4) }, (_, i) => ranges.slice(i * 4, i * 4 + 4))
      bytesIn = 0
      let logs = 0
      const r = await timed(async () => {
        for (const g of groups) {
          const answers = (await httpPost(
            g.map(([s, e]) => ({
              jsonrpc: '2.0',
              id: ++requestId,
              method: 'eth_getLogs',
              params: [
                {
                  address: state.token,
                  fromBlock: '0x' + s.toString(16),
                  toBlock: '0x' + e.toString(16),
                  topics: TOPICS,
                },
              ],
            })),
          )) as Answer[]
          for (const a of answers) logs += (a.result as unknown[]).length
        }
      })
      print({ name: 'logs.batch-of-4', ranges: ranges.length, logs, mb: round(bytesIn / 1e6), ...r, value: undefined })
    } else if (experiment === 'logs-filter') {
      await census()
      const ranges = rangesOf(20_000)
      await scan('topics-list', ranges, 1, count(http))
      await scan('address-only', ranges, 1, async (s, e) => (await logsOf(http, s, e, null)).length)
      await scan('no-address', ranges, 1, async (s, e) => (await logsOf(http, s, e, TOPICS, null)).length)
      await scan('topic-by-topic', ranges, 1, async (s, e) => {
        let n = 0
        for (const t of TOPICS[0]) n += (await logsOf(http, s, e, [t])).length
        return n
      })
    } else if (experiment === 'logs-receipts') {
      // eth_getBlockReceipts of every block (batches of 10) against eth_getLogs by ~20,000 logs.
      await census()
      await scan('getLogs', rangesOf(20_000), 1, count(http))
      const blocks: Array<[number, number]> = []
      for (let b = 0; b <= head; b += 10) blocks.push([b, Math.min(head, b + 9)])
      await scan('blockReceipts', blocks, 1, async (s, e) => {
        const body = []
        for (let b = s; b <= e; b++)
          body.push({
            jsonrpc: '2.0',
            id: ++requestId,
            method: 'eth_getBlockReceipts',
            params: ['0x' + b.toString(16)],
          })
        const answers = (await httpPost(body)) as Answer[]
        let n = 0
        for (const a of answers) {
          if (a.error) throw new Error(`eth_getBlockReceipts: ${a.error.message}`)
          for (const rc of (a.result as Array<{ logs: unknown[] }> | null) ?? []) n += rc.logs.length
        }
        return n
      })
    } else if (experiment === 'profile-logs') {
      await census()
      await profiled('logs', () => scan('profiled', rangesOf(20_000), 1, count(http)))
    } else if (experiment === 'profile-logs-ws') {
      await census()
      await profiled('logs-ws', () => scan('profiled-ws', rangesOf(20_000), 1, count(ws)))
    } else if (experiment === 'profile-calls') {
      const list = state.voters.slice(0, 8_000)
      await profiled('calls', () =>
        pool(
          chunks(list, 400).map((c) => () => aggregate(http, c, 'latest')),
          1,
        ),
      )
    } else if (experiment === 'call-fixed') {
      let distinct = 0
      // What a request costs the node whatever it asks: eth_blockNumber, aggregate3 of nothing, of 1 account.
      const reps = 40
      for (const [label, run] of [
        ['blockNumber', () => http('eth_blockNumber', [])],
        [
          'aggregate3-of-0',
          () =>
            http('eth_call', [
              { to: MULTICALL3_ADDRESS, data: encodePastVotesAggregate(state.token, [], 1) },
              'latest',
            ]),
        ],
        ['aggregate3-of-1', () => aggregate(http, state.voters.slice(0, 1), 'latest')],
        ['aggregate3-of-1-distinct', () => aggregate(http, [state.voters[1000 + ++distinct]], 'latest')],
        ['aggregate3-of-50-same', () => aggregate(http, new Array(50).fill(state.voters[0]), 'latest')],
        [
          'aggregate3-of-50-distinct',
          () => aggregate(http, state.voters.slice(2000 + (distinct += 50), 2050 + distinct), 'latest'),
        ],
      ] as Array<[string, () => Promise<unknown>]>) {
        const r = await timed(() =>
          pool(
            Array.from({ length: reps }, () => run),
            1,
          ),
        )
        print({
          name: 'call-fixed',
          label,
          reps,
          ...r,
          value: undefined,
          nodeMsPerRequest: round((r.nodeJsMs + r.nodeEdrMs + r.nodeOtherMs) / reps),
        })
      }
    } else if (experiment === 'helper') {
      // The helper by state override against Multicall3's aggregate3, same accounts, answers compared.
      const list = state.voters.slice(0, Number(process.env.CALL_ACCOUNTS ?? 8_000))
      const answers: Array<Map<string, bigint>> = []
      for (const shape of (process.env.SHAPES ?? 'multicall:400,helper:400,helper:1000,multicall:400,helper:400').split(
        ',',
      )) {
        const [via, size] = shape.split(':')
        const got = new Map<string, bigint>()
        const r = await timed(() =>
          pool(
            chunks(list, Number(size)).map((c) => async () => {
              const votes = via === 'helper' ? await viaHelper(http, c, 'latest') : await aggregate(http, c, 'latest')
              c.forEach((a, i) => got.set(a, votes[i]))
            }),
            1,
          ),
        )
        answers.push(got)
        print({
          name: 'helper',
          via,
          size: Number(size),
          accounts: list.length,
          ...r,
          value: undefined,
          nodeUsPerVote: round(((r.nodeJsMs + r.nodeEdrMs + r.nodeOtherMs) * 1000) / list.length),
          sameAsFirst: list.every((a) => got.get(a) === answers[0].get(a)),
        })
      }
    } else if (experiment === 'calls') {
      // aggregate3 of 400 at 'latest' vs at the snapshot block, and chunk sizes, 1 in flight, straight to the node.
      const list = state.voters.slice(0, Number(process.env.CALL_ACCOUNTS ?? 8_000))
      const shapes = (process.env.SHAPES ?? 'latest:400,snapshot:400,latest:1000,latest:400').split(',')
      for (const shape of shapes) {
        const [tag, size] = shape.split(':')
        const r = await timed(() =>
          pool(
            chunks(list, Number(size)).map(
              (c) => () => aggregate(http, c, tag === 'snapshot' ? '0x' + state.snapshot.toString(16) : tag),
            ),
            1,
          ),
        )
        print({
          name: 'calls',
          tag,
          size: Number(size),
          accounts: list.length,
          ...r,
          value: undefined,
          nodeUsPerVote: round(((r.nodeJsMs + r.nodeEdrMs + r.nodeOtherMs) * 1000) / list.length),
        })
      }
    } else throw new Error(`unknown experiment ${experiment}`)
  }
  ;(await socket)?.close()
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
