// Shared by the holder index's tests (metrics.test.ts, any-block.test.ts): a synthetic history written into an index
// the way the sync writes it, what the index answers at a block, and what the plain replay says it should answer.
// Nothing in the app imports it.
import type Database from 'better-sqlite3'
import {
  measuresOf,
  rowsOfBlocks,
  stateAt,
  type SyntheticHistory,
} from '../../../../../test/independent/holder-history'
import { holderMetrics } from './metrics'
import { createHolderIndex, writeRange } from './store'

export const CHAIN_ID = 31337
export const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const ZERO = '0x0000000000000000000000000000000000000000'

/** `history` written as the sync writes it: ranges of `width` blocks through writeRange, one transaction each. */
export function writeHistoryIndex(db: Database.Database, history: SyntheticHistory, width: number) {
  const index = createHolderIndex(db, CHAIN_ID, TOKEN, history.firstBlock)
  const state = stateAt(history, 0)
  for (let from = history.firstBlock; from <= history.lastBlock; from += width) {
    const end = Math.min(history.lastBlock, from + width - 1)
    const rows = rowsOfBlocks(history, state, from, end)
    db.transaction(() =>
      writeRange(db, index.id, { end, logs: 0, ...rows, hashes: [[end, `0x${end}`]], pruneBelow: end - 63 }),
    )()
  }
  return index
}

/** Accounts delegated to (the zero address left out), as ERC20Votes counts them. */
export const delegatesOf = (delegateOf: Map<string, string>) =>
  new Set([...delegateOf.values()].filter((d) => d !== ZERO)).size

/** The measures at `block` computed from their definitions over the replay. */
export function expectedAt(history: SyntheticHistory, block: number) {
  const state = stateAt(history, block)
  return {
    holdings: measuresOf(state.balances),
    votingPower: measuresOf(state.votes),
    delegates: delegatesOf(state.delegateOf),
  }
}

/** What the index answers at `block`, in expectedAt's shape. */
export function answeredAt(db: Database.Database, block: number) {
  const m = holderMetrics(db, CHAIN_ID, TOKEN, block)
  const view = (v: typeof m.holdings) => ({
    holders: v.holders,
    total: v.total,
    top10Share: v.top10Share,
    gini: v.gini,
    nakamoto: v.nakamoto,
    top: v.top.map((t) => ({ account: t.account.toLowerCase(), amount: t.amount })),
  })
  return { holdings: view(m.holdings), votingPower: view(m.votingPower), delegates: m.delegates }
}
