import { describe, expect, it } from 'vitest'
import type Database from 'better-sqlite3'
import { openDatabase } from '../../db/open'
import { logsOf, stateAt, syntheticHistory, type HistoryLog } from '../../../../../test/independent/holder-history'
import { answeredAt, CHAIN_ID, expectedAt, TOKEN } from './history-fixture'
import { rangeWriter, type RangeRead } from './range-writer'
import { createHolderIndex, latestOf } from './store'

// 300 holders, 2,500 transfers, 10 a block, delegations moving every 40 transfers (some to address 0): ~300 blocks.
const history = syntheticHistory({
  holders: 300,
  transfers: 2_500,
  perBlock: 10,
  delegating: 0.6,
  delegates: 5,
  moveEvery: 40,
})
const logs = logsOf(history, TOKEN)
const WIDTH = 9

/** The logs as the sync reads them: consecutive ranges of WIDTH blocks. */
function ranges(from = history.firstBlock): RangeRead[] {
  const out: RangeRead[] = []
  for (let start = from; start <= history.lastBlock; start += WIDTH) {
    const end = Math.min(history.lastBlock, start + WIDTH - 1)
    const inRange = (l: HistoryLog) => Number(l.blockNumber) >= start && Number(l.blockNumber) <= end
    out.push({ start, end, logs: logs.filter(inRange), hashes: new Map([[end, `0x${end}`]]) })
  }
  return out
}

function writerOn(db: Database.Database, commitLogs: number, commits: number[] = []) {
  const index = createHolderIndex(db, CHAIN_ID, TOKEN, history.firstBlock)
  return rangeWriter({
    db,
    indexId: index.id,
    token: TOKEN,
    target: history.lastBlock,
    balanceBefore: latestOf(db, index.id).balance,
    onCommit: (syncedTo) => commits.push(syncedTo),
    commitLogs,
  })
}

/** Every row the index holds, but the time it was last written. */
function contents(db: Database.Database) {
  const all = (sql: string) => db.prepare(sql).raw().all()
  return {
    index: all('SELECT chain_id, token, from_block, synced_to, logs, reorgs FROM holder_indexes'),
    balances: all('SELECT * FROM holder_balances ORDER BY index_id, account, block'),
    votes: all('SELECT * FROM holder_votes ORDER BY index_id, account, block'),
    delegations: all('SELECT * FROM holder_delegations ORDER BY index_id, delegator, block'),
    current: all('SELECT * FROM holder_current ORDER BY index_id, account'),
    snapshots: all('SELECT * FROM holder_snapshots ORDER BY index_id, kind, block'),
    blocks: all('SELECT * FROM holder_index_blocks ORDER BY index_id, block'),
  }
}

/** holder_current against the plain replay at the index's end: every account's balance, votes and delegate. */
function expectCurrentAsReplayed(db: Database.Database, block: number) {
  const want = stateAt(history, block)
  const rows = db.prepare('SELECT account, balance, votes, delegate FROM holder_current').all() as Array<{
    account: string
    balance: string
    votes: string
    delegate: string | null
  }>
  const accounts = new Set([...want.balances.keys(), ...want.votes.keys(), ...want.delegateOf.keys()])
  const expected = [...accounts]
    .map((account) => ({
      account,
      balance: (want.balances.get(account) ?? 0n).toString(),
      votes: (want.votes.get(account) ?? 0n).toString(),
      delegate: want.delegateOf.get(account) ?? null,
    }))
    .filter((a) => a.balance !== '0' || a.votes !== '0' || a.delegate !== null)
  const byAccount = (a: { account: string }, b: { account: string }) => (a.account < b.account ? -1 : 1)
  expect(rows.sort(byAccount)).toEqual(expected.sort(byAccount))
}

describe('holder index range writer', () => {
  it('writes several ranges to a commit exactly as one commit a range, and as the plain replay says', () => {
    const perRange = openDatabase(':memory:')
    const perRangeCommits: number[] = []
    const one = writerOn(perRange, 1, perRangeCommits)
    for (const read of ranges()) one.add(read)
    const batched = openDatabase(':memory:')
    const batchedCommits: number[] = []
    const many = writerOn(batched, 400, batchedCommits)
    for (const read of ranges()) many.add(read)
    expect(perRangeCommits.length).toBe(ranges().length)
    expect(batchedCommits.length).toBeGreaterThan(3)
    expect(batchedCommits.length).toBeLessThan(perRangeCommits.length / 2)
    expect(batchedCommits.at(-1)).toBe(history.lastBlock)
    const written = contents(batched)
    expect(written.snapshots.length).toBeGreaterThan(3)
    expect(written).toEqual(contents(perRange))
    expectCurrentAsReplayed(batched, history.lastBlock)
    for (const block of [history.lastBlock, history.lastBlock - 5, 150, 40])
      expect(answeredAt(batched, block), `block ${block}`).toEqual(expectedAt(history, block))
  })

  it('on a failed commit keeps the commits before it whole, and a next sync from there ends where one pass ends', () => {
    const whole = openDatabase(':memory:')
    const once = writerOn(whole, 400)
    for (const read of ranges()) once.add(read)

    const db = openDatabase(':memory:')
    const commits: number[] = []
    const writer = writerOn(db, 400, commits)
    // A write the database refuses in the middle of the third commit (as a full disk would).
    const all = ranges()
    let failAt = 0
    let gathered = 0
    for (const read of all) {
      gathered += read.logs.length
      if (gathered > 2 * 400 + 200) {
        failAt = read.end
        break
      }
    }
    db.exec(`CREATE TEMP TRIGGER refuse BEFORE INSERT ON holder_balances WHEN NEW.block = ${failAt}
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`)
    expect(() => {
      for (const read of all) writer.add(read)
    }).toThrow('disk full')
    expect(commits.length).toBe(2)
    const syncedTo = db.prepare('SELECT synced_to FROM holder_indexes').pluck().get() as number
    expect(syncedTo).toBe(commits[1])
    expect(db.prepare('SELECT max(block) FROM holder_balances').pluck().get()).toBeLessThanOrEqual(syncedTo)
    expectCurrentAsReplayed(db, syncedTo)

    db.exec('DROP TRIGGER refuse')
    const index = db.prepare('SELECT id FROM holder_indexes').pluck().get() as number
    const next = rangeWriter({
      db,
      indexId: index,
      token: TOKEN,
      target: history.lastBlock,
      balanceBefore: latestOf(db, index).balance,
      onCommit: () => {},
      commitLogs: 400,
    })
    for (const read of ranges(syncedTo + 1)) next.add(read)
    expectCurrentAsReplayed(db, history.lastBlock)
    const resumed = contents(db)
    const direct = contents(whole)
    // The snapshots follow the commits' ranges (the resumed sync's start where the first stopped): the histories,
    // the end and every answer match.
    expect({ ...resumed, snapshots: [] }).toEqual({ ...direct, snapshots: [] })
    for (const block of [history.lastBlock, 200, 100, 30])
      expect(answeredAt(db, block), `block ${block}`).toEqual(expectedAt(history, block))
  })

  it('commits the whole ranges before a range it cannot replay, and nothing of that range', () => {
    const db = openDatabase(':memory:')
    const commits: number[] = []
    const writer = writerOn(db, 100_000, commits)
    const all = ranges()
    const bad = all[5]
    // A transfer out of an account that holds nothing: the index would have to start later than the token.
    const stranger = '0x' + 'ab'.repeat(20)
    const refused: RangeRead = {
      ...bad,
      logs: [
        ...bad.logs,
        {
          address: TOKEN,
          topics: [logs[0].topics[0], '0x' + stranger.slice(2).padStart(64, '0'), logs[0].topics[2]],
          data: '0x' + 1n.toString(16).padStart(64, '0'),
          blockNumber: '0x' + bad.end.toString(16),
          logIndex: '0xfff',
        },
      ],
    }
    for (const read of all.slice(0, 5)) writer.add(read)
    expect(commits).toEqual([])
    expect(() => writer.add(refused)).toThrow(`${stranger}'s balance would fall below zero`)
    expect(commits).toEqual([all[4].end])
    expect(db.prepare('SELECT synced_to FROM holder_indexes').pluck().get()).toBe(all[4].end)
    expectCurrentAsReplayed(db, all[4].end)
  })
})
