import { describe, expect, it } from 'vitest'
import { Readable } from 'node:stream'
import { SigningKey, Wallet, getAddress, keccak256, toUtf8Bytes } from 'ethers'
import { voteFile } from './files'
import { governanceDomain, voteDigestFast, type VoteMessage } from './typed-data'
import { VoteLinesStoppedError, readVoteLinesFrom } from './vote-lines'

const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const domain = governanceDomain(31337, TOKEN)
const PROPOSAL = '0x' + 'ab'.repeat(32)

/**
 * 240 vote lines: most signed by their voter, every 17th by another key (recovers to someone else), every 29th with
 * a cut signature (recovers to no key), one bad line; keys derived from their index so the file is the same each run.
 */
function voteLines(): { text: string; expected: Map<number, string> } {
  const lines: string[] = []
  const expected = new Map<number, string>()
  for (let i = 0; i < 240; i++) {
    const key = new SigningKey(keccak256(toUtf8Bytes(`vote-lines-test-${i}`)))
    const voter = new Wallet(key).address
    const message: VoteMessage = { proposalId: PROPOSAL, support: 1, voter, timestamp: 1_700_000_000 + i, reason: '' }
    const signer = i % 17 === 5 ? new SigningKey(keccak256(toUtf8Bytes(`someone-else-${i}`))) : key
    let signature = signer.sign(voteDigestFast(domain, message)).serialized
    if (i % 29 === 7) signature = signature.slice(0, 130) + '1d' // v = 29: no key
    lines.push(JSON.stringify(voteFile(domain, message, signature)))
    const line = lines.length
    if (i === 100) lines.push('{"not": "a vote"}')
    if (i % 29 !== 7) expected.set(line, new Wallet(signer).address.toLowerCase())
  }
  return { text: lines.join('\n') + '\n', expected }
}

const read = (text: string, opts: Parameters<typeof readVoteLinesFrom>[1]) =>
  readVoteLinesFrom(Readable.from([Buffer.from(text)]), { recoveryBatch: 16, ...opts })

// Each read starts its workers (from source, through tsx, in tests): seconds on a loaded machine.
describe(
  'a vote-lines read with its signers recovered in one worker, two workers or this thread',
  { timeout: 60_000 },
  () => {
    const { text, expected } = voteLines()

    it('gives the same recovered signers, in the same order, whichever recovers them', async () => {
      const inThread = await read(text, { useWorker: false })
      const one = await read(text, { recoveryWorkers: 1 })
      const two = await read(text, { recoveryWorkers: 2 })
      expect(inThread.recoveredIn).toBe('main thread')
      expect(one.recoveredIn).toBe('worker')
      expect(two.recoveredIn).toBe('worker')
      const entries = async (r: typeof one) => [...(await r.recovered).entries()]
      const reference = await entries(inThread)
      expect(reference).toHaveLength(240)
      expect(await entries(one)).toEqual(reference)
      expect(await entries(two)).toEqual(reference)
      // Independently: each line recovers to the key that signed it, a v of 29 to no key; the bad line is skipped.
      for (const [line, signer] of reference)
        if (typeof signer === 'string') expect(signer).toBe(expected.get(line))
        else expect(signer.error).toMatch(/v must be 27 or 28/)
      expect(reference.filter(([, s]) => typeof s === 'object')).toHaveLength(9)
      expect(two.badLines).toEqual([{ line: 102, reason: expect.any(String) }])
      expect(two.votes.map((v) => v.index)).toEqual(reference.map(([line]) => line))
      expect(getAddress(reference[0][1] as string)).toBe(two.votes[0].message.voter)
    })

    it('rejects the signers still being recovered when the read is stopped after the last line', async () => {
      const stop = new AbortController()
      const r = await read(text, { recoveryWorkers: 2, signal: stop.signal })
      stop.abort()
      await expect(r.recovered).rejects.toBeInstanceOf(VoteLinesStoppedError)
    })

    it('rejects them when the caller releases the workers instead of awaiting them', async () => {
      const r = await read(text, { recoveryWorkers: 2 })
      r.release()
      await expect(r.recovered).rejects.toThrow(/recovery worker stopped/)
    })
  },
)
