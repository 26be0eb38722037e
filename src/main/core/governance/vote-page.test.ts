import { describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { Wallet } from 'ethers'
import { migrate, openDatabase } from '../db/open'
import { migrations } from '../db/migrations'
import m0020 from '../db/migrations/0020-governance-vote-page'
import { parseVoteFile, voteBundle, voteFile } from './files'
import { checkVotes, type VoteCheckEnv } from './votes'
import { governanceDomain, signVote, type VoteMessage } from './typed-data'
import { MAX_VOTES_SHOWN, detailOf, evaluate, type GovEnv } from './proposals'
import {
  allVotes,
  getProposal,
  insertVotes,
  placeOf,
  placeText,
  tallyOf,
  votePage,
  votePageAfter,
  type StoredVote,
} from './store'
import { SUPPORT_NAMES } from './types'
import { setGovernanceToken } from './settings'
import { setActiveChain } from '../chain/store'
import { createContext } from '../workspace/context'
import { createSandboxController } from '../workflows/sandbox-workspace'
import { KeyStore } from '../keys'
import { createApi } from '../../api'
import type { GovernanceVotePage } from '../../../shared/contract'
import {
  TEST_TOKEN as TOKEN,
  storedVote,
  testChain as chain,
  workspaceWithProposal as workspace,
} from './vote-test-fixture'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * The governance page reads counted flags, order and tally kept at write time (migration 0020). These tests hold
 * them to a plain recomputation over every stored vote, written here independently of the store: each voter's
 * latest vote by signed timestamp counts; the tally sums the counted votes' weights as bigints; the page lists
 * counted votes first, heaviest first (compared as bigints), then by voter and timestamp.
 */

interface Expected {
  tally: { for: bigint; against: bigint; abstain: bigint }
  voters: number
  order: Array<{ voter: string; timestamp: number; weight: string; support: string; counted: boolean }>
}

/** The reference: everything the page shows, recomputed from all stored votes with no help from the store. */
function recompute(votes: StoredVote[]): Expected {
  const latest = new Map<string, number>()
  for (const v of votes) latest.set(v.voter, Math.max(latest.get(v.voter) ?? -1, v.timestamp))
  const tally = { for: 0n, against: 0n, abstain: 0n }
  const rows = votes.map((v) => ({ ...v, counted: latest.get(v.voter) === v.timestamp }))
  for (const v of rows.filter((r) => r.counted)) tally[SUPPORT_NAMES[v.support]] += v.weight
  rows.sort(
    (a, b) =>
      Number(b.counted) - Number(a.counted) ||
      (a.weight === b.weight ? 0 : a.weight > b.weight ? -1 : 1) ||
      (a.voter < b.voter ? -1 : a.voter > b.voter ? 1 : 0) ||
      a.timestamp - b.timestamp,
  )
  return {
    tally,
    voters: latest.size,
    order: rows.map((v) => ({
      voter: v.voter,
      timestamp: v.timestamp,
      weight: v.weight.toString(),
      support: SUPPORT_NAMES[v.support],
      counted: v.counted,
    })),
  }
}

const CLOCK_INFO = { mode: 'blocknumber' as const, asOf: '2026-12-06T00:00:00.000Z', stale: false }

type Row = Expected['order'][number]
const rowOf = (v: StoredVote & { counted: boolean }): Row => ({
  voter: v.voter,
  timestamp: v.timestamp,
  weight: v.weight.toString(),
  support: SUPPORT_NAMES[v.support],
  counted: v.counted,
})

/** What the page and the store answer, in the reference's shape: pages of 97 by offset and by place. */
function shown(env: GovEnv, id: string, snapshot: number) {
  const clock = { block: snapshot + 1, timestamp: 5_000 }
  const p = getProposal(env.db, id)!
  const e = evaluate(env, p, clock)
  const detail = detailOf(env, p, e, { ...clock, ...CLOCK_INFO })
  const pages: Row[] = []
  for (let offset = 0; ; offset += 97) {
    const page = votePage(env.db, id, offset, 97)
    pages.push(...page.map(rowOf))
    if (page.length < 97) break
  }
  const byPlace: Row[] = []
  // Bounded, so a place that does not advance fails the comparison below instead of looping.
  for (let page = votePage(env.db, id, 0, 97); page.length > 0 && byPlace.length <= pages.length;) {
    byPlace.push(...page.map(rowOf))
    page = votePageAfter(env.db, id, placeOf(placeText(page[page.length - 1])), 97)
  }
  // The rest of the votes after the detail's last one, read from the place it answers.
  const afterDetail = detail.votesNext ? votePageAfter(env.db, id, placeOf(detail.votesNext), 1_000).map(rowOf) : []
  return { detail, e, pages, byPlace, afterDetail }
}

/** Whether `v` comes after `place` in the page's order, compared as the reference sorts (weights as bigints). */
function comesAfter(v: Row, place: Row): boolean {
  if (v.counted !== place.counted) return place.counted
  const [w, pw] = [BigInt(v.weight), BigInt(place.weight)]
  if (w !== pw) return w < pw
  if (v.voter !== place.voter) return v.voter > place.voter
  return v.timestamp > place.timestamp
}

function expectPageMatches(env: GovEnv, id: string, snapshot: number) {
  const want = recompute(allVotes(env.db, id))
  const { detail, e, pages, byPlace, afterDetail } = shown(env, id, snapshot)
  expect(e.tally).toEqual(want.tally)
  expect(e.voters).toBe(want.voters)
  expect(detail.tally).toEqual({
    for: want.tally.for.toString(),
    against: want.tally.against.toString(),
    abstain: want.tally.abstain.toString(),
  })
  expect(detail.voters).toBe(want.voters)
  const first = want.order.slice(0, MAX_VOTES_SHOWN)
  expect(
    detail.votes.map(({ voter, timestamp, weight, support, counted }) => ({
      voter,
      timestamp,
      weight,
      support,
      counted,
    })),
  ).toEqual(first)
  expect(detail.votesOmitted).toBe(want.order.length - first.length)
  expect(pages).toEqual(want.order)
  expect(byPlace).toEqual(want.order)
  expect(detail.votesNext === null).toBe(want.order.length <= MAX_VOTES_SHOWN)
  expect(afterDetail).toEqual(want.order.slice(MAX_VOTES_SHOWN, 2 * MAX_VOTES_SHOWN))
  return want
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** A weight of 1 to 30 decimal digits, no leading zero. */
function weightOf(next: () => number): bigint {
  const digits = 1 + Math.floor(next() * 30)
  let text = String(1 + Math.floor(next() * 9))
  for (let i = 1; i < digits; i++) text += String(Math.floor(next() * 10))
  return BigInt(text)
}

describe('governance page at volume: counted flags, order and tally kept at write time', () => {
  it('match a recomputation over all votes through batches that supersede, arrive late and tie in weight', () => {
    const { db, env, id, snapshot } = workspace()
    const next = random(22)
    const voters = Array.from({ length: 1_300 }, (_, i) => '0x' + (i * 7_919).toString(16).padStart(40, '0'))
    // A few weights shared by many voters, so ties in weight are common and broken by voter, then timestamp.
    const shared = [1n, 9n, 10n, 999_999_999_999_999_999_999_999_999_999n, 10n ** 18n]
    const taken = new Set<string>()
    const batch = (size: number, timestamps: [number, number]) => {
      const votes: StoredVote[] = []
      while (votes.length < size) {
        const voter = voters[Math.floor(next() * voters.length)]
        const timestamp = timestamps[0] + Math.floor(next() * (timestamps[1] - timestamps[0]))
        if (taken.has(`${voter}:${timestamp}`)) continue
        taken.add(`${voter}:${timestamp}`)
        const weight = next() < 0.3 ? shared[Math.floor(next() * shared.length)] : weightOf(next)
        const support = Math.floor(next() * 3) as 0 | 1 | 2
        votes.push(storedVote(id, voter, support, timestamp, weight))
      }
      return votes
    }
    // First import: most voters once, some several times in the same batch (out of timestamp order).
    insertVotes(db, batch(1_600, [2_000, 2_050]))
    const before = expectPageMatches(env, id, snapshot)
    expect(before.order.length).toBeGreaterThan(MAX_VOTES_SHOWN)
    // A later import: newer votes supersede counted ones, older ones arrive already superseded.
    insertVotes(db, [...batch(500, [2_050, 2_100]), ...batch(300, [1_900, 2_000])])
    const after = expectPageMatches(env, id, snapshot)
    expect(after.tally).not.toEqual(before.tally)
    expect(after.order.filter((v) => !v.counted).length).toBeGreaterThan(before.order.filter((v) => !v.counted).length)
  })

  it('walk by place: each page is the recomputed order after the place, also when votes arrive between pages', () => {
    const { db, id } = workspace()
    const next = random(6)
    // 150 voters and four weights shared by many: long runs of equal weight broken by voter, and a voter's several
    // votes by timestamp.
    const voters = Array.from({ length: 150 }, (_, i) => '0x' + (i * 104_729).toString(16).padStart(40, '0'))
    const shared = [3n, 10n ** 18n, 10n ** 18n + 1n, 77n]
    let clock = 2_000
    const arrivals = (size: number) =>
      Array.from({ length: size }, () => {
        // Mostly newer votes (superseding counted ones), some older than the voter's counted one.
        const timestamp = next() < 0.8 ? clock++ : 1_000 + Math.floor(next() * 900)
        const weight = next() < 0.6 ? shared[Math.floor(next() * shared.length)] : weightOf(next)
        const voter = voters[Math.floor(next() * voters.length)]
        return storedVote(id, voter, Math.floor(next() * 3) as 0 | 1 | 2, timestamp, weight)
      }).filter((v, i, all) => all.findIndex((w) => w.voter === v.voter && w.timestamp === v.timestamp) === i)
    const known = () => new Set(allVotes(db, id).map((v) => `${v.voter}:${v.timestamp}`))
    const fresh = (votes: StoredVote[]) => {
      const have = known()
      return votes.filter((v) => !have.has(`${v.voter}:${v.timestamp}`))
    }
    insertVotes(db, fresh(arrivals(400)))
    let page = votePage(db, id, 0, 37)
    expect(page.map(rowOf)).toEqual(recompute(allVotes(db, id)).order.slice(0, 37))
    let pages = 1
    const seen = new Set<string>()
    let superseded = 0
    while (page.length > 0 && pages < 200) {
      for (const v of page) seen.add(`${v.voter}:${v.timestamp}:${v.counted}`)
      const place = rowOf(page[page.length - 1])
      // Votes arrive between pages for the first twelve: before and after the place, superseding counted ones.
      if (pages <= 12) insertVotes(db, fresh(arrivals(25)))
      const want = recompute(allVotes(db, id)).order.filter((v) => comesAfter(v, place))
      page = votePageAfter(db, id, placeOf(placeText(page[page.length - 1])), 37)
      expect(page.map(rowOf), `page ${pages + 1}`).toEqual(want.slice(0, 37))
      superseded += page.filter((v) => !v.counted).length
      pages++
    }
    // The walk went through counted and superseded votes, and reached the end of the order.
    expect(pages).toBeGreaterThan(12)
    expect(superseded).toBeGreaterThan(0)
    expect(seen.size).toBeGreaterThan(400)
  })

  it('match a recomputation after imports of signed votes with duplicates, conflicts and superseded votes', async () => {
    const { db, env, id, snapshot } = workspace()
    const wallets = Array.from({ length: 6 }, () => Wallet.createRandom())
    // Equal weights for two voters (a tie), the rest from 1 digit to 30.
    const weights = [7n, 7n, 123_456_789_012_345_678_901_234_567_890n, 10n ** 18n, 1n, 10n ** 29n]
    const byVoter = new Map(wallets.map((w, i) => [w.address, weights[i]]))
    const env2: VoteCheckEnv = {
      db,
      chainId: 31337,
      token: TOKEN,
      clock: { block: snapshot + 1, timestamp: 5_000 },
      nowSeconds: 5_000,
      async readWeights(_block, accounts) {
        return new Map(accounts.map((a) => [a, byVoter.get(a) ?? 0n]))
      },
    }
    const domain = governanceDomain(31337, TOKEN)
    const sign = async (w: Pick<Wallet, 'address' | 'signTypedData'>, support: 0 | 1 | 2, timestamp: number) => {
      const message: VoteMessage = { proposalId: id, support, voter: w.address, timestamp, reason: '' }
      return voteFile(domain, message, await signVote(w, domain, message))
    }
    const importFile = async (files: Awaited<ReturnType<typeof sign>>[]) => {
      const result = await checkVotes(env2, parseVoteFile(JSON.stringify(voteBundle(files))))
      db.transaction(() =>
        insertVotes(
          db,
          result.toStore.map((v) => ({ ...v, importedAt: 'now' })),
        ),
      )()
      return result.outcomes.map((o) => o.status)
    }
    expect(
      await importFile([
        await sign(wallets[0], 1, 2_000),
        await sign(wallets[1], 0, 2_000),
        await sign(wallets[2], 2, 2_000),
        await sign(wallets[3], 1, 2_000),
        await sign(wallets[3], 0, 2_010), // supersedes the line above in the same file
        await sign(wallets[4], 1, 2_000),
      ]),
    ).toEqual(['accepted', 'accepted', 'accepted', 'superseded', 'accepted', 'accepted'])
    expectPageMatches(env, id, snapshot)
    expect(
      await importFile([
        await sign(wallets[0], 1, 2_000), // duplicate
        await sign(wallets[1], 1, 2_100), // changes Against to For
        await sign(wallets[2], 0, 1_900), // older than the counted one: stored, not counted
        await sign(wallets[5], 2, 2_000),
      ]),
    ).toEqual(['duplicate', 'accepted', 'superseded', 'accepted'])
    const want = expectPageMatches(env, id, snapshot)
    expect(want.tally).toEqual({
      for: 7n + 7n + 1n,
      against: 10n ** 18n,
      abstain: 123_456_789_012_345_678_901_234_567_890n + 10n ** 29n,
    })
  })

  it('stay right when votes are deleted behind the store (a reset by hand): flags and tally follow the votes left', () => {
    const { db, env, id, snapshot } = workspace()
    const a = '0x' + 'a'.repeat(40)
    const b = '0x' + 'b'.repeat(40)
    insertVotes(db, [storedVote(id, a, 1, 2_000, 5n), storedVote(id, a, 0, 2_100, 5n), storedVote(id, b, 2, 2_000, 9n)])
    expect(expectPageMatches(env, id, snapshot).tally).toEqual({ for: 0n, against: 5n, abstain: 9n })
    db.prepare('DELETE FROM governance_votes WHERE proposal_id = ? AND voter = ? AND timestamp = 2100').run(id, a)
    expect(expectPageMatches(env, id, snapshot).tally).toEqual({ for: 5n, against: 0n, abstain: 9n })
    db.prepare('DELETE FROM governance_votes WHERE proposal_id = ?').run(id)
    expect(expectPageMatches(env, id, snapshot)).toMatchObject({ voters: 0, order: [] })
    insertVotes(db, [storedVote(id, b, 1, 2_000, 9n)])
    expect(expectPageMatches(env, id, snapshot).tally).toEqual({ for: 9n, against: 0n, abstain: 0n })
  })

  it('back-fill the counted flags of votes stored before migration 0020, and compute a missing tally from them', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, migrations.slice(0, migrations.indexOf(m0020)))
    const { env, id, snapshot } = workspace(db)
    const insert = db.prepare(
      `INSERT INTO governance_votes (proposal_id, voter, support, timestamp, reason, signature, weight, imported_at)
       VALUES (?, ?, ?, ?, '', '0x01', ?, 'then')`,
    )
    const a = '0x' + 'a'.repeat(40)
    const b = '0x' + 'b'.repeat(40)
    insert.run(id, a, 1, 2_000, '5')
    insert.run(id, a, 0, 2_100, '5')
    insert.run(id, b, 2, 2_000, '12345678901234567890123')
    migrate(db)
    const want = expectPageMatches(env, id, snapshot)
    expect(want.tally).toEqual({ for: 0n, against: 5n, abstain: 12_345_678_901_234_567_890_123n })
    // The computed tally is stored, and kept by the next import.
    expect(db.prepare('SELECT voters FROM governance_vote_tallies WHERE proposal_id = ?').get(id)).toEqual({
      voters: 2,
    })
    insertVotes(db, [storedVote(id, b, 1, 2_200, 7n)])
    expect(expectPageMatches(env, id, snapshot).tally).toEqual({ for: 7n, against: 5n, abstain: 0n })
    expect(tallyOf(db, id).voters).toBe(2)
  })

  it('pages every vote through governance.votes in the recomputed order, and refuses bad paging at the boundary', async () => {
    const ctx = createContext(openDatabase(':memory:'), 'cli', 'test')
    const { env, id } = workspace(ctx.db)
    setActiveChain(ctx.db, chain.chainId)
    setGovernanceToken(ctx.db, chain.chainId, TOKEN, 'blocknumber')
    const next = random(7)
    const votes = Array.from({ length: 1_234 }, (_, i) =>
      storedVote(
        id,
        '0x' + (i % 900).toString(16).padStart(40, '0'),
        (i % 3) as 0 | 1 | 2,
        2_000 + i,
        i % 4 === 0 ? 5n : weightOf(next),
      ),
    )
    insertVotes(env.db, votes)
    const api = createApi({
      ctx,
      keys: new KeyStore(ctx, { dir: join(tmpdir(), 'treasury-unit-keys-unused') }),
      sandbox: createSandboxController(
        ctx,
        () => {},
        () => Promise.reject(new Error('no sandbox in unit tests')),
      ),
    })
    const want = recompute(allVotes(env.db, id)).order
    const read: Expected['order'] = []
    for (let offset = 0; offset < want.length; offset += 500) {
      const r = await api.dispatch('governance.votes', { id, offset, limit: 500 })
      if (!r.ok) throw new Error(r.error.message)
      const page = r.value as GovernanceVotePage
      expect(page).toMatchObject({ offset, total: want.length })
      read.push(
        ...page.votes.map(({ voter, timestamp, weight, support, counted }) => ({
          voter,
          timestamp,
          weight,
          support,
          counted,
        })),
      )
    }
    expect(read).toEqual(want)

    // After a place: from the first page's next, each page's next, to the end (next null on the last page).
    const byPlace: Expected['order'] = []
    let after: string | undefined
    for (let pages = 0; ; pages++) {
      const r = await api.dispatch('governance.votes', after ? { id, after, limit: 300 } : { id, limit: 300 })
      if (!r.ok) throw new Error(r.error.message)
      const page = r.value as GovernanceVotePage
      expect(page).toMatchObject({ offset: after ? null : 0, total: want.length })
      byPlace.push(
        ...page.votes.map(({ voter, timestamp, weight, support, counted }) => ({
          voter,
          timestamp,
          weight,
          support,
          counted,
        })),
      )
      if (!page.next) break
      after = page.next
      expect(pages).toBeLessThan(10)
    }
    expect(byPlace).toEqual(want)
    // A page that ends exactly at the last vote says no vote follows.
    const whole = await api.dispatch('governance.votes', { id, offset: want.length - 4, limit: 4 })
    expect(whole).toMatchObject({ ok: true, value: { next: null } })

    const place = `1:5:${want[0].voter}:2000`
    for (const bad of [
      { id, limit: 1_001 },
      { id, offset: -1 },
      { id, limit: 0 },
      { id: 'nope' },
      { id, extra: 1 },
      { id, after: 'x' },
      { id, after: `2:5:${want[0].voter}:2000` },
      { id, after: `1:05:${want[0].voter}:2000` },
      { id, after: `1:5:0x1234:2000` },
      { id, after: place, offset: 500 },
      { id, after: place, voters: [want[0].voter] },
    ])
      expect(await api.dispatch('governance.votes', bad), JSON.stringify(bad)).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT' },
      })
    expect(await api.dispatch('governance.votes', { id: '0x' + '00'.repeat(32) })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })

    // By voter: the last voter of the recomputed order (past any first page) and two others, all their votes in
    // the same order, whatever their place on the page.
    const voters = [want[want.length - 1].voter, want[0].voter, want[700].voter]
    const some = await api.dispatch('governance.votes', { id, voters, limit: 1_000 })
    if (!some.ok) throw new Error(some.error.message)
    const mine = want.filter((v) => voters.includes(v.voter))
    expect(mine.length).toBeGreaterThan(3)
    expect(some.value as GovernanceVotePage).toMatchObject({ offset: 0, total: mine.length })
    expect(
      (some.value as GovernanceVotePage).votes.map(({ voter, timestamp, weight, support, counted }) => ({
        voter,
        timestamp,
        weight,
        support,
        counted,
      })),
    ).toEqual(mine)
    const tooMany = Array.from({ length: 201 }, (_, i) => '0x' + i.toString(16).padStart(40, '0'))
    for (const bad of [
      { id, voters: [] },
      { id, voters: ['0x1234'] },
      { id, voters: tooMany },
    ])
      expect(await api.dispatch('governance.votes', bad)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
  })
})
