import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/open'
import {
  rowsOfBlocks,
  stateAt,
  syntheticHistory,
  type SyntheticHistory,
} from '../../../../../test/independent/holder-history'
import { answeredAt, expectedAt, writeHistoryIndex } from './history-fixture'
import { rollBackAfter, writeRange } from './store'

/** An index of `history` written as the sync writes it: ranges of `width` blocks, one transaction each. */
function indexOf(history: SyntheticHistory, width: number) {
  const db = openDatabase(':memory:')
  return { db, index: writeHistoryIndex(db, history, width) }
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
      const want = expectedAt(history, block)
      expect(want.holdings.holders, `holders at ${block}`).toBeGreaterThan(10)
      expect(answeredAt(db, block), `block ${block}`).toEqual(want)
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

  // Snapshots (0021) every ~2,000 history rows: a past block starts from the nearest one (or the end, or nothing).
  const snapshotBlocks = (d: typeof db) =>
    d.prepare("SELECT block FROM holder_snapshots WHERE kind = 'balance' ORDER BY block").pluck().all() as number[]

  it('are the replay at snapshots, on both sides of each, between two and before the first', () => {
    const snaps = snapshotBlocks(db)
    expect(snaps.length).toBeGreaterThanOrEqual(4)
    const blocks = new Set<number>([1, 2, snaps[0] - 1, Math.floor(snaps[0] / 2)])
    for (const [j, s] of snaps.entries()) {
      for (const b of [s - 2, s - 1, s, s + 1, s + 2]) blocks.add(b)
      // Between two snapshots: nearer the earlier one, the middle, nearer the later one (or the end).
      const next = snaps[j + 1] ?? last
      for (const b of [s + Math.floor((next - s) / 3), Math.floor((s + next) / 2), next - Math.floor((next - s) / 3)])
        blocks.add(b)
    }
    for (const block of [...blocks].filter((b) => b >= 1 && b <= last))
      expect(answeredAt(db, block), `block ${block} (snapshots at ${snaps.join(', ')})`).toEqual(
        expectedAt(history, block),
      )
  })

  it('keep snapshots within the history: two entries per history row at most', () => {
    const entries = db.prepare('SELECT sum(holders) FROM holder_snapshots').pluck().get() as number
    const rows = db
      .prepare('SELECT (SELECT count(*) FROM holder_balances) + (SELECT count(*) FROM holder_votes)')
      .pluck()
      .get() as number
    expect(entries).toBeGreaterThan(0)
    expect(entries).toBeLessThanOrEqual(2 * rows)
  })

  it('read the snapshot: a snapshot that disagrees with the history gives a different answer', () => {
    const other = indexOf(history, 7).db
    const s = snapshotBlocks(other)[1]
    const good = answeredAt(other, s)
    const amounts = (
      other
        .prepare("SELECT amounts FROM holder_snapshots WHERE kind = 'balance' AND block = ?")
        .pluck()
        .get(s) as string
    ).split('\n')
    amounts[amounts.length - 1] = '1'
    other
      .prepare("UPDATE holder_snapshots SET amounts = ? WHERE kind = 'balance' AND block = ?")
      .run(amounts.join('\n'), s)
    expect(answeredAt(other, s).holdings.total).not.toBe(good.holdings.total)
  })

  it('answer from the history alone when a snapshot cannot hold the changes merged into it (never a wrong measure)', () => {
    const other = indexOf(history, 7).db
    const s = snapshotBlocks(other)[1]
    const holders = (
      other
        .prepare("SELECT amounts FROM holder_snapshots WHERE kind = 'balance' AND block = ?")
        .pluck()
        .get(s) as string
    ).split('\n').length
    // Every amount of the snapshot made 1: the accounts changed in the next block held other amounts there.
    other
      .prepare("UPDATE holder_snapshots SET amounts = ? WHERE kind = 'balance' AND block = ?")
      .run(Array<string>(holders).fill('1').join('\n'), s)
    expect(answeredAt(other, s + 1)).toEqual(expectedAt(history, s + 1))
  })

  it('follow a rollback (reorg) that removes snapshots, and a resumed sync that takes them again', () => {
    const reorged = indexOf(history, 7).db
    const before = snapshotBlocks(reorged)
    const keepTo = Math.floor((before[before.length - 3] + before[before.length - 2]) / 2)
    reorged.transaction(() => rollBackAfter(reorged, 1, keepTo))()
    const kept = snapshotBlocks(reorged)
    expect(kept).toEqual(before.filter((b) => b <= keepTo))
    expect(reorged.prepare('SELECT count(*) FROM holder_snapshots WHERE block > ?').pluck().get(keepTo)).toBe(0)
    const s = kept[kept.length - 1]
    for (const block of [keepTo, keepTo - 1, s + 1, s, s - 1])
      expect(answeredAt(reorged, block), `block ${block} after the rollback`).toEqual(expectedAt(history, block))
    // The sync goes on from keepTo: the same ranges' rows again, snapshots taken again on the way.
    const state = stateAt(history, keepTo)
    for (let from = keepTo + 1; from <= last; from += 7) {
      const end = Math.min(last, from + 6)
      const rows = rowsOfBlocks(history, state, from, end)
      reorged.transaction(() =>
        writeRange(reorged, 1, { end, logs: 0, ...rows, hashes: [[end, `0x${end}`]], pruneBelow: end - 63 }),
      )()
    }
    const again = snapshotBlocks(reorged)
    expect(again.length).toBeGreaterThan(kept.length)
    for (const block of [last, ...again.slice(kept.length).flatMap((b) => [b - 1, b, b + 1])].filter((b) => b <= last))
      expect(answeredAt(reorged, block), `block ${block} after the resumed sync`).toEqual(expectedAt(history, block))
  })

  it('follow a rollback (reorg) of the index: the end is the kept block again', () => {
    const other = indexOf(history, 11).db
    const keepTo = last - 30
    other.transaction(() => rollBackAfter(other, 1, keepTo))()
    expect(answeredAt(other, keepTo)).toEqual(expectedAt(history, keepTo))
    expect(answeredAt(other, keepTo - 2)).toEqual(expectedAt(history, keepTo - 2))
  })
})
