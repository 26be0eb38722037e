// One sync's writes to the holder index: the rows each range read adds (balances replayed from its logs), written
// several ranges to a transaction. A commit writes back every page its rows dirtied, and each range's rows land all
// over the account keys (the histories' account index, holder_current and its order indexes): a commit per range of
// ~20,000 logs wrote most of those pages again each time. Ranges are therefore held until COMMIT_LOGS logs or
// COMMIT_MS have gathered (or the target is reached), then written in one transaction, each range still through
// writeRange in block order (its snapshot, if due, taken at its own end). The index still never holds part of a range.
import type Database from 'better-sqlite3'
import { id } from 'ethers'
import type { RawLog } from '../../tokens/log-ranges'
import { writeRange, type AccountStates, type RangeRows } from './store'

export const TRANSFER = id('Transfer(address,address,uint256)')
export const DELEGATE_CHANGED = id('DelegateChanged(address,address,address)')
export const DELEGATE_VOTES_CHANGED = id('DelegateVotesChanged(address,uint256,uint256)')
/** Blocks whose hashes are kept to detect a reorg (and re-read when one is found). */
export const KEEP_BLOCKS = 64
const ZERO = '0x0000000000000000000000000000000000000000'
/** Logs gathered before a commit. */
export const COMMIT_LOGS = 60_000
/** Time after which what has gathered is committed anyway (a slow RPC still shows progress and keeps its work). */
export const COMMIT_MS = 1_000

/** A log that disagrees with the block hashes read beside it: the chain moved under the read. */
export class ChainMovedError extends Error {}

const topicAccount = (topic: string) => '0x' + topic.slice(26).toLowerCase()

export interface RangeRead {
  start: number
  end: number
  logs: RawLog[]
  hashes: Map<number, string>
}

/** The rows a range adds, from its logs in chain order; `balanceOf` gives an account's balance before the range. */
/** A hex quantity of a block number or log index (far below 2^53). */
const quantity = (hex: string) => parseInt(hex, 16)

export function rowsOf(
  read: RangeRead,
  token: string,
  balances: Map<string, bigint>,
  balanceOf: (a: string) => bigint,
) {
  const rows: RangeRows = {
    end: read.end,
    logs: read.logs.length,
    balances: [],
    votes: [],
    delegations: [],
    hashes: [],
    pruneBelow: read.end - KEEP_BLOCKS + 1,
  }
  const logs = read.logs
    .map((log) => ({ log, block: quantity(log.blockNumber), index: quantity(log.logIndex) }))
    .sort((a, b) => a.block - b.block || a.index - b.index)
  let block = -1
  const touched = new Set<string>()
  const votes = new Map<string, string>()
  const delegations = new Map<string, string>()
  // A block's rows in account order: the histories are keyed by (block, account), so each row is then appended at the
  // end of the key (a batch transfer's block holds thousands of rows; in log order they split pages half-full).
  const flush = () => {
    for (const a of [...touched].sort()) rows.balances.push([a, block, balances.get(a)!.toString()])
    for (const a of [...votes.keys()].sort()) rows.votes.push([a, block, votes.get(a)!])
    for (const [a, d] of delegations) rows.delegations.push([a, block, d])
    touched.clear()
    votes.clear()
    delegations.clear()
  }
  for (const { log, block: b } of logs) {
    if (log.address.toLowerCase() !== token.toLowerCase()) throw new Error(`the RPC answered a log of ${log.address}`)
    if (b < read.start || b > read.end)
      throw new Error(`the RPC answered a log of block ${b} for blocks ${read.start}–${read.end}`)
    if ((log as { removed?: boolean }).removed) throw new ChainMovedError(`a removed log at block ${b}`)
    const known = read.hashes.get(b)
    const logHash = (log as { blockHash?: string }).blockHash
    if (known && logHash && known !== logHash) throw new ChainMovedError(`block ${b} changed while it was read`)
    if (b !== block) {
      if (block >= 0) flush()
      block = b
    }
    const [topic, t1, t2, t3] = log.topics
    if (topic === TRANSFER && log.topics.length === 3) {
      const value = BigInt(log.data === '0x' ? 0 : log.data)
      for (const [account, sign] of [
        [topicAccount(t1), -1n],
        [topicAccount(t2), 1n],
      ] as const) {
        if (account === ZERO) continue
        const next = (balances.get(account) ?? balanceOf(account)) + sign * value
        if (next < 0n)
          throw new Error(
            `${account}'s balance would fall below zero at block ${b}: the index must start at or before the token's first transfer`,
          )
        balances.set(account, next)
        touched.add(account)
      }
    } else if (topic === DELEGATE_VOTES_CHANGED) {
      votes.set(topicAccount(t1), BigInt('0x' + log.data.slice(66, 130)).toString())
    } else if (topic === DELEGATE_CHANGED) {
      delegations.set(topicAccount(t1), topicAccount(t3))
    }
  }
  if (block >= 0) flush()
  for (const [b, h] of read.hashes) rows.hashes.push([b, h])
  return rows
}

export interface RangeWriter {
  /** Takes a whole range read (in block order after the last); commits when enough has gathered. */
  add(read: RangeRead): void
  /** Writes what has gathered, in one transaction. */
  commit(): void
}

export function rangeWriter(opts: {
  db: Database.Database
  indexId: number
  token: string
  /** The sync's last block: reaching it commits. */
  target: number
  /** An account's balance as the index holds it, for an account no range of this sync has touched. */
  balanceBefore: (account: string) => bigint
  onCommit: (syncedTo: number, logs: number) => void
  commitLogs?: number
}): RangeWriter {
  const { db, indexId } = opts
  const commitLogs = opts.commitLogs ?? COMMIT_LOGS
  // Balances as of the last range added (ahead of the database while ranges gather).
  const balances = new Map<string, bigint>()
  // holder_current's rows as the last committed range left them.
  const states: AccountStates = new Map()
  let pending: RangeRows[] = []
  let pendingLogs = 0
  let since = 0
  const forget = () => {
    balances.clear()
    states.clear()
  }
  const writer: RangeWriter = {
    add(read) {
      let rows: RangeRows
      try {
        rows = rowsOf(read, opts.token, balances, opts.balanceBefore)
      } catch (error) {
        // The ranges before it are whole: they go in. What is cached is read again from what is.
        try {
          writer.commit()
        } finally {
          forget()
        }
        throw error
      }
      if (pending.length === 0) since = performance.now()
      pending.push(rows)
      pendingLogs += rows.logs
      if (read.end >= opts.target || pendingLogs >= commitLogs || performance.now() - since >= COMMIT_MS)
        writer.commit()
    },
    commit() {
      if (pending.length === 0) return
      const batch = pending
      pending = []
      pendingLogs = 0
      try {
        db.transaction(() => {
          for (const rows of batch) writeRange(db, indexId, rows, states)
        })()
      } catch (error) {
        forget()
        throw error
      }
      opts.onCommit(
        batch[batch.length - 1].end,
        batch.reduce((n, rows) => n + rows.logs, 0),
      )
    },
  }
  return writer
}
