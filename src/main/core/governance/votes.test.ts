import { describe, expect, it } from 'vitest'
import { Wallet } from 'ethers'
import { voteFile, parseVoteFile } from './files'
import { checkVotes, type VoteCheckEnv } from './votes'
import { governanceDomain, signVote, type VoteMessage } from './typed-data'
import { insertVotes, setCanceled, tallyOf } from './store'
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
})
