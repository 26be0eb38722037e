// `npx tsx bench/weights-chain-probe.ts STATE.json EXPERIMENT…` against a chain made by bench/weights-chain-setup.ts:
// where the time of reading voting power through Multicall3 goes. Each figure prints as one JSON line with the load
// average and, where the node runs on this machine, the node process's CPU time (from /proc) beside the wall time.
import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { Interface } from 'ethers'
import { decodeFunctionResult, encodeFunctionData, parseAbi } from 'viem'
import { MULTICALL3_ADDRESS } from '../src/main/core/tokens/balances'
import {
  decodePastVotesAggregate,
  encodePastVotes,
  encodePastVotesAggregate,
} from '../src/main/core/governance/past-votes-multicall'
import { startFaultProxy } from '../test/faults/rpc-proxy'

interface State {
  rpcUrl: string
  token: string
  snapshot: number
  voters: string[]
}
const state = JSON.parse(readFileSync(process.argv[2], 'utf8')) as State
const experiments = process.argv.slice(3)

const votesIface = new Interface(['function getPastVotes(address, uint256) view returns (uint256)'])
const multicall = new Interface([
  'function aggregate3((address target, bool allowFailure, bytes callData)[] calls) payable returns ((bool success, bytes returnData)[] returnData)',
])
const viemAbi = parseAbi([
  'struct Call3 { address target; bool allowFailure; bytes callData; }',
  'struct Result { bool success; bytes returnData; }',
  'function aggregate3(Call3[] calls) payable returns (Result[] returnData)',
])

const port = new URL(state.rpcUrl).port
const nodePid = Number(
  /pid=(\d+)/.exec(execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' }))?.[1] ?? NaN,
)
const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }))
/** The node process's user + system CPU so far, in ms. */
function nodeCpu(): number {
  const fields = readFileSync(`/proc/${nodePid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS
}
/** CPU ms of each of the node's threads so far (does it run requests on more than one?). */
function nodeThreads(): Map<string, number> {
  const out = new Map<string, number>()
  for (const tid of readdirSync(`/proc/${nodePid}/task`)) {
    try {
      const fields = readFileSync(`/proc/${nodePid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ')
      out.set(tid, (Number(fields[11]) + Number(fields[12])) * TICK_MS)
    } catch {
      // the thread ended
    }
  }
  return out
}
const busiest = (before: Map<string, number>) =>
  [...nodeThreads()]
    .map(([tid, ms]) => ms - (before.get(tid) ?? 0))
    .filter((ms) => ms > 0)
    .sort((a, b) => b - a)
    .slice(0, 4)
const ownCpu = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
const load = () => Math.round(loadavg()[0] * 100) / 100
const print = (o: Record<string, unknown>) => process.stdout.write(JSON.stringify({ ...o, load: load() }) + '\n')

function aggregateData(accounts: string[], block: number): string {
  return multicall.encodeFunctionData('aggregate3', [
    accounts.map((a) => ({
      target: state.token,
      allowFailure: true,
      callData: votesIface.encodeFunctionData('getPastVotes', [a, block]),
    })),
  ])
}

let requestId = 0
async function post(url: string, body: unknown): Promise<{ text: string; postMs: number }> {
  const t = performance.now()
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const text = await r.text()
  return { text, postMs: performance.now() - t }
}
const call = (to: string, data: string, tag = 'latest', gas?: string) => ({
  jsonrpc: '2.0',
  id: ++requestId,
  method: 'eth_call',
  params: [{ to, data, ...(gas ? { gas } : {}) }, tag],
})

async function timed<T>(run: () => Promise<T>) {
  const cpu0 = nodeCpu()
  const own0 = ownCpu()
  const t = performance.now()
  const value = await run()
  return { value, wallMs: performance.now() - t, nodeCpuMs: nodeCpu() - cpu0, ownCpuMs: ownCpu() - own0 }
}

const round = (n: number) => Math.round(n * 10) / 10
const chunks = (list: string[], size: number) =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size))

/** Runs `tasks` with `inFlight` at once. */
async function pool(tasks: Array<() => Promise<unknown>>, inFlight: number) {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(inFlight, tasks.length) }, async () => {
      while (next < tasks.length) await tasks[next++]()
    }),
  )
}

async function aggregateOnce(url: string, accounts: string[], tag = 'latest', gas?: string) {
  const data = encodePastVotesAggregate(state.token, accounts, state.snapshot)
  const { text } = await post(url, call(MULTICALL3_ADDRESS, data, tag, gas))
  const answer = JSON.parse(text) as { result?: string; error?: { message: string } }
  if (!answer.result) throw new Error(`aggregate3 of ${accounts.length}: ${answer.error?.message}`)
  return answer.result
}

const sizes = (process.env.SIZES ?? '100,400,1000').split(',').map(Number)

async function main() {
  print({ name: 'probe.start', nodePid, voters: state.voters.length, snapshot: state.snapshot })
  for (const experiment of experiments) {
    if (experiment === 'batch-size') {
      // One aggregate3 at a time, straight to the node: wall and node CPU per call and per getPastVotes.
      for (const size of sizes) {
        const list = state.voters.slice(0, Math.min(state.voters.length, Math.max(size * 4, 4_000)))
        const r = await timed(() =>
          pool(
            chunks(list, size).map((c) => () => aggregateOnce(state.rpcUrl, c)),
            1,
          ),
        )
        const calls = Math.ceil(list.length / size)
        print({
          name: 'batch-size',
          size,
          accounts: list.length,
          calls,
          wallMs: round(r.wallMs),
          nodeCpuMs: round(r.nodeCpuMs),
          ownCpuMs: round(r.ownCpuMs),
          wallPerCallMs: round(r.wallMs / calls),
          nodeUsPerVote: round((r.nodeCpuMs * 1000) / list.length),
          wallUsPerVote: round((r.wallMs * 1000) / list.length),
        })
      }
    } else if (experiment === 'gas') {
      // Gas of one getPastVotes through aggregate3 (estimateGas of 1 and of N), and the eth_call gas cap.
      for (const size of [1, 100, 400, 1_000, 2_000]) {
        const data = aggregateData(state.voters.slice(0, size), state.snapshot)
        const { text } = await post(state.rpcUrl, {
          jsonrpc: '2.0',
          id: 1,
          method: 'eth_estimateGas',
          params: [{ to: MULTICALL3_ADDRESS, data }],
        })
        const a = JSON.parse(text) as { result?: string; error?: { message: string } }
        print({ name: 'gas', size, gas: a.result ? Number(BigInt(a.result)) : a.error?.message })
      }
      for (const [size, gas] of [
        [2_000, undefined],
        [4_000, undefined],
        [4_000, '0x2faf080'],
        [8_000, '0x5f5e100'],
        [8_000, undefined],
      ] as Array<[number, string | undefined]>) {
        const r = await timed(() =>
          aggregateOnce(state.rpcUrl, state.voters.slice(0, size), 'latest', gas).then(
            () => 'ok',
            (e: Error) => e.message.slice(0, 160),
          ),
        )
        print({
          name: 'gas-cap',
          size,
          gas: gas ? Number(BigInt(gas)) : 'none',
          outcome: r.value,
          wallMs: round(r.wallMs),
        })
      }
    } else if (experiment === 'in-flight') {
      // Every voter, 400 a call, 1/2/4/8 in flight, straight to the node.
      for (const inFlight of [1, 2, 4, 8]) {
        const r = await timed(() =>
          pool(
            chunks(state.voters, 400).map((c) => () => aggregateOnce(state.rpcUrl, c)),
            inFlight,
          ),
        )
        print({
          name: 'in-flight',
          inFlight,
          size: 400,
          wallMs: round(r.wallMs),
          nodeCpuMs: round(r.nodeCpuMs),
          ownCpuMs: round(r.ownCpuMs),
        })
      }
    } else if (experiment === 'proxy') {
      // The same through the fault proxy: passing, and adding 50 ms a request; 400 a call, 1 and 4 in flight.
      const proxy = await startFaultProxy(state.rpcUrl, 50)
      try {
        for (const mode of ['pass', 'slow'] as const)
          for (const inFlight of [1, 4]) {
            proxy.setMode(mode)
            const r = await timed(() =>
              pool(
                chunks(state.voters, 400).map((c) => () => aggregateOnce(proxy.url, c)),
                inFlight,
              ),
            )
            print({
              name: 'proxy',
              mode,
              inFlight,
              wallMs: round(r.wallMs),
              nodeCpuMs: round(r.nodeCpuMs),
              ownCpuMs: round(r.ownCpuMs),
            })
          }
      } finally {
        await proxy.close()
      }
    } else if (experiment === 'threads') {
      // Which of the node's threads do the work with 1 and 8 aggregate3 calls in flight: one thread means the node
      // runs them one at a time whatever this side sends.
      const list = state.voters.slice(0, 8_000)
      for (const inFlight of [1, 8]) {
        const before = nodeThreads()
        const r = await timed(() =>
          pool(
            chunks(list, 400).map((c) => () => aggregateOnce(state.rpcUrl, c)),
            inFlight,
          ),
        )
        print({
          name: 'threads',
          inFlight,
          accounts: list.length,
          wallMs: round(r.wallMs),
          nodeCpuMs: round(r.nodeCpuMs),
          busiestThreadsMs: busiest(before),
        })
      }
    } else if (experiment === 'paths') {
      // Every voter through the proxy adding 50 ms a request: main's weights code (/work/main, ethers' coder) and
      // this branch's, one after the other on the same chain, answers compared.
      const proxy = await startFaultProxy(state.rpcUrl, 50)
      proxy.setMode('slow')
      try {
        const mains = process.env.MAIN_WEIGHTS ?? '/work/main/src/main/core/governance/weights.ts'
        const ours = '../src/main/core/governance/weights.ts'
        const answers: Array<Map<string, bigint>> = []
        const runs = (process.env.PATHS ?? 'branch:4,main:4,branch:8').split(',')
        for (const run of runs) {
          const [label, inFlight] = run.split(':')
          const path = label === 'main' ? mains : ours
          const { readWeightsFromChain } = (await import(path)) as typeof import('../src/main/core/governance/weights')
          const threads = nodeThreads()
          const r = await timed(() =>
            readWeightsFromChain({
              rpcUrl: proxy.url,
              token: state.token,
              block: state.snapshot,
              accounts: state.voters,
              inFlight: Number(inFlight),
            }),
          )
          answers.push(r.value.weights)
          print({
            name: 'paths',
            code: label,
            inFlight: Number(inFlight),
            via: r.value.via,
            accounts: state.voters.length,
            wallMs: round(r.wallMs),
            nodeCpuMs: round(r.nodeCpuMs),
            ownCpuMs: round(r.ownCpuMs),
            nodeThreadMs: busiest(threads),
          })
        }
        // The reference: one getPastVotes per request through the same proxy (100 timed, multiplied out).
        const sample = state.voters.slice(0, 100)
        const one = await timed(() =>
          pool(
            sample.map((a) => () => post(proxy.url, call(state.token, encodePastVotes(a, state.snapshot)))),
            1,
          ),
        )
        print({
          name: 'paths.per-call',
          timed: sample.length,
          multipliedOutMs: Math.round((one.wallMs / sample.length) * state.voters.length),
        })
        const differ = state.voters.filter((v) => answers.some((a) => a.get(v) !== answers[0].get(v))).length
        const nonZero = state.voters.filter((v) => (answers[1].get(v) ?? 0n) > 0n).length
        print({ name: 'paths.compare', differ, nonZero })
      } finally {
        await proxy.close()
      }
    } else if (experiment === 'tag') {
      // getPastVotes(account, snapshot - 1) with eth_call at 'latest' and at a past block (PAST_TAG, by default the
      // head's number; it must be a block where Multicall3 already has code, so mine a few after the setup): does a
      // past state cost the node per request? Every answer decoded (a revert or an empty answer would be cheap).
      const list = state.voters.slice(0, 4_000)
      const block = state.snapshot - 1
      const head = JSON.parse(
        (await post(state.rpcUrl, { jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] })).text,
      ).result as string
      for (const tag of ['latest', process.env.PAST_TAG ?? head, 'latest', process.env.PAST_TAG ?? head]) {
        let nonZero = 0
        const r = await timed(() =>
          pool(
            chunks(list, 400).map((c) => async () => {
              const data = encodePastVotesAggregate(state.token, c, block)
              const { text } = await post(state.rpcUrl, call(MULTICALL3_ADDRESS, data, tag))
              const votes = decodePastVotesAggregate((JSON.parse(text) as { result: string }).result, c.length, String)
              nonZero += votes.filter((v) => v > 0n).length
            }),
            1,
          ),
        )
        print({
          name: 'tag',
          tag,
          argBlock: block,
          accounts: list.length,
          nonZero,
          wallMs: round(r.wallMs),
          nodeCpuMs: round(r.nodeCpuMs),
        })
      }
    } else if (experiment === 'per-request') {
      // One getPastVotes per request (200 timed), and JSON-RPC batches of 400 eth_calls, against aggregate3 of 400.
      const list = state.voters.slice(0, 200)
      const one = await timed(() =>
        pool(
          list.map(
            (a) => () =>
              post(state.rpcUrl, call(state.token, votesIface.encodeFunctionData('getPastVotes', [a, state.snapshot]))),
          ),
          1,
        ),
      )
      print({
        name: 'per-request',
        accounts: list.length,
        wallMs: round(one.wallMs),
        nodeCpuMs: round(one.nodeCpuMs),
        wallPerCallMs: round(one.wallMs / list.length),
      })
      const many = state.voters.slice(0, 4_000)
      const batch = await timed(() =>
        pool(
          chunks(many, 400).map(
            (c) => () =>
              post(
                state.rpcUrl,
                c.map((a) => call(state.token, votesIface.encodeFunctionData('getPastVotes', [a, state.snapshot]))),
              ),
          ),
          1,
        ),
      )
      print({
        name: 'rpc-batch',
        size: 400,
        accounts: many.length,
        wallMs: round(batch.wallMs),
        nodeCpuMs: round(batch.nodeCpuMs),
      })
      const agg = await timed(() =>
        pool(
          chunks(many, 400).map((c) => () => aggregateOnce(state.rpcUrl, c)),
          1,
        ),
      )
      print({
        name: 'aggregate3',
        size: 400,
        accounts: many.length,
        wallMs: round(agg.wallMs),
        nodeCpuMs: round(agg.nodeCpuMs),
      })
    } else if (experiment === 'client') {
      // This side's cost per call: encoding the request, parsing the JSON answer, decoding aggregate3's result.
      for (const size of [400]) {
        const accounts = state.voters.slice(0, size)
        const result = await aggregateOnce(state.rpcUrl, accounts)
        const body = JSON.stringify({ jsonrpc: '2.0', id: 1, result })
        const reps = 20
        // CPU time of this process per run (not wall time: on a loaded machine that is mostly waiting).
        const clock = (f: () => unknown) => {
          f()
          const c = ownCpu()
          for (let i = 0; i < reps; i++) f()
          return round(((ownCpu() - c) / reps) * 100) / 100
        }
        print({
          name: 'client',
          size,
          resultBytes: result.length,
          encodeEthersMs: clock(() => aggregateData(accounts, state.snapshot)),
          encodeViemMs: clock(() =>
            encodeFunctionData({
              abi: viemAbi,
              functionName: 'aggregate3',
              args: [
                accounts.map((a) => ({
                  target: state.token as `0x${string}`,
                  allowFailure: true,
                  callData: votesIface.encodeFunctionData('getPastVotes', [a, state.snapshot]) as `0x${string}`,
                })),
              ],
            }),
          ),
          jsonParseMs: clock(() => JSON.parse(body)),
          decodeEthersMs: clock(() => multicall.decodeFunctionResult('aggregate3', result)),
          decodeViemMs: clock(() =>
            decodeFunctionResult({ abi: viemAbi, functionName: 'aggregate3', data: result as `0x${string}` }),
          ),
          encodeHandMs: clock(() => encodePastVotesAggregate(state.token, accounts, state.snapshot)),
          decodeHandMs: clock(() => decodePastVotesAggregate(result, size, String)),
          handEncodeEqual:
            encodePastVotesAggregate(state.token, accounts, state.snapshot) ===
            aggregateData(accounts, state.snapshot).toLowerCase(),
        })
      }
    } else throw new Error(`unknown experiment ${experiment}`)
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
