// Voting power of many voters at a snapshot: from the holder index when it covers the snapshot (a sample checked
// against the chain first), else from the chain in batches — a votes reader set by state override where the RPC takes
// overrides, Multicall3 aggregate3 where the chain has it, JSON-RPC batches where neither — a few requests in flight,
// each retried when the RPC drops it, with progress and cancel. Every read is an eth_call at `latest` asking
// getPastVotes(account, snapshot): checkpoints are history, so the answer is the snapshot's on the chain as it is now,
// without the past state a non-archive node refuses after ~128 blocks (and that costs Hardhat 1.4–1.6× a call).
import type Database from 'better-sqlite3'
import { MULTICALL3_ADDRESS } from '../tokens/balances'
import { readClock, rpcBatch } from './chain'
import { getHolderIndex, votesOfAt } from './holder-index'
import { decodePastVotesAggregate, encodePastVotes, encodePastVotesAggregate } from './past-votes-multicall'
import { decodePastVotesReader, failedAccountIndex, pastVotesReaderCall } from './past-votes-reader'

/**
 * getPastVotes per aggregate3: 10–15k gas each on OpenZeppelin's checkpoints (measured), ~5 M a call, well under
 * Hardhat's eth_call cap of 2^24 (enforced even with an explicit gas); a costlier token's chunks are halved until they
 * fit (readChunk). Node time a vote is flat from 400 up.
 */
const MULTICALL_CHUNK = 400
/**
 * Accounts asked of the votes reader a call. It answers as many as the node's eth_call gas allows (6–12k gas a vote
 * measured: 1,300–2,600 under Hardhat's 2^24) and the rest are asked again; node CPU a vote falls with the votes a
 * call (docs/PERFORMANCE.md, "Hardhat-bound reads, sixth batch").
 */
const READER_CHUNK = 2_000
const BATCH_CHUNK = 250
const IN_FLIGHT = 4
const ATTEMPTS = 4
/** Tries of the probe for state overrides: an RPC that drops it twice is read the way that needs none. */
const PROBE_ATTEMPTS = 2
/** A chunk that timed out is split in halves down to chunks of this many accounts, which are retried whole. */
const MIN_SPLIT = 25
const SAMPLE = 16

export type WeightsSource = 'index' | 'reader' | 'multicall' | 'rpc-batch'
export type ChainWeightsPath = 'reader' | 'multicall' | 'rpc-batch'

export interface WeightsOptions {
  db: Database.Database
  rpcUrl: string
  chainId: number
  token: string
  /** The snapshot: a block number (the index answers only on a block-number clock). */
  block: number
  accounts: string[]
  /** False for a timestamp-clock token: its snapshots are times, which the block-keyed index cannot answer. */
  blockClock: boolean
  /** Ask the chain even when the index covers the snapshot (the per-call reference, a distrusted index). */
  skipIndex?: boolean
  /** Force a chain path (measurement): by default the reader where the RPC takes state overrides, else Multicall3. */
  via?: ChainWeightsPath
  /** Requests in flight at once (measurement): by default IN_FLIGHT. */
  inFlight?: number
  /** Voters whose weight is read so far, of all, and where from (the index while its sample is checked). */
  onProgress?: (done: number, total: number, source: WeightsSource) => void
  signal?: AbortSignal
}

export interface WeightsResult {
  weights: Map<string, bigint>
  source: WeightsSource
  /** Accounts whose index answer was compared with getPastVotes on the chain. */
  sampled: number
  /** Why the index was not used though it covers the snapshot (a sample disagreed). */
  indexRefused: string | null
}

export class WeightsStoppedError extends Error {
  constructor() {
    super('reading the voting power was stopped')
    this.name = 'WeightsStoppedError'
  }
}

/** The transport's per-request timeout fired (an AbortSignal's abort: "This operation was aborted"). */
const timedOut = (error: unknown) =>
  error instanceof Error &&
  (error.name === 'AbortError' || error.name === 'TimeoutError' || /aborted/i.test(error.message))

/**
 * The node refused the call for its gas: it ran out of gas under the node's eth_call cap (Hardhat enforces EIP-7825's
 * 2^24 even on calls; geth's --rpc.gascap is 50 M; hosted RPCs set their own), or the gas asked for is over the cap.
 */
const outOfGas = (error: unknown) =>
  error instanceof Error &&
  /out of gas|gas required exceeds|exceeds (the )?(block )?gas limit|gas limit .* (greater|more) than|gas ?cap/i.test(
    error.message,
  )

type ChunkReader = (url: string, token: string, block: number, accounts: string[]) => Promise<bigint[]>

/** The most accounts a chunk may hold, lowered for the whole read when the node refused a larger one for its gas. */
interface ChunkFit {
  size: number
}

/**
 * One chunk's weights, retried when the RPC drops or refuses it. A chunk the node refused for its gas is read in halves,
 * down to one account, and the read's later chunks in pieces of the size that fitted (a token whose getPastVotes costs
 * 40,000 gas fills a 2^24 cap at 400 a call). A chunk of many accounts that timed out is also read as two halves (each
 * with its own retries): a loaded or slow node that cannot answer 250 calls in time may answer 125.
 */
async function readChunk(
  read: ChunkReader,
  opts: { url: string; token: string; block: number; signal?: AbortSignal },
  accounts: string[],
  start: number,
  fit: ChunkFit,
): Promise<bigint[]> {
  if (accounts.length > fit.size) {
    const out: bigint[] = []
    for (let at = 0; at < accounts.length;) {
      const piece = accounts.slice(at, at + fit.size)
      out.push(...(await readChunk(read, opts, piece, start + at, fit)))
      at += piece.length
    }
    return out
  }
  for (let attempt = 1; ; attempt++) {
    if (opts.signal?.aborted) throw new WeightsStoppedError()
    try {
      return await read(opts.url, opts.token, opts.block, accounts)
    } catch (error) {
      if (opts.signal?.aborted) throw new WeightsStoppedError()
      if (outOfGas(error) && accounts.length > 1) {
        fit.size = Math.min(fit.size, Math.ceil(accounts.length / 2))
        return readChunk(read, opts, accounts, start, fit)
      }
      // A dropped or refused request is retried as it was.
      if (timedOut(error) && accounts.length >= 2 * MIN_SPLIT) {
        const half = Math.ceil(accounts.length / 2)
        const first = await readChunk(read, opts, accounts.slice(0, half), start, fit)
        return [...first, ...(await readChunk(read, opts, accounts.slice(half), start + half, fit))]
      }
      if (attempt >= ATTEMPTS)
        throw new Error(
          `reading voting power of accounts ${start + 1}–${start + accounts.length} failed ${ATTEMPTS} times: ` +
            (error as Error).message,
        )
      await new Promise((r) => setTimeout(r, 100 * attempt))
    }
  }
}

/** Runs `tasks` with at most `inFlight` at once, in any order; stops at the first failure or the signal. */
async function pool(tasks: Array<() => Promise<void>>, inFlight: number, signal?: AbortSignal) {
  let next = 0
  let failed = false
  const worker = async () => {
    // After one failure the others stop taking chunks: the whole read is refused anyway.
    while (next < tasks.length && !failed) {
      if (signal?.aborted) throw new WeightsStoppedError()
      try {
        await tasks[next++]()
      } catch (error) {
        failed = true
        throw error
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(inFlight, tasks.length) }, worker))
}

/**
 * Whether the RPC runs the votes reader placed by state override: it must answer a call of no accounts with the
 * timepoint. An RPC that refuses the third parameter answers an error, one that ignores it "0x" (no code there).
 */
async function takesOverrides(url: string, token: string, block: number, signal?: AbortSignal): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw new WeightsStoppedError()
    try {
      const [a] = await rpcBatch(url, [{ method: 'eth_call', params: [...pastVotesReaderCall(token, [], block)] }])
      if (a.error || typeof a.result !== 'string') return false
      return decodePastVotesReader(a.result, 0, block).length === 0
    } catch (error) {
      // A dropped request says nothing about overrides (asked once more); a wrong answer does.
      if (/votes reader answered/.test((error as Error).message) || attempt >= PROBE_ATTEMPTS) return false
      await new Promise((r) => setTimeout(r, 100 * attempt))
    }
  }
}

async function hasMulticall(url: string): Promise<boolean> {
  const [a] = await rpcBatch(url, [{ method: 'eth_getCode', params: [MULTICALL3_ADDRESS, 'latest'] }])
  return typeof a.result === 'string' && a.result !== '0x'
}

function decodeWord(raw: string, account: string, block: number): bigint {
  if (!/^0x[0-9a-fA-F]{64}$/.test(raw))
    throw new Error(`getPastVotes(${account}, ${block}) answered ${raw.slice(0, 20)}`)
  return BigInt(raw)
}

// Encoded and decoded by hand (past-votes-multicall.ts): ethers' generic coder spent more of this process's CPU on a
// chunk of 400 than the node spent running it (docs/PERFORMANCE.md, "Weights through the chain").
async function chunkViaMulticall(url: string, token: string, block: number, accounts: string[]) {
  const data = encodePastVotesAggregate(token, accounts, block)
  const [answer] = await rpcBatch(url, [{ method: 'eth_call', params: [{ to: MULTICALL3_ADDRESS, data }, 'latest'] }])
  if (answer.error || typeof answer.result !== 'string')
    throw new Error(`aggregate3: ${answer.error?.message ?? 'no result'}`)
  return decodePastVotesAggregate(answer.result, accounts.length, (i) => `getPastVotes(${accounts[i]}, ${block})`)
}

/** The revert data of a failed eth_call: geth puts it in `error.data`, Hardhat in `error.data.data`. */
const revertData = (error: { data?: unknown } | undefined) =>
  typeof error?.data === 'string' ? error.data : (error?.data as { data?: unknown } | undefined)?.data

async function chunkViaReader(url: string, token: string, block: number, accounts: string[]) {
  const votes: bigint[] = []
  // The reader answers fewer than asked when the call's gas runs low: the rest are asked again.
  while (votes.length < accounts.length) {
    const rest = accounts.slice(votes.length)
    const [answer] = await rpcBatch(url, [{ method: 'eth_call', params: [...pastVotesReaderCall(token, rest, block)] }])
    if (answer.error || typeof answer.result !== 'string') {
      const failed = failedAccountIndex(revertData(answer.error))
      if (failed !== null && failed < rest.length) throw new Error(`getPastVotes(${rest[failed]}, ${block}) reverted`)
      throw new Error(`votes reader: ${answer.error?.message ?? 'no result'}`)
    }
    const got = decodePastVotesReader(answer.result, rest.length, block)
    if (got.length === 0) throw new Error(`the RPC's eth_call gas cap leaves too little for one getPastVotes`)
    for (const v of got) votes.push(v)
  }
  return votes
}

async function chunkViaBatch(url: string, token: string, block: number, accounts: string[]) {
  const answers = await rpcBatch(
    url,
    accounts.map((a) => ({
      method: 'eth_call',
      params: [{ to: token, data: encodePastVotes(a, block) }, 'latest'],
    })),
  )
  return answers.map((a, i) => {
    if (a.error || typeof a.result !== 'string')
      throw new Error(`getPastVotes(${accounts[i]}, ${block}): ${a.error?.message ?? 'no result'}`)
    return decodeWord(a.result, accounts[i], block)
  })
}

/**
 * A block-number snapshot the chain's clock has not passed: getPastVotes refuses it (OpenZeppelin: "future lookup";
 * in an eth_call at `latest` the clock is the latest block's number), and its votes could still change.
 */
async function refuseUnpassed(url: string, block: number) {
  const clock = await readClock(url)
  if (block >= clock.block)
    throw new Error(
      `the snapshot block ${block} is not past yet (the chain is at block ${clock.block}): ` +
        `voting power at it is known once block ${block + 1} is mined`,
    )
}

const CHUNK_READERS: Record<ChainWeightsPath, { size: number; read: ChunkReader }> = {
  reader: { size: READER_CHUNK, read: chunkViaReader },
  multicall: { size: MULTICALL_CHUNK, read: chunkViaMulticall },
  'rpc-batch': { size: BATCH_CHUNK, read: chunkViaBatch },
}

/** getPastVotes of every account at `block` from the chain, in chunks, a few in flight. */
export async function readWeightsFromChain(
  opts: Omit<WeightsOptions, 'db' | 'chainId' | 'blockClock' | 'skipIndex'> & {
    /** True when `block` is a block number (checked against the chain's head first); false or unset: not checked. */
    blockClock?: boolean
  },
): Promise<{ weights: Map<string, bigint>; via: ChainWeightsPath }> {
  const { rpcUrl: url, token, block, accounts } = opts
  if (opts.blockClock) await refuseUnpassed(url, block)
  const via =
    opts.via ??
    ((await takesOverrides(url, token, block, opts.signal))
      ? 'reader'
      : (await hasMulticall(url))
        ? 'multicall'
        : 'rpc-batch')
  const { size, read } = CHUNK_READERS[via]
  const values: bigint[] = new Array(accounts.length)
  const fit: ChunkFit = { size }
  let done = 0
  const tasks: Array<() => Promise<void>> = []
  for (let start = 0; start < accounts.length; start += size) {
    const chunk = accounts.slice(start, start + size)
    tasks.push(async () => {
      const got = await readChunk(read, { url, token, block, signal: opts.signal }, chunk, start, fit)
      got.forEach((v, i) => (values[start + i] = v))
      done += chunk.length
      opts.onProgress?.(done, accounts.length, via)
    })
  }
  opts.onProgress?.(0, accounts.length, via)
  await pool(tasks, opts.inFlight ?? IN_FLIGHT, opts.signal)
  // A stop while the last chunks were in flight: their answers are not a complete set.
  if (opts.signal?.aborted) throw new WeightsStoppedError()
  return { weights: new Map(accounts.map((a, i) => [a, values[i]])), via }
}

/** The accounts a sample checks: the largest weights (where an error matters most) and some spread over the rest. */
function sampleOf(weights: Map<string, bigint>): string[] {
  const entries = [...weights.entries()]
  const largest = [...entries]
    .sort(([, x], [, y]) => (x > y ? -1 : x < y ? 1 : 0))
    .slice(0, SAMPLE / 2)
    .map(([a]) => a)
  const step = Math.max(1, Math.floor(entries.length / (SAMPLE / 2)))
  const spread = entries.filter((_, i) => i % step === 0).map(([a]) => a)
  return [...new Set([...largest, ...spread])].slice(0, SAMPLE)
}

/** Voting power of `accounts` at the snapshot, from the index when it covers it and agrees with the chain. */
export async function weightsAtSnapshot(opts: WeightsOptions): Promise<WeightsResult> {
  const index = opts.blockClock && !opts.skipIndex ? getHolderIndex(opts.db, opts.chainId, opts.token) : null
  let indexRefused: string | null = null
  if (index && index.syncedTo >= opts.block && index.fromBlock <= opts.block) {
    opts.onProgress?.(0, opts.accounts.length, 'index')
    const weights = votesOfAt(opts.db, index.id, opts.accounts, opts.block)
    const sample = sampleOf(weights)
    const onChain = await readWeightsFromChain({ ...opts, accounts: sample, onProgress: undefined })
    const wrong = sample.find((a) => onChain.weights.get(a) !== weights.get(a))
    if (!wrong) {
      opts.onProgress?.(opts.accounts.length, opts.accounts.length, 'index')
      return { weights, source: 'index', sampled: sample.length, indexRefused: null }
    }
    indexRefused =
      `the holder index says ${weights.get(wrong)} for ${wrong} at block ${opts.block}, the chain ` +
      `${onChain.weights.get(wrong)}: read from the chain instead`
  }
  const { weights, via } = await readWeightsFromChain(opts)
  return { weights, source: via, sampled: 0, indexRefused }
}
