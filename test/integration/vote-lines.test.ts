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
