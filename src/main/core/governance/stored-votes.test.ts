import { describe, expect, it } from 'vitest'
import { Wallet } from 'ethers'
import { parseVoteLine, voteFile } from './files'
import { checkVotes, type VoteCheckEnv } from './votes'
import { governanceDomain, signVote, type VoteMessage } from './typed-data'
import { insertVotes } from './store'
import { storedVoteMatcher } from './stored-votes'
import { TEST_TOKEN, workspaceWithProposal } from './vote-test-fixture'

const alice = Wallet.createRandom()
const OTHER_TOKEN = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512'

async function line(over: Partial<VoteMessage> & { proposalId: string }, chainId = 31337, token = TEST_TOKEN) {
  const domain = governanceDomain(chainId, token)
  const message: VoteMessage = { support: 1, voter: alice.address, timestamp: 2_000, reason: 'yes', ...over }
  return JSON.stringify(voteFile(domain, message, await signVote(alice, domain, message)))
}

const env = (db: VoteCheckEnv['db'], block: number): VoteCheckEnv => ({
  db,
  chainId: 31337,
  token: TEST_TOKEN,
  clock: { block, timestamp: 5_000 },
  nowSeconds: 5_000,
  readWeights: async (_block, accounts) => new Map(accounts.map((a) => [a, 7n])),
})

describe('storedVoteMatcher: a line identical to a stored, verified vote', () => {
  it('matches only the very line stored, in every signed byte, and only once its domain was recorded', async () => {
    const { db, id, snapshot } = workspaceWithProposal()
    const matches = storedVoteMatcher(db)
    const text = await line({ proposalId: id })
    // Nothing stored yet: no match (and no lookup a line, the proposal having no votes).
    expect(matches(parseVoteLine(text, 1))).toBe(false)
    const checked = await checkVotes(env(db, snapshot + 1), [parseVoteLine(text, 1)])
    expect(checked.toStore).toHaveLength(1)
    insertVotes(db, [{ ...checked.toStore[0], importedAt: 'now' }])
    const again = storedVoteMatcher(db)
    expect(again(parseVoteLine(text, 7))).toBe(true)
    // Upper-case hex is the same line: the parser lower-cases the signature, as it was stored.
    const upper = JSON.parse(text) as { signature: string }
    expect(
      again(
        parseVoteLine(JSON.stringify({ ...upper, signature: upper.signature.toUpperCase().replace('0X', '0x') }), 2),
      ),
    ).toBe(true)
    // Any other byte: the signature's, the message's (each signed anew, so a valid signature of other content), the
    // domain's.
    const sig = upper.signature
    const oneByte = sig.slice(0, 40) + (sig[40] === 'a' ? 'b' : 'a') + sig.slice(41)
    const others = [
      JSON.stringify({ ...upper, signature: oneByte }),
      await line({ proposalId: id, support: 0 }),
      await line({ proposalId: id, reason: 'yes ' }),
      await line({ proposalId: id, timestamp: 2_001 }),
      await line({ proposalId: id }, 31338),
      await line({ proposalId: id }, 31337, OTHER_TOKEN),
    ]
    for (const other of others) expect(again(parseVoteLine(other, 3)), other).toBe(false)
    // A vote stored without its verifying domain (before migration 0025, or by a fixture) is verified again.
    db.exec('UPDATE governance_votes SET domain_separator = NULL')
    expect(storedVoteMatcher(db)(parseVoteLine(text, 7))).toBe(false)
  })
})
