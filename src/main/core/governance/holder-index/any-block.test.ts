// Metrics at any block (0023): each history row's amount before it, the delegate count kept in the snapshots and
// patched, the snapshots' accounts cut to their first ones, and an index written before 0023 migrated. Every answer
// is compared with the measures computed from their definitions over a plain replay of the same synthetic history.
import { describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { migrate } from '../../db/open'
import { migrations } from '../../db/migrations'
import before0023 from '../../db/migrations/0023-holder-previous-amounts'
import {
  measuresOf,
  rowsOfBlocks,
  stateAt,
  syntheticHistory,
  type SyntheticHistory,
} from '../../../../../test/independent/holder-history'
import { CHAIN_ID, TOKEN, answeredAt, delegatesOf, expectedAt, writeHistoryIndex } from './history-fixture'
import { rollBackAfter, writeRange } from './store'

function freshDb(upTo = migrations.length) {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(db, migrations.slice(0, upTo))
  return db
}

/** The sync's way: ranges of `width` blocks through writeRange, one transaction each. */
function indexOf(history: SyntheticHistory, width: number) {
  const db = freshDb()
  writeHistoryIndex(db, history, width)
  return db
}

const snapshotBlocks = (db: Database.Database) =>
  db.prepare("SELECT block FROM holder_snapshots WHERE kind = 'balance' ORDER BY block").pluck().all() as number[]

/** Blocks at, beside and between the snapshots, before the first and up to the end. */
function blocksAround(snaps: number[], last: number) {
  const blocks = new Set<number>([1, 2, last, last - 1, last - 2])
  for (const [j, s] of snaps.entries()) {
    const next = snaps[j + 1] ?? last
    for (const b of [s - 1, s, s + 1, s + Math.floor((next - s) / 3), (s + next) >> 1, next - 1]) blocks.add(b)
  }
  return [...blocks].filter((b) => b >= 1 && b <= last).sort((a, b) => a - b)
}

describe('holder index metrics at any block', () => {
  // Many delegation moves (one every 23 transfers, every fifth to address 0): delegates appear and disappear between
  // snapshots, so the patched delegate count is tested in both directions.
  const history = syntheticHistory({
    holders: 300,
    transfers: 4_000,
    perBlock: 20,
    delegating: 0.7,
    delegates: 4,
    moveEvery: 23,
  })
  const last = history.lastBlock
  const db = indexOf(history, 7)

  it('keep the amount before each row, as a replay of the history says', () => {
    for (const [table, column] of [
      ['holder_balances', 'balance'],
      ['holder_votes', 'votes'],
    ] as const) {
      const rows = db
        .prepare(`SELECT account, block, ${column}, previous FROM ${table} ORDER BY account, block`)
        .raw()
        .all() as Array<[string, number, string, string | null]>
      expect(rows.length).toBeGreaterThan(1_000)
      let checked = 0
      for (const [j, [account, block, , previous]] of rows.entries()) {
        if (j % 37 !== 0) continue
        // The replay's amount at the block before: what the row changed from ('0' or none: no amount).
        const at = stateAt(history, block - 1)
        const before = (column === 'balance' ? at.balances : at.votes).get(account)
        checked++
        expect(BigInt(previous ?? '0'), `${table} ${account} at ${block}`).toBe(before ?? 0n)
      }
      expect(checked).toBeGreaterThan(25)
    }
  })

  it('are the replay at, beside and between snapshots, delegates included', () => {
    const snaps = snapshotBlocks(db)
    expect(snaps.length).toBeGreaterThanOrEqual(4)
    const counts = new Set<number>()
    for (const block of blocksAround(snaps, last)) {
      const want = expectedAt(history, block)
      counts.add(want.delegates)
      expect(answeredAt(db, block), `block ${block} (snapshots at ${snaps.join(', ')})`).toEqual(want)
    }
    // The history does move the count between snapshots (else the patch would be untested).
    expect(counts.size).toBeGreaterThan(5)
  })

  it('keep the delegate count in each snapshot', () => {
    const kept = db
      .prepare("SELECT block, delegates FROM holder_snapshots WHERE kind = 'votes' ORDER BY block")
      .raw()
      .all() as Array<[number, number]>
    for (const [block, delegates] of kept)
      expect(delegates, `snapshot at ${block}`).toBe(delegatesOf(stateAt(history, block).delegateOf))
  })

  it('answer from the history when a snapshot keeps too few accounts for the ten largest', () => {
    const other = indexOf(history, 7)
    const snaps = snapshotBlocks(other)
    // Ten accounts each: where one of them fell out of the ten largest, an unchanged account beyond them took its
    // place, and the snapshot cannot say which (only the history can).
    other.prepare('UPDATE holder_snapshots SET accounts = substr(accounts, 1, 42 * 10)').run()
    const needsHistory: number[] = []
    for (const [j, s] of snaps.entries()) {
      const atSnapshot = stateAt(history, s).balances
      const ten = new Set(measuresOf(atSnapshot).top.map((t) => t.account))
      const next = snaps[j + 1] ?? last
      for (let b = s + 1; b < (s + next) >> 1; b++) {
        const at = stateAt(history, b).balances
        const top = measuresOf(at).top.map((t) => t.account)
        if (top.some((a) => !ten.has(a) && at.get(a) === atSnapshot.get(a))) needsHistory.push(b)
      }
    }
    expect(needsHistory.length).toBeGreaterThanOrEqual(2)
    for (const block of needsHistory.slice(0, 6))
      expect(answeredAt(other, block), `block ${block} (snapshots cut to ten accounts)`).toEqual(
        expectedAt(history, block),
      )
  })

  it('follow a rollback (reorg) between snapshots and the sync resumed after it', () => {
    const reorged = indexOf(history, 7)
    const before = snapshotBlocks(reorged)
    const keepTo = (before[before.length - 3] + before[before.length - 2]) >> 1
    reorged.transaction(() => rollBackAfter(reorged, 1, keepTo))()
    for (const block of [keepTo, keepTo - 1, before[before.length - 3] + 1])
      expect(answeredAt(reorged, block), `block ${block} after the rollback`).toEqual(expectedAt(history, block))
    const state = stateAt(history, keepTo)
    for (let from = keepTo + 1; from <= last; from += 7) {
      const end = Math.min(last, from + 6)
      const rows = rowsOfBlocks(history, state, from, end)
      reorged.transaction(() =>
        writeRange(reorged, 1, { end, logs: 0, ...rows, hashes: [[end, `0x${end}`]], pruneBelow: end - 63 }),
      )()
    }
    // The rows written again carry the same amounts before them as the first time.
    const previous = (d: Database.Database) =>
      d.prepare('SELECT account, block, previous FROM holder_votes ORDER BY account, block').raw().all()
    expect(previous(reorged)).toEqual(previous(db))
    for (const block of blocksAround(snapshotBlocks(reorged), last).filter((b) => b > keepTo - 3))
      expect(answeredAt(reorged, block), `block ${block} after the resumed sync`).toEqual(expectedAt(history, block))
  })
})

describe('an index written before 0023', () => {
  // 1,100 holders: more than a snapshot keeps accounts of.
  const history = syntheticHistory({
    holders: 1_100,
    transfers: 1_500,
    perBlock: 40,
    delegating: 0.6,
    delegates: 5,
    moveEvery: 31,
  })
  const last = history.lastBlock
  const largestFirst = (m: Map<string, bigint>) =>
    [...m].filter(([, x]) => x > 0n).sort(([a, x], [b, y]) => (x === y ? (a < b ? -1 : 1) : x > y ? -1 : 1))

  /** Rows, holder_current and full-width snapshots (every account, no delegate count) as 0018–0022 wrote them. */
  function oldIndex(snapshotsAt: number[]) {
    const db = freshDb(migrations.indexOf(before0023))
    db.prepare(
      "INSERT INTO holder_indexes (id, chain_id, token, from_block, synced_to, updated_at) VALUES (1, ?, ?, 1, ?, 'then')",
    ).run(CHAIN_ID, TOKEN, last)
    const state = stateAt(history, 0)
    const rows = rowsOfBlocks(history, state, 1, last)
    const put = (table: string, list: Array<[string, number, string]>) => {
      const insert = db.prepare(`INSERT INTO ${table} VALUES (1, ?, ?, ?)`)
      for (const row of list) insert.run(...row)
    }
    put('holder_balances', rows.balances)
    put('holder_votes', rows.votes)
    put('holder_delegations', rows.delegations)
    const current = db.prepare('INSERT INTO holder_current VALUES (1, ?, ?, ?, ?)')
    const accounts = new Set([...state.balances.keys(), ...state.votes.keys(), ...state.delegateOf.keys()])
    for (const a of accounts)
      current.run(a, `${state.balances.get(a) ?? 0n}`, `${state.votes.get(a) ?? 0n}`, state.delegateOf.get(a) ?? null)
    const snapshot = db.prepare('INSERT INTO holder_snapshots VALUES (1, ?, ?, ?, ?, ?)')
    for (const block of snapshotsAt) {
      const at = stateAt(history, block)
      for (const [kind, amounts] of [
        ['balance', at.balances],
        ['votes', at.votes],
      ] as const) {
        const ordered = largestFirst(amounts)
        snapshot.run(
          block,
          kind,
          ordered.length,
          ordered.map(([, x]) => x).join('\n'),
          ordered.map(([a]) => a).join(''),
        )
      }
    }
    return db
  }

  it('gets the amounts before each row, the delegate counts and the cut accounts from the migration', () => {
    const snaps = [9, Math.floor(last / 3), Math.floor(last / 2), last - 6]
    const db = oldIndex(snaps)
    migrate(db)
    // The amount before each row is its previous row's (none for an account's first).
    const rows = db
      .prepare('SELECT account, block, balance, previous FROM holder_balances ORDER BY account, block')
      .raw()
      .all() as Array<[string, number, string, string | null]>
    for (let j = 0; j < rows.length; j++)
      expect(rows[j][3], `row ${j}`).toBe(j > 0 && rows[j - 1][0] === rows[j][0] ? rows[j - 1][2] : null)
    const kept = db
      .prepare("SELECT block, delegates, length(accounts) / 42, holders FROM holder_snapshots WHERE kind = 'balance'")
      .raw()
      .all() as Array<[number, number, number, number]>
    expect(kept.map(([b]) => b)).toEqual(snaps)
    for (const [block, delegates, accounts, holders] of kept) {
      expect(delegates, `delegates at ${block}`).toBe(delegatesOf(stateAt(history, block).delegateOf))
      expect(accounts).toBe(Math.min(1_000, holders))
    }
    expect(Math.max(...kept.map(([, , , h]) => h))).toBeGreaterThan(1_000)
    for (const block of blocksAround(snaps, last))
      expect(answeredAt(db, block), `block ${block} after the migration`).toEqual(expectedAt(history, block))
  }, 60_000) // ~25 blocks of 1,100 holders replayed, O(n²) Gini each: seconds on a loaded machine
})
