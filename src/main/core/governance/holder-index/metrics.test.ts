import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/open'
import {
  measuresOf,
  rowsOfBlocks,
  stateAt,
  syntheticHistory,
  type SyntheticHistory,
} from '../../../../../test/independent/holder-history'
import { holderMetrics } from './metrics'
import { createHolderIndex, rollBackAfter, writeRange } from './store'

const CHAIN_ID = 31337
const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3'

/** An index of `history` written as the sync writes it: ranges of `width` blocks, one transaction each. */
function indexOf(history: SyntheticHistory, width: number) {
  const db = openDatabase(':memory:')
  const index = createHolderIndex(db, CHAIN_ID, TOKEN, history.firstBlock)
  const state = stateAt(history, 0)
  for (let from = history.firstBlock; from <= history.lastBlock; from += width) {
    const end = Math.min(history.lastBlock, from + width - 1)
    const rows = rowsOfBlocks(history, state, from, end)
    db.transaction(() =>
      writeRange(db, index.id, { end, logs: 0, ...rows, hashes: [[end, `0x${end}`]], pruneBelow: end - 63 }),
    )()
  }
  return { db, index }
}

function expected(history: SyntheticHistory, block: number) {
  const state = stateAt(history, block)
  const zero = '0x0000000000000000000000000000000000000000'
  return {
    holdings: measuresOf(state.balances),
    votingPower: measuresOf(state.votes),
    delegates: new Set([...state.delegateOf.values()].filter((d) => d !== zero)).size,
  }
}

function answered(db: ReturnType<typeof openDatabase>, block: number) {
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

describe('holder index metrics', () => {
  // 400 holders, 3,000 transfers, 20 a block (~186 blocks): the end, a few blocks back (the end patched with the
  // accounts changed since), far back (a pass over the history) and the mints only.
  const history = syntheticHistory({ holders: 400, transfers: 3_000, perBlock: 20, delegating: 0.8, delegates: 5 })
  const { db } = indexOf(history, 7)
  const last = history.lastBlock

  it('equal the measures computed from their definitions over a plain replay, at the end and at past blocks', () => {
    expect(last).toBeGreaterThan(150)
    for (const block of [last, last - 1, last - 3, last - 40, Math.floor(last / 2), 37, 20, 1]) {
      const want = expected(history, block)
      expect(want.holdings.holders, `holders at ${block}`).toBeGreaterThan(10)
      expect(answered(db, block), `block ${block}`).toEqual(want)
    }
  })

  it('have ties, zeros and amounts of different lengths to order', () => {
    const { balances } = stateAt(history, last)
    const amounts = [...balances.values()]
    expect(amounts.filter((a) => a === 0n).length).toBeGreaterThan(5)
    expect(new Set(amounts.map((a) => a.toString().length)).size).toBeGreaterThan(8)
    const at20 = [...stateAt(history, 20).balances.values()].filter((a) => a === 10n ** 18n)
    expect(at20.length).toBeGreaterThan(1)
  })

  it('follow a rollback (reorg) of the index: the end is the kept block again', () => {
    const other = indexOf(history, 11).db
    const keepTo = last - 30
    other.transaction(() => rollBackAfter(other, 1, keepTo))()
    expect(answered(other, keepTo)).toEqual(expected(history, keepTo))
    expect(answered(other, keepTo - 2)).toEqual(expected(history, keepTo - 2))
  })
})
