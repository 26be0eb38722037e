import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Wallet, concat, keccak256, parseUnits, type JsonRpcProvider } from 'ethers'
import { rpcProvider } from '../../src/main/core/chain'
import { tokenContract } from '../../src/main/core/sandbox'
import { governanceDomain, signVote, voteFile, type VoteMessage } from '../../src/main/core/governance'
import { importVoteLines } from '../../src/main/core/governance/service'
import { openDecisionWithHolders } from './governance-decision'
import { sandboxWorkspace } from './helpers'

const U = (n: number) => parseUnits(String(n), 18)

describe('a vote-lines file streamed in, signatures recovered in the core worker', () => {
  const ws = sandboxWorkspace()
  let provider: JsonRpcProvider
  const [A, B, F] = Array.from({ length: 3 }, () => new Wallet(Wallet.createRandom().privateKey))
  const domain = governanceDomain(ws.sandbox.chainId, ws.sandbox.token.address)
  let proposal = ''
  let file = ''
  const t0 = Math.floor(Date.now() / 1000)

  const line = async (w: Wallet, support: 0 | 1 | 2, timestamp: number, signer: Wallet = w) => {
    const message: VoteMessage = { proposalId: proposal, support, voter: w.address, timestamp, reason: '' }
    return JSON.stringify(voteFile(domain, message, await signVote(signer, domain, message)))
  }

  beforeAll(async () => {
    provider = rpcProvider(ws.sandbox.rpcUrl, ws.sandbox.chainId)
    proposal = await openDecisionWithHolders(
      ws,
      provider,
      [
        [A, 1_000],
        [B, 500],
      ],
      { title: 'Streamed votes', proposer: A.address, votingPeriodBlocks: 50 },
    )
    const lines = [
      await line(A, 1, t0), // 1 accepted
      '{"format": "aitbc-governance-vote", "version": 1, "typedData": ', // 2 cut short
      await line(B, 0, t0), // 3 superseded by line 5
      await line(A, 1, t0), // 4 duplicate of line 1
      await line(B, 1, t0 + 10), // 5 accepted
      '', // 6 blank
      await line(F, 1, t0), // 7 refused: no voting power
      await line(A, 0, t0 + 20, B), // 8 refused: B's key signed A's vote
    ]
    file = join(ws.dir, 'votes.jsonl')
    writeFileSync(file, lines.join('\n') + '\n')
  })

  afterAll(async () => {
    provider?.destroy()
    await ws.ctx.close()
  })

  it('names a bad line by its number and imports nothing unless told to skip refused lines', async () => {
    await expect(importVoteLines(ws.ctx, file, { skipRefused: false })).rejects.toThrow(
      /^Line 2 of the vote file is not a valid vote: not JSON/,
    )
    expect((await ws.call('governance.get', { id: proposal })).tally).toEqual({ for: '0', against: '0', abstain: '0' })
  })

  it('keeps the rest as the file says: duplicates and superseded votes resolved as for a bundle', async () => {
    const result = await importVoteLines(ws.ctx, file, { skipRefused: true })
    expect(result).toMatchObject({ lines: 8, badCount: 1, recoveredIn: 'worker', accepted: 2, superseded: 1 })
    expect(result.badLines).toEqual([{ line: 2, reason: expect.stringMatching(/^not JSON/) }])
    expect(result.outcomes.map((o) => [o.index, o.status])).toEqual([
      [1, 'accepted'],
      [3, 'superseded'],
      [4, 'duplicate'],
      [5, 'accepted'],
      [7, 'refused'],
      [8, 'refused'],
    ])
    expect(result.outcomes.find((o) => o.index === 8)?.reason).toMatch(/recovers to/)
    // The tally weighs A and B at the snapshot as the token reports them there.
    const p = await ws.call('governance.get', { id: proposal })
    const token = tokenContract(ws.sandbox.token.address, provider)
    const power = async (w: Wallet) => (await token.getPastVotes(w.address, p.snapshotBlock)) as bigint
    expect(p.tally).toEqual({ for: ((await power(A)) + (await power(B))).toString(), against: '0', abstain: '0' })
    expect(await power(A)).toBe(U(1_000))
    // One event per voter, the voter its actor, pinning exactly the signatures stored (ethers' keccak256 of them
    // concatenated, in the file's order) and the audit chain intact after the store.
    const events = (await ws.call('audit.list', { limit: 10 })).events.filter(
      (e) => e.action === 'governance.votes.imported',
    )
    const byActor = new Map(events.map((e) => [e.actor, e.payload as { stored: number; signaturesDigest: string }]))
    const signed = (await readFile(file, 'utf8'))
      .split('\n')
      .filter((l) => l.startsWith('{') && l.endsWith('}'))
      .map((l) => JSON.parse(l) as { signature: string })
    const digestOf = (lines: number[]) => keccak256(concat(lines.map((n) => signed[n].signature)))
    expect(byActor.get(A.address)).toMatchObject({ stored: 1, signaturesDigest: digestOf([0]) })
    expect(byActor.get(B.address)).toMatchObject({ stored: 2, signaturesDigest: digestOf([1, 3]) })
    expect(await ws.call('audit.verify', {})).toMatchObject({ ok: true })
  })
})

describe('a vote file imported again, with lines appended: stored lines are not recovered again', () => {
  const ws = sandboxWorkspace()
  let provider: JsonRpcProvider
  const H = Array.from({ length: 5 }, () => new Wallet(Wallet.createRandom().privateKey))
  const domain = governanceDomain(ws.sandbox.chainId, ws.sandbox.token.address)
  const t0 = Math.floor(Date.now() / 1000) - 100
  let twice = '' // imported as the first lines, then as the first and the appended ones
  let once = '' // the same votes on a second decision, imported once as a whole
  const file = (name: string, lines: string[]) => {
    const path = join(ws.dir, name)
    writeFileSync(path, lines.join('\n') + '\n')
    return path
  }
  /** [voter, support, timestamp offset]: the first lines, then the appended ones (one new vote, a supersession). */
  const first: Array<[number, 0 | 1 | 2, number]> = [
    [0, 1, 0],
    [1, 0, 0],
    [2, 1, 0],
    [1, 1, 10], // supersedes line 2
    [3, 2, 0],
  ]
  const appended: Array<[number, 0 | 1 | 2, number]> = [
    [0, 0, 20], // supersedes H0's stored vote
    [4, 1, 0], // a voter new to the decision
    [2, 1, 0], // a duplicate of a stored vote inside the appended part too
    [3, 0, -5], // older than H3's stored vote: stored as superseded
  ]
  const signed = (proposal: string, votes: typeof first) =>
    Promise.all(
      votes.map(async ([h, support, dt]) => {
        const message: VoteMessage = {
          proposalId: proposal,
          support,
          voter: H[h].address,
          timestamp: t0 + dt,
          reason: '',
        }
        return JSON.stringify(voteFile(domain, message, await signVote(H[h], domain, message)))
      }),
    )
  const votesOf = (proposal: string) =>
    ws.db
      .prepare(
        'SELECT voter, support, timestamp, weight, counted FROM governance_votes WHERE proposal_id = ? ORDER BY voter, timestamp',
      )
      .all(proposal)

  beforeAll(async () => {
    provider = rpcProvider(ws.sandbox.rpcUrl, ws.sandbox.chainId)
    const holders = H.map((w, i) => [w, 100 * (i + 1)] as const)
    twice = await openDecisionWithHolders(ws, provider, holders, {
      title: 'Imported twice',
      proposer: H[0].address,
      votingPeriodBlocks: 50,
    })
    // The same holders, no transfer since: the same weights at the second decision's snapshot.
    once = (
      await ws.call('governance.create', {
        kind: 'technical',
        title: 'Imported once',
        body: 'The same votes as one file.',
        proposer: H[0].address,
      })
    ).id
    await provider.send('hardhat_mine', ['0x3'])
  })

  afterAll(async () => {
    provider?.destroy()
    await ws.ctx.close()
  })

  it('gives the tally and the stored votes of one import of the whole, recovering only the new lines', async () => {
    const firstLines = await signed(twice, first)
    const r1 = await importVoteLines(ws.ctx, file('first.jsonl', firstLines), { skipRefused: false })
    expect(r1).toMatchObject({ accepted: 4, superseded: 1, alreadyStored: 0 })
    const r2 = await importVoteLines(ws.ctx, file('all.jsonl', [...firstLines, ...(await signed(twice, appended))]), {
      skipRefused: false,
    })
    // Every first line is a stored vote, taken as such; the appended duplicate of line 3 is one too.
    expect(r2.alreadyStored).toBe(6)
    expect(r2.outcomes.map((o) => o.status)).toEqual([
      ...first.map(() => 'duplicate'),
      'accepted',
      'accepted',
      'duplicate',
      'superseded',
    ])
    const whole = await importVoteLines(ws.ctx, file('once.jsonl', await signed(once, [...first, ...appended])), {
      skipRefused: false,
    })
    expect(whole).toMatchObject({ accepted: 5, superseded: 3, duplicates: 1, alreadyStored: 0 })
    const [a, b] = await Promise.all([
      ws.call('governance.get', { id: twice }),
      ws.call('governance.get', { id: once }),
    ])
    expect(a.tally).toEqual(b.tally)
    expect(votesOf(twice)).toEqual(votesOf(once))
    // The known answer, from the chain: each voter's latest vote weighed by getPastVotes at the snapshot.
    const token = tokenContract(ws.sandbox.token.address, provider)
    const power = async (h: number) => (await token.getPastVotes(H[h].address, a.snapshotBlock)) as bigint
    const sum = async (hs: number[]) => (await Promise.all(hs.map(power))).reduce((x, y) => x + y, 0n).toString()
    expect(a.tally).toEqual({ for: await sum([1, 2, 4]), against: await sum([0]), abstain: await sum([3]) })
    // The imports' audit events counted per day and actor as a recount gives them.
    const recount = ws.db
      .prepare(
        'SELECT substr(at, 1, 10) AS day, actor, count(*) AS events FROM audit_events GROUP BY 1, 2 ORDER BY 1, 2',
      )
      .all()
    expect(ws.db.prepare('SELECT day, actor, events FROM audit_day_counts ORDER BY 1, 2').all()).toEqual(recount)
    expect(await ws.call('audit.verify', {})).toMatchObject({ ok: true })
  })

  it('still verifies a copy of a stored line with one byte of its signature changed, and refuses it', async () => {
    const [stored] = await signed(twice, [first[0]])
    const vote = JSON.parse(stored) as { signature: string }
    // One byte of s (not v, whose change would only make it unrecoverable): it recovers to some other address.
    const at = 2 + 64 + 10
    const flipped = (parseInt(vote.signature.slice(at, at + 2), 16) ^ 0x01).toString(16).padStart(2, '0')
    const tampered = JSON.stringify({
      ...vote,
      signature: vote.signature.slice(0, at) + flipped + vote.signature.slice(at + 2),
    })
    const before = await ws.call('governance.get', { id: twice })
    const r = await importVoteLines(ws.ctx, file('tampered.jsonl', [stored, tampered]), { skipRefused: true })
    expect(r.alreadyStored).toBe(1)
    expect(r.outcomes.map((o) => o.status)).toEqual(['duplicate', 'refused'])
    expect(r.outcomes[1].reason).toMatch(/bad signature|recovers to/)
    expect((await ws.call('governance.get', { id: twice })).tally).toEqual(before.tally)
  })
})
