import { describe, expect, it } from 'vitest'
import { Wallet } from 'ethers'
import { voteFile, parseVoteFile, parseVoteLine } from './files'
import { checkVotes, type VoteCheckEnv } from './votes'
import { governanceDomain, signVote, type VoteMessage } from './typed-data'
import { allVotes, insertVotes, setCanceled, tallyOf, voteHistory } from './store'
import { recoverVoteBatch } from './recover-batch'
import { WeightsStoppedError } from './weights'
import { TEST_TOKEN as TOKEN, workspaceWithProposal as setup } from './vote-test-fixture'

const E = 10n ** 18n

const alice = Wallet.createRandom()
const bob = Wallet.createRandom()
const nobody = Wallet.createRandom()
const weights: Record<string, bigint> = { [alice.address]: 100n * E, [bob.address]: 50n * E }

async function signed(
  w: Pick<Wallet, 'address' | 'signTypedData'>,
  over: Partial<VoteMessage> & { proposalId: string },
  chainId = 31337,
  token = TOKEN,
) {
  const domain = governanceDomain(chainId, token)
  const message: VoteMessage = { support: 1, voter: w.address, timestamp: 2_000, reason: '', ...over }
  return JSON.stringify(voteFile(domain, message, await signVote(w, domain, message)))
}

function env(db: VoteCheckEnv['db'], block: number, reads: string[][] = []): VoteCheckEnv {
  return {
    db,
    chainId: 31337,
    token: TOKEN,
    clock: { block, timestamp: 5_000 },
    nowSeconds: 5_000,
    async readWeights(_block, accounts) {
      reads.push(accounts)
      return new Map(accounts.map((a) => [a, weights[a] ?? 0n]))
    },
  }
}

async function store(db: VoteCheckEnv['db'], e: VoteCheckEnv, text: string) {
  const result = await checkVotes(e, parseVoteFile(text))
  insertVotes(
    db,
    result.toStore.map((v) => ({ ...v, importedAt: 'now' })),
  )
  return result
}

describe('checkVotes', () => {
  it('accepts a valid vote with its weight at the snapshot, read from the chain once', async () => {
    const { db, id, snapshot } = setup()
    const reads: string[][] = []
    const result = await checkVotes(
      env(db, snapshot + 1, reads),
      parseVoteFile(await signed(alice, { proposalId: id })),
    )
    expect(result.outcomes).toEqual([
      expect.objectContaining({ status: 'accepted', voter: alice.address, weight: 100n * E }),
    ])
    expect(reads).toEqual([[alice.address]])
    expect(result.freshWeights.get(snapshot)?.get(alice.address)).toBe(100n * E)
  })

  it('refuses votes for another chain, another token, an unknown proposal, or with another key', async () => {
    const { db, id, snapshot } = setup()
    const e = env(db, snapshot + 1)
    const reason = async (text: string) => (await checkVotes(e, parseVoteFile(text))).outcomes[0].reason
    expect(await reason(await signed(alice, { proposalId: id }, 1))).toMatch(/signed for chain 1/)
    expect(await reason(await signed(alice, { proposalId: id }, 31337, bob.address))).toMatch(/signed for token/)
    expect(await reason(await signed(alice, { proposalId: '0x' + '00'.repeat(32) }))).toMatch(/not in this workspace/)
    // Bob signs a vote that names Alice as the voter.
    const domain = governanceDomain(31337, TOKEN)
    const forged: VoteMessage = { proposalId: id, support: 1, voter: alice.address, timestamp: 1, reason: '' }
    const text = JSON.stringify(voteFile(domain, forged, await signVote(bob, domain, forged)))
    expect(await reason(text)).toMatch(new RegExp(`not ${alice.address}'s.*recovers to ${bob.address}`))
  })

  it("refuses a vote for a decision opened for another token than the workspace's governance token now", async () => {
    const { db, id, snapshot } = setup()
    const other = Wallet.createRandom().address
    const reads: string[][] = []
    // The setting moved to another token after the decision was opened: a vote signed for the new token must not be
    // weighed in it for a decision about the old one.
    const e = { ...env(db, snapshot + 1, reads), token: other }
    const result = await checkVotes(e, parseVoteFile(await signed(alice, { proposalId: id }, 31337, other)))
    expect(result.outcomes[0]).toMatchObject({ status: 'refused' })
    expect(result.outcomes[0].reason).toBe(
      `proposal ${id} was opened for token ${TOKEN}; the governance token is now ${other}`,
    )
    expect(reads).toEqual([])
  })

  it('refuses votes before the snapshot has passed, after the end, on a canceled proposal, or from the future', async () => {
    const { db, id, snapshot, end } = setup()
    const text = await signed(alice, { proposalId: id })
    expect((await checkVotes(env(db, snapshot), parseVoteFile(text))).outcomes[0].reason).toMatch(/not started/)
    expect((await checkVotes(env(db, end), parseVoteFile(text))).outcomes[0].status).toBe('accepted')
    expect((await checkVotes(env(db, end + 1), parseVoteFile(text))).outcomes[0].reason).toMatch(
      new RegExp(`voting ended at block ${end}`),
    )
    const future = await signed(alice, { proposalId: id, timestamp: 5_000 + 3_601 })
    expect((await checkVotes(env(db, snapshot + 1), parseVoteFile(future))).outcomes[0].reason).toMatch(/future/)
    setCanceled(db, id, { at: 'now', by: alice.address, note: '', signature: '0x' })
    expect((await checkVotes(env(db, snapshot + 1), parseVoteFile(text))).outcomes[0].reason).toMatch(/canceled/)
  })

  it('refuses a voter with no power at the snapshot, with the reason', async () => {
    const { db, id, snapshot } = setup()
    const result = await checkVotes(env(db, snapshot + 1), parseVoteFile(await signed(nobody, { proposalId: id })))
    expect(result.outcomes[0]).toMatchObject({ status: 'refused', reason: expect.stringMatching(/no voting power/) })
    expect(result.toStore).toEqual([])
  })

  it('counts the latest vote of each voter: duplicates ignored, conflicts refused, older votes kept as superseded', async () => {
    const { db, id, snapshot } = setup()
    const e = env(db, snapshot + 1)
    await store(db, e, await signed(alice, { proposalId: id, support: 1, timestamp: 2_000 }))
    await store(db, e, await signed(bob, { proposalId: id, support: 0, timestamp: 2_000 }))
    expect(tallyOf(db, id)).toEqual({ tally: { for: 100n * E, against: 50n * E, abstain: 0n }, voters: 2 })

    const again = await store(db, e, await signed(alice, { proposalId: id, support: 1, timestamp: 2_000 }))
    expect(again.outcomes[0].status).toBe('duplicate')
    const conflict = await store(db, e, await signed(alice, { proposalId: id, support: 0, timestamp: 2_000 }))
    expect(conflict.outcomes[0].reason).toMatch(/same timestamp/)

    const changed = await store(db, e, await signed(alice, { proposalId: id, support: 2, timestamp: 3_000 }))
    expect(changed.outcomes[0].status).toBe('accepted')
    const stale = await store(db, e, await signed(alice, { proposalId: id, support: 0, timestamp: 2_500 }))
    expect(stale.outcomes[0].status).toBe('superseded')
    expect(tallyOf(db, id)).toEqual({ tally: { for: 0n, against: 50n * E, abstain: 100n * E }, voters: 2 })
  })

  it('uses cached weights instead of reading the chain again', async () => {
    const { db, id, snapshot } = setup()
    db.prepare('INSERT INTO governance_weights VALUES (31337, ?, ?, ?, ?)').run(TOKEN, snapshot, alice.address, '7')
    const reads: string[][] = []
    const result = await checkVotes(
      env(db, snapshot + 1, reads),
      parseVoteFile(await signed(alice, { proposalId: id })),
    )
    expect(reads).toEqual([])
    expect(result.outcomes[0].weight).toBe(7n)
  })

  it("reads the named voters' weights while the signers are still being recovered, with the same outcome", async () => {
    const { db, id, snapshot } = setup()
    // Alice's and Bob's votes, one Bob signed in Alice's name a second earlier, and one from a voter with no power.
    const domain = governanceDomain(31337, TOKEN)
    const forged: VoteMessage = { proposalId: id, support: 0, voter: alice.address, timestamp: 1_999, reason: '' }
    const votes = [
      await signed(alice, { proposalId: id }),
      JSON.stringify(voteFile(domain, forged, await signVote(bob, domain, forged))),
      await signed(bob, { proposalId: id, support: 0 }),
      await signed(nobody, { proposalId: id }),
    ].map((text, i) => parseVoteLine(text, i + 1))
    const recovered = new Map(recoverVoteBatch(votes))
    const afterReads: string[][] = []
    const after = await checkVotes({ ...env(db, snapshot + 1, afterReads), recovered }, votes)
    const meanwhileReads: string[][] = []
    let resolve: (m: typeof recovered) => void = () => undefined
    const pending = new Promise<typeof recovered>((r) => (resolve = r))
    const checking = checkVotes({ ...env(db, snapshot + 1, meanwhileReads), recovered: pending }, votes)
    await new Promise((r) => setTimeout(r, 10))
    // Read before a single signer was known: every voter the votes name, the forged vote's included.
    expect(meanwhileReads).toEqual([[alice.address, bob.address, nobody.address]])
    resolve(recovered)
    const meanwhile = await checking
    expect(afterReads).toEqual([[alice.address, bob.address, nobody.address]])
    expect(meanwhile.outcomes).toEqual(after.outcomes)
    expect(meanwhile.toStore).toEqual(after.toStore)
    expect(meanwhile.freshWeights).toEqual(after.freshWeights)
    expect(meanwhile.outcomes.map((o) => o.status)).toEqual(['accepted', 'refused', 'accepted', 'refused'])

    // Only the weights of voters whose signatures hold are kept for the cache: the forged voter's are not.
    const forgedOnly = parseVoteFile(JSON.stringify(voteFile(domain, forged, await signVote(bob, domain, forged))))
    const cached = await checkVotes(
      { ...env(db, snapshot + 1), recovered: Promise.resolve(new Map(recoverVoteBatch(forgedOnly))) },
      forgedOnly,
    )
    expect(cached.outcomes[0].reason).toMatch(/recovers to/)
    expect([...(cached.freshWeights.get(snapshot)?.keys() ?? [])]).toEqual([])
  })

  it('fails as before when the weights read meanwhile fails, unless no signature held', async () => {
    const { db, id, snapshot } = setup()
    const domain = governanceDomain(31337, TOKEN)
    const votes = parseVoteFile(await signed(alice, { proposalId: id }))
    const forged: VoteMessage = { proposalId: id, support: 0, voter: alice.address, timestamp: 1_999, reason: '' }
    const forgedOnly = parseVoteFile(JSON.stringify(voteFile(domain, forged, await signVote(bob, domain, forged))))
    let calls = 0
    const failing = (list: typeof votes): VoteCheckEnv => ({
      ...env(db, snapshot + 1),
      recovered: Promise.resolve(new Map(recoverVoteBatch(list))),
      async readWeights() {
        calls += 1
        throw new Error('the RPC dropped it')
      },
    })
    await expect(checkVotes(failing(votes), votes)).rejects.toThrow('the RPC dropped it')
    expect(calls).toBe(1)
    const refused = await checkVotes(failing(forgedOnly), forgedOnly)
    expect(refused.outcomes[0]).toMatchObject({ status: 'refused', reason: expect.stringMatching(/recovers to/) })
    expect(calls).toBe(2)
    const stopped: VoteCheckEnv = {
      ...failing(votes),
      async readWeights() {
        throw new WeightsStoppedError()
      },
    }
    await expect(checkVotes(stopped, votes)).rejects.toBeInstanceOf(WeightsStoppedError)
  })

  it("checks a vote against a large decision's stored votes by the voter's own rows, as against all of them", async () => {
    const { db, id, snapshot } = setup()
    const e = env(db, snapshot + 1)
    // 60 other voters with two votes each, then Alice's and Bob's.
    const others = Array.from({ length: 60 }, () => Wallet.createRandom().address)
    insertVotes(
      db,
      others.flatMap((voter, i) =>
        [1_000, 1_500].map((timestamp) => ({
          proposalId: id,
          voter,
          support: (i % 3) as 0 | 1 | 2,
          timestamp,
          reason: i % 2 ? 'why' : '',
          signature: '0x' + '11'.repeat(65),
          weight: 1n,
          importedAt: 'then',
        })),
      ),
    )
    await store(db, e, await signed(alice, { proposalId: id, support: 1, timestamp: 2_000 }))
    await store(db, e, await signed(bob, { proposalId: id, support: 0, timestamp: 2_000 }))

    // The reference: every stored vote, grouped by voter.
    const reference = new Map<string, Array<{ timestamp: number; support: number; reason: string }>>()
    for (const v of allVotes(db, id))
      reference.set(v.voter, [
        ...(reference.get(v.voter) ?? []),
        { timestamp: v.timestamp, support: v.support, reason: v.reason },
      ])
    const sorted = (m: Map<string, Array<{ timestamp: number }>>) =>
      new Map([...m].map(([k, list]) => [k, [...list].sort((a, b) => a.timestamp - b.timestamp)]))
    const everyone = new Set([...reference.keys(), nobody.address])
    const few = new Set([alice.address, others[7], nobody.address])
    // Many voters: one pass over the rows; a few: their own rows (3 × 8 < 122 stored).
    expect(sorted(voteHistory(db, id, everyone))).toEqual(sorted(new Map([...reference, [nobody.address, []]])))
    expect(sorted(voteHistory(db, id, few))).toEqual(new Map([...few].map((v) => [v, sorted(reference).get(v) ?? []])))

    // Alice's vote again, her changed vote under the same timestamp, and an older one: the outcomes as for a bundle.
    expect(
      (await store(db, e, await signed(alice, { proposalId: id, support: 1, timestamp: 2_000 }))).outcomes[0].status,
    ).toBe('duplicate')
    expect(
      (await store(db, e, await signed(alice, { proposalId: id, support: 0, timestamp: 2_000 }))).outcomes[0].reason,
    ).toMatch(/same timestamp/)
    expect(
      (await store(db, e, await signed(alice, { proposalId: id, support: 2, timestamp: 1_800 }))).outcomes[0].status,
    ).toBe('superseded')
    expect(tallyOf(db, id).voters).toBe(62)
  })
})
