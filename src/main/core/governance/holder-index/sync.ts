// Reads the governance token's logs into the holder index: bounded ranges from where the index ends to the chain
// head (a refused range is split), whole ranges written with the index's new end in one transaction (several ranges
// to one: range-writer.ts), so a stop or a crash leaves whole ranges only and the next sync goes on from there. Reorgs: the hashes of the last KEEP_BLOCKS
// blocks read are kept and compared with the chain's before reading on; from the first block that differs, the
// index forgets what it read and reads again. A reorg deeper than KEEP_BLOCKS rebuilds the index from its start.
import type Database from 'better-sqlite3'
import { toQuantity } from 'ethers'
import { firstLine } from '../../first-line'
import { DEFAULT_LOG_RANGE, getLogs } from '../../tokens/log-ranges'
import { rpcBatch } from '../chain'
import {
  createHolderIndex,
  dropOrderIndexes,
  ensureOrderIndexes,
  getHolderIndex,
  latestOf,
  rollBackAfter,
  storedHashes,
  type HolderIndexRow,
} from './store'
import {
  ChainMovedError,
  DELEGATE_CHANGED,
  DELEGATE_VOTES_CHANGED,
  KEEP_BLOCKS,
  TRANSFER,
  rangeWriter,
  type RangeRead,
} from './range-writer'

export { TRANSFER, DELEGATE_CHANGED, DELEGATE_VOTES_CHANGED, KEEP_BLOCKS }

export interface HolderSyncProgress {
  syncedTo: number
  target: number
  logs: number
  splits: number
}

export interface HolderSyncOptions {
  db: Database.Database
  rpcUrl: string
  chainId: number
  /** Checksummed token address. */
  token: string
  /** Where a new index starts (0: the whole history). Ignored once the index exists. */
  fromBlock?: number
  /** Stop at this block instead of the head. */
  toBlock?: number
  rangeBlocks?: number
  /** After each commit (several ranges at once): `syncedTo` is what the index holds. */
  onProgress?: (p: HolderSyncProgress) => void
  /** Each range as read from the RPC, whole, before it is written (the bench reads the same ranges again). */
  onRange?: (start: number, end: number, logs: number) => void
  signal?: AbortSignal
}

export interface HolderSyncResult {
  index: HolderIndexRow
  head: number
  /** The blocks this sync read, and how. */
  read: { fromBlock: number; toBlock: number; logs: number; splits: number }
  /** Set when the chain no longer had the blocks read before: the index kept blocks up to here and read on. */
  rolledBackTo: number | null
  /** False when stopped before the target: the next sync goes on from `index.syncedTo`. */
  complete: boolean
}

async function blockHashes(url: string, from: number, to: number): Promise<Map<number, string | null>> {
  const blocks: number[] = []
  for (let b = from; b <= to; b++) blocks.push(b)
  const answers = await rpcBatch(
    url,
    blocks.map((b) => ({ method: 'eth_getBlockByNumber', params: [toQuantity(b), false] })),
  )
  const out = new Map<number, string | null>()
  answers.forEach((a, i) => {
    if (a.error) throw new Error(`eth_getBlockByNumber(${blocks[i]}): ${a.error.message ?? 'error'}`)
    out.set(blocks[i], (a.result as { hash?: string } | null)?.hash ?? null)
  })
  return out
}

async function headOf(url: string): Promise<number> {
  const [a] = await rpcBatch(url, [{ method: 'eth_blockNumber', params: [] }])
  if (a.error || typeof a.result !== 'string') throw new Error(`eth_blockNumber: ${a.error?.message ?? 'no answer'}`)
  return Number(BigInt(a.result))
}

/** The last block that still matches the chain, or null when every kept hash does. */
async function reorgPoint(db: Database.Database, url: string, index: HolderIndexRow): Promise<number | null> {
  const stored = storedHashes(db, index.id)
  if (stored.length === 0) return null
  const chain = await blockHashes(url, stored[0].block, stored[stored.length - 1].block)
  const first = stored.findIndex((s) => chain.get(s.block) !== s.hash)
  if (first === -1) return null
  return first === 0 ? index.fromBlock - 1 : stored[first - 1].block
}

/** Ranges asked of the RPC at once: the node builds the next answers while this thread parses and writes one. */
export const RANGES_IN_FLIGHT = 4
/** The first range's width at most: a dense history (a million logs in a few thousand blocks) would otherwise come
 * back as one answer too large to parse. Widths then follow the logs the ranges hold. */
const FIRST_WIDTH = 100
/** Logs a range should hold: large enough that request overheads vanish, small enough to parse and write in bounded memory. */
const LOGS_PER_RANGE = 20_000
const MAX_WIDTH = 1_000_000
/** SQLite page cache while a sync writes, KiB (pages are taken as needed: a small sync uses little of it). */
export const SYNC_CACHE_KIB = 262_144

/**
 * Reads [fromBlock, target] as consecutive ranges, up to RANGES_IN_FLIGHT at once, and hands each to `write` in
 * block order once it is whole. A refused range is halved and read again (the reads queued behind it are dropped
 * and asked again after it), so nothing after a gap is ever written. Widths follow the logs: a range that came
 * back with more than LOGS_PER_RANGE makes the next ones narrower, one with fewer than half makes them up to twice
 * as wide.
 */
async function readRanges(opts: {
  fromBlock: number
  target: number
  rangeBlocks: number
  signal?: AbortSignal
  read: (start: number, end: number) => Promise<RangeRead>
  write: (read: RangeRead) => void
  onSplit: () => void
}): Promise<number> {
  let width = Math.max(1, Math.min(opts.rangeBlocks, FIRST_WIDTH))
  let next = opts.fromBlock
  let written = opts.fromBlock - 1
  // One range alone until one has come back: its logs a block size the ranges put in flight together, so a dense
  // history never has four over-wide answers built at once by the node.
  let inFlight = 1
  const queue: Array<{ start: number; end: number; answer: Promise<RangeRead> }> = []
  const launch = () => {
    while (queue.length < inFlight && next <= opts.target && !opts.signal?.aborted) {
      const start = next
      const end = Math.min(opts.target, start + width - 1)
      const answer = opts.read(start, end)
      // Dropped reads (after a refusal or a stop) must not surface as unhandled rejections.
      answer.catch(() => {})
      queue.push({ start, end, answer })
      next = end + 1
    }
  }
  launch()
  while (queue.length > 0 && !opts.signal?.aborted) {
    const { start, end, answer } = queue.shift()!
    let read: RangeRead
    try {
      read = await answer
    } catch (error) {
      if (error instanceof ChainMovedError) throw error
      if (end === start) throw new Error(`the RPC refuses eth_getLogs even for block ${start}: ${firstLine(error)}`)
      width = Math.max(1, Math.floor((end - start + 1) / 2))
      opts.onSplit()
      queue.length = 0
      next = start
      launch()
      continue
    }
    if (opts.signal?.aborted) break
    opts.write(read)
    written = end
    inFlight = RANGES_IN_FLIGHT
    const blocks = end - start + 1
    if (read.logs.length > LOGS_PER_RANGE) width = Math.max(1, Math.floor((blocks * LOGS_PER_RANGE) / read.logs.length))
    else if (read.logs.length * 2 < LOGS_PER_RANGE && blocks >= width) width = Math.min(MAX_WIDTH, width * 2)
    launch()
  }
  return written
}

async function syncOnce(opts: HolderSyncOptions): Promise<HolderSyncResult> {
  const { db, rpcUrl: url, chainId, token } = opts
  let index = getHolderIndex(db, chainId, token) ?? createHolderIndex(db, chainId, token, opts.fromBlock ?? 0)
  const head = await headOf(url)
  const keepTo = await reorgPoint(db, url, index)
  if (keepTo !== null) db.transaction(() => rollBackAfter(db, index.id, keepTo))()
  index = getHolderIndex(db, chainId, token)!
  const target = Math.min(opts.toBlock ?? head, head)
  const fromBlock = index.syncedTo + 1
  const latest = latestOf(db, index.id)
  // Only blocks this close to the target can still be replaced; older ones are read without their headers.
  const hashesFrom = target - KEEP_BLOCKS + 1
  let logs = 0
  let splits = 0
  // Each range's rows go to random places in the account keys (the histories' account index, holder_current and its
  // order indexes): with SQLite's default 2 MB page cache most writes re-read a page. At 100,000 holders those keys
  // outgrow 64 MB: 256 MB took the write side of a build from 52.7 to 45.7 s (bench/index-build-replay.ts, 0024).
  // Put back after the sync.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number
  if (cacheSize > -SYNC_CACHE_KIB) db.pragma(`cache_size = -${SYNC_CACHE_KIB}`)
  const firstBuild = index.syncedTo < index.fromBlock
  if (firstBuild) dropOrderIndexes(db)
  const writer = rangeWriter({
    db,
    indexId: index.id,
    token,
    target,
    balanceBefore: latest.balance,
    onCommit: (syncedTo, written) => {
      logs += written
      opts.onProgress?.({ syncedTo, target, logs, splits })
    },
  })
  const scannedTo = await readRanges({
    fromBlock,
    target,
    rangeBlocks: opts.rangeBlocks ?? DEFAULT_LOG_RANGE,
    signal: opts.signal,
    read: async (start, end) => {
      const [found, hashes] = await Promise.all([
        getLogs(url, {
          address: token,
          fromBlock: toQuantity(start),
          toBlock: toQuantity(end),
          topics: [[TRANSFER, DELEGATE_CHANGED, DELEGATE_VOTES_CHANGED]],
        }),
        end >= hashesFrom ? blockHashes(url, Math.max(start, hashesFrom), end) : new Map<number, string | null>(),
      ])
      const known = new Map<number, string>()
      for (const [b, h] of hashes) {
        if (h === null) throw new ChainMovedError(`block ${b} is gone`)
        known.set(b, h)
      }
      return { start, end, logs: found, hashes: known }
    },
    onSplit: () => {
      splits += 1
    },
    write: (read) => {
      opts.onRange?.(read.start, read.end, read.logs.length)
      writer.add(read)
    },
  })
    .finally(() => writer.commit())
    .finally(() => {
      ensureOrderIndexes(db)
      db.pragma(`cache_size = ${cacheSize}`)
    })
  return {
    index: getHolderIndex(db, chainId, token)!,
    head,
    read: { fromBlock, toBlock: scannedTo, logs, splits },
    rolledBackTo: keepTo,
    complete: scannedTo >= target,
  }
}

const running = new Map<string, Promise<HolderSyncResult>>()

/**
 * Brings the index of `token` up to the chain head (or `toBlock`). A sync already running for the same index is
 * joined, not started twice. When the chain moves under a read (a log's block hash differs from the header read
 * beside it) the sync starts over from the last whole range, at most three times.
 */
export function syncHolderIndex(opts: HolderSyncOptions): Promise<HolderSyncResult> {
  const key = `${opts.chainId}:${opts.token}`
  const current = running.get(key)
  if (current) return current
  const work = (async () => {
    let rolledBackTo: number | null = null
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await syncOnce(opts)
        return { ...result, rolledBackTo: result.rolledBackTo ?? rolledBackTo }
      } catch (error) {
        if (!(error instanceof ChainMovedError) || attempt >= 3) throw error
        rolledBackTo = getHolderIndex(opts.db, opts.chainId, opts.token)?.syncedTo ?? null
      }
    }
  })().finally(() => running.delete(key))
  running.set(key, work)
  return work
}
