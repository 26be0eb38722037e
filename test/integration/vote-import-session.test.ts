import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Wallet, getAddress, hexlify, parseUnits, randomBytes, type JsonRpcProvider } from 'ethers'
import { createPublicClient, http, parseAbi } from 'viem'
import { rpcProvider } from '../../src/main/core/chain'
import { governanceDomain, signVote, voteFile, type VoteMessage } from '../../src/main/core/governance'
import { importVoteLines } from '../../src/main/core/governance/service'
import { weightsAtSnapshot } from '../../src/main/core/governance/weights'
import type { VoteImportSessionStatus } from '../../src/shared/contract'
import { startFaultProxy } from '../faults/rpc-proxy'
import { openDecisionWithHolders } from './governance-decision'
import { sandboxWorkspace } from './helpers'

const U = (n: number) => parseUnits(String(n), 18)
const ENDED = ['done', 'failed', 'cancelled']

describe('a vote-lines file sent in chunks through an import session', () => {
  const ws = sandboxWorkspace()
  let provider: JsonRpcProvider
  const [A, B, F] = Array.from({ length: 3 }, () => new Wallet(Wallet.createRandom().privateKey))
  const domain = governanceDomain(ws.sandbox.chainId, ws.sandbox.token.address)
  let proposal = ''
  let file = ''
  let bytes: Buffer
  const t0 = Math.floor(Date.now() / 1000)

  const line = async (w: Wallet, support: 0 | 1 | 2, timestamp: number, reason = '', signer: Wallet = w) => {
    const message: VoteMessage = { proposalId: proposal, support, voter: w.address, timestamp, reason }
    return JSON.stringify(voteFile(domain, message, await signVote(signer, domain, message)))
  }

  /** Sends the file through a session in chunks of `size` bytes; answers the session's status once it ended. */
  async function upload(size: number, skipRefused: boolean, finish = true): Promise<VoteImportSessionStatus> {
    let s = await ws.call('governance.voteImportBegin', { fileName: 'votes.jsonl', size: bytes.length, skipRefused })
    for (let at = 0, seq = 0; at < bytes.length; at += size, seq++)
      s = await ws.call('governance.voteImportChunk', {
        session: s.session,
        seq,
        data: bytes.subarray(at, at + size).toString('base64'),
      })
    if (!finish) return s
    s = await ws.call('governance.voteImportFinish', { session: s.session })
    return settle(s.session)
  }

  async function settle(session: string, until = (s: VoteImportSessionStatus) => ENDED.includes(s.phase)) {
    for (;;) {
      const s = await ws.call('governance.voteImportStatus', { session })
      if (until(s)) return s
      await new Promise((r) => setTimeout(r, 25))
    }
  }

  const storedVotes = () =>
    (ws.db.prepare('SELECT COUNT(*) AS n FROM governance_votes WHERE proposal_id = ?').get(proposal) as { n: number }).n
  const cachedWeights = () => (ws.db.prepare('SELECT COUNT(*) AS n FROM governance_weights').get() as { n: number }).n

  beforeAll(async () => {
    provider = rpcProvider(ws.sandbox.rpcUrl, ws.sandbox.chainId)
    proposal = await openDecisionWithHolders(
      ws,
      provider,
      [
        [A, 700],
        [B, 300],
      ],
      { title: 'Votes sent in chunks', proposer: A.address, votingPeriodBlocks: 200 },
    )
    const lines = [
      await line(A, 1, t0, 'élan — 5 € ✓'), // 1 accepted; multi-byte characters a chunk may cut in two
      '{"format": "aitbc-governance-vote", "version": 1, "typedData": ', // 2 cut short
      await line(B, 0, t0), // 3 superseded by line 5
      await line(A, 1, t0, 'élan — 5 € ✓'), // 4 duplicate of line 1
      await line(B, 1, t0 + 10, 'ok'), // 5 accepted
      '', // 6 blank
      await line(F, 1, t0), // 7 refused: no voting power
      await line(A, 0, t0 + 20, '', B), // 8 refused: B's key signed A's vote
    ]
    file = join(ws.dir, 'votes.jsonl')
    writeFileSync(file, lines.join('\r\n') + '\n')
    bytes = readFileSync(file)
  })

  afterAll(async () => {
    provider?.destroy()
    await ws.ctx.close()
  })

  it('refuses chunks out of order, too large or not base64, by the schema or by name', async () => {
    const s = await ws.call('governance.voteImportBegin', { fileName: 'x.jsonl', size: 10, skipRefused: false })
    await expect(
      ws.call('governance.voteImportChunk', { session: s.session, seq: 1, data: 'AAAA' }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/chunk 0 was expected/) })
    await expect(
      ws.call('governance.voteImportChunk', { session: s.session, seq: 0, data: 'A'.repeat(2_796_208) }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' })
    await expect(
      ws.call('governance.voteImportChunk', { session: s.session, seq: 0, data: 'not base64!' }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' })
    await expect(
      ws.call('governance.voteImportChunk', { session: s.session, seq: 0, data: Buffer.alloc(11).toString('base64') }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/more than the 10 bytes/) })
    await expect(ws.call('governance.voteImportFinish', { session: s.session })).rejects.toMatchObject({
      message: expect.stringMatching(/Only 0 of the 10 bytes/),
    })
    const cancelled = await ws.call('governance.voteImportCancel', { session: s.session })
    expect(cancelled).toMatchObject({ phase: 'cancelled', error: 'The vote import was cancelled: nothing was stored.' })
    await expect(
      ws.call('governance.voteImportChunk', { session: s.session, seq: 0, data: 'AAAA' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
  })

  it('refuses a file that runs megabytes without a line end before holding it', async () => {
    const chunk = Buffer.alloc(2 * 1024 * 1024, 0x61)
    const s = await ws.call('governance.voteImportBegin', { fileName: 'one-line.bin', size: 3 * chunk.length })
    for (const seq of [0, 1])
      await ws.call('governance.voteImportChunk', { session: s.session, seq, data: chunk.toString('base64') })
    await expect(
      ws.call('governance.voteImportChunk', { session: s.session, seq: 2, data: chunk.toString('base64') }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/without a line end \(from byte 0\)/) })
    expect(await ws.call('governance.voteImportStatus', { session: s.session })).toMatchObject({
      phase: 'failed',
      received: 2 * chunk.length,
    })
  })

  it('names the bad line in the middle and stores nothing unless told to skip refused lines', async () => {
    const s = await upload(64, false)
    expect(s.phase).toBe('failed')
    expect(s.error).toMatch(/^Line 2 of the vote file is not a valid vote: not JSON.* Nothing was imported\.$/)
    expect(s.badLines).toEqual([{ line: 2, reason: expect.stringMatching(/^not JSON/) }])
    expect(s.lines).toBe(8)
    expect(storedVotes()).toBe(0)
  })

  it('stores nothing when cancelled while the voting power is being read', async () => {
    const proxy = await startFaultProxy(ws.sandbox.rpcUrl, 1_500)
    ws.db.prepare('UPDATE chains SET rpc_url = ? WHERE chain_id = ?').run(proxy.url, ws.sandbox.chainId)
    try {
      proxy.setMode('slow')
      const begun = await upload(4_096, true, false)
      await ws.call('governance.voteImportFinish', { session: begun.session })
      const reading = await settle(begun.session, (s) => s.weights !== null || ENDED.includes(s.phase))
      expect(reading).toMatchObject({ phase: 'weights', weights: { done: 0, total: 3, source: 'reader' } })
      const cancelled = await ws.call('governance.voteImportCancel', { session: begun.session })
      expect(cancelled).toMatchObject({ phase: 'cancelled', result: null })
      expect(cancelled.error).toBe('The vote import was cancelled: nothing was stored.')
      expect(storedVotes()).toBe(0)
      expect(cachedWeights()).toBe(0)

      // An RPC that drops every eth_call: retried, then a clear message, and still nothing stored.
      proxy.setMode('drop-calls', 1)
      const failed = await upload(4_096, true)
      expect(failed.phase).toBe('failed')
      expect(failed.error).toMatch(
        /^Voting power could not be read from the chain: reading voting power of accounts 1–3 failed 4 times/,
      )
      // Two tries of the state-override probe, then four attempts of the JSON-RPC batch, each posted twice (the
      // transport's one resend of a dropped connection).
      expect(proxy.dropState.dropped).toBe(12)
      expect(storedVotes()).toBe(0)
      expect(cachedWeights()).toBe(0)
    } finally {
      ws.db.prepare('UPDATE chains SET rpc_url = ? WHERE chain_id = ?').run(ws.sandbox.rpcUrl, ws.sandbox.chainId)
      await proxy.close()
    }
  })

  it('imports chunks cut anywhere (mid-line, mid-character) exactly as the CLI imports the file', async () => {
    const cli = await importVoteLines(ws.ctx, file, { skipRefused: true })
    const viaCli = await ws.call('governance.get', { id: proposal })
    ws.db.prepare('DELETE FROM governance_votes WHERE proposal_id = ?').run(proposal)
    ws.db.prepare('DELETE FROM governance_weights').run()

    const s = await upload(7, true)
    expect(s.phase).toBe('done')
    expect(s.received).toBe(bytes.length)
    expect(s.weights).toMatchObject({ done: 3, total: 3, source: 'reader' })
    expect(s.result).toEqual({
      accepted: cli.accepted,
      superseded: cli.superseded,
      duplicates: cli.duplicates,
      refused: cli.refused,
      lines: cli.lines,
      badCount: cli.badCount,
      badLines: cli.badLines,
      refusedVotes: cli.outcomes
        .filter((o) => o.status === 'refused')
        .map((o) => ({ line: o.index, voter: o.voter, reason: o.reason })),
    })
    expect(s.result).toMatchObject({ accepted: 2, superseded: 1, duplicates: 1, refused: 2, lines: 8, badCount: 1 })
    expect(s.result!.refusedVotes.map((r) => r.line)).toEqual([7, 8])

    const viaSession = await ws.call('governance.get', { id: proposal })
    expect(viaSession.tally).toEqual(viaCli.tally)
    expect(viaSession.votes).toEqual(viaCli.votes)
    expect(viaSession.votes.find((v) => v.voter === A.address)?.reason).toBe('élan — 5 € ✓')
    // The tally is A's and B's getPastVotes at the snapshot, read by viem.
    const viem = createPublicClient({ transport: http(ws.sandbox.rpcUrl) })
    const power = (w: Wallet) =>
      viem.readContract({
        address: ws.sandbox.token.address as `0x${string}`,
        abi: parseAbi(['function getPastVotes(address, uint256) view returns (uint256)']),
        functionName: 'getPastVotes',
        args: [w.address as `0x${string}`, BigInt(viaSession.snapshotBlock)],
      })
    expect(await power(A)).toBe(U(700))
    expect(viaSession.tally).toEqual({
      for: ((await power(A)) + (await power(B))).toString(),
      against: '0',
      abstain: '0',
    })
  })

  it('reads the voting power of thousands of voters through an RPC dropping every tenth batch', async () => {
    const proxy = await startFaultProxy(ws.sandbox.rpcUrl)
    try {
      proxy.setMode('drop-calls', 10)
      const snapshot = (await ws.call('governance.get', { id: proposal })).snapshotBlock
      const strangers = Array.from({ length: 2_998 }, () => getAddress(hexlify(randomBytes(20))))
      const accounts = [A.address, ...strangers, B.address]
      const progress: Array<[number, number, string]> = []
      const read = await weightsAtSnapshot({
        db: ws.db,
        rpcUrl: proxy.url,
        chainId: ws.sandbox.chainId,
        token: ws.sandbox.token.address,
        block: snapshot,
        accounts,
        blockClock: true,
        skipIndex: true,
        // Twelve batches of 250 (the votes reader would ask two calls, too few for every tenth to drop one).
        via: 'rpc-batch',
        onProgress: (done, total, source) => progress.push([done, total, source]),
      })
      expect(read.source).toBe('rpc-batch')
      expect(proxy.dropState.dropped).toBeGreaterThan(0)
      expect(read.weights.get(A.address)).toBe(U(700))
      expect(read.weights.get(B.address)).toBe(U(300))
      expect([...read.weights.values()].filter((w) => w !== 0n)).toHaveLength(2)
      expect(progress[0]).toEqual([0, 3_000, 'rpc-batch'])
      expect(progress.at(-1)).toEqual([3_000, 3_000, 'rpc-batch'])
    } finally {
      await proxy.close()
    }
  })
})
