import { describe, expect, it } from 'vitest'
import {
  deriveState,
  isFinal,
  quorumReached,
  quorumVotes,
  timelockElapsed,
  voteSucceeded,
  type StateInput,
  type Tally,
} from './state'
import { PROPOSAL_STATES } from './types'

const E = 10n ** 18n
const base: StateInput = {
  snapshotBlock: 100,
  endBlock: 200,
  quorumBps: 400, // 4 %
  passThresholdBps: 5_000,
  gracePeriodSeconds: 1_000,
  canceled: false,
  executed: false,
  eta: null,
  totalSupply: 1_000n * E, // quorum = 40
  tally: { for: 0n, against: 0n, abstain: 0n },
}
const tally = (f: number, a: number, ab: number): Tally => ({
  for: BigInt(f) * E,
  against: BigInt(a) * E,
  abstain: BigInt(ab) * E,
})
const passing = tally(30, 10, 10)
const at = (block: number, timestamp = 0) => ({ block, timestamp })

describe('quorum and threshold arithmetic', () => {
  it('computes the quorum as floor(supply × bps / 10,000)', () => {
    expect(quorumVotes(1_000n * E, 400)).toBe(40n * E)
    expect(quorumVotes(999n, 400)).toBe(39n) // 39.96 floored
    expect(quorumVotes(0n, 400)).toBe(0n)
  })

  it('counts For and Abstain toward quorum, never Against', () => {
    expect(quorumReached(tally(20, 0, 20), 1_000n * E, 400)).toBe(true) // exactly 40
    expect(quorumReached(tally(20, 100, 19), 1_000n * E, 400)).toBe(false)
    expect(quorumReached({ for: 40n * E - 1n, against: 0n, abstain: 0n }, 1_000n * E, 400)).toBe(false)
  })

  it('needs For strictly above the threshold share of For + Against', () => {
    expect(voteSucceeded(tally(10, 10, 0), 5_000)).toBe(false) // a tie fails, as for > against
    expect(voteSucceeded({ for: 10n * E + 1n, against: 10n * E, abstain: 0n }, 5_000)).toBe(true)
    expect(voteSucceeded(tally(0, 0, 50), 5_000)).toBe(false) // abstentions alone pass nothing
    expect(voteSucceeded(tally(2, 1, 0), 6_667)).toBe(false) // 66.66… % < 66.67 %
    expect(voteSucceeded(tally(667, 333, 0), 6_667)).toBe(true)
    expect(voteSucceeded(tally(1, 0, 0), 0)).toBe(true)
    expect(voteSucceeded(tally(0, 0, 0), 0)).toBe(false)
  })
})

describe('deriveState', () => {
  it('is Pending up to and including the snapshot block', () => {
    expect(deriveState({ ...base, totalSupply: null }, at(50))).toBe('Pending')
    expect(deriveState({ ...base, totalSupply: null }, at(100))).toBe('Pending')
  })

  it('is Active after the snapshot through the end block, whatever the tally', () => {
    for (const block of [101, 150, 200]) {
      expect(deriveState({ ...base, tally: passing }, at(block))).toBe('Active')
      expect(deriveState({ ...base }, at(block))).toBe('Active')
    }
  })

  it('is Defeated after the end when quorum is missed, or the vote failed, or both', () => {
    expect(deriveState({ ...base, tally: tally(30, 0, 9) }, at(201))).toBe('Defeated') // 39 < 40
    expect(deriveState({ ...base, tally: tally(20, 20, 20) }, at(201))).toBe('Defeated') // quorum, tie
    expect(deriveState({ ...base, tally: tally(1, 2, 0) }, at(201))).toBe('Defeated')
    expect(deriveState({ ...base }, at(201))).toBe('Defeated') // nobody voted
  })

  it('is Succeeded after the end when quorum is met and the vote passed, until queued', () => {
    expect(deriveState({ ...base, tally: passing }, at(201))).toBe('Succeeded')
    expect(deriveState({ ...base, tally: tally(40, 0, 0) }, at(10_000, 9e9))).toBe('Succeeded')
  })

  it('is Queued from queueing until the grace period after the ETA ends, then Expired', () => {
    const queued = { ...base, tally: passing, eta: 5_000 }
    expect(deriveState(queued, at(300, 4_000))).toBe('Queued')
    expect(deriveState(queued, at(300, 5_000))).toBe('Queued') // executable from here
    expect(deriveState(queued, at(300, 5_999))).toBe('Queued')
    expect(deriveState(queued, at(300, 6_000))).toBe('Expired')
  })

  it('lets Executed and Canceled win over every other state', () => {
    for (const block of [50, 150, 250]) {
      expect(deriveState({ ...base, executed: true, totalSupply: null }, at(block))).toBe('Executed')
      expect(deriveState({ ...base, canceled: true, totalSupply: null }, at(block))).toBe('Canceled')
    }
    expect(deriveState({ ...base, tally: passing, eta: 1, executed: true }, at(300, 1e9))).toBe('Executed')
    expect(deriveState({ ...base, canceled: true, executed: true }, at(300))).toBe('Executed')
  })

  it('refuses to guess when voting ended and the past total supply is unknown', () => {
    expect(() => deriveState({ ...base, totalSupply: null, tally: passing }, at(201))).toThrow(/total supply/)
  })

  it('reaches every state of the lifecycle', () => {
    const seen = new Set([
      deriveState({ ...base, totalSupply: null }, at(1)),
      deriveState(base, at(150)),
      deriveState({ ...base, canceled: true }, at(150)),
      deriveState(base, at(201)),
      deriveState({ ...base, tally: passing }, at(201)),
      deriveState({ ...base, tally: passing, eta: 10 }, at(300, 5)),
      deriveState({ ...base, tally: passing, eta: 10 }, at(300, 2_000)),
      deriveState({ ...base, executed: true }, at(300)),
    ])
    expect([...seen].sort()).toEqual([...PROPOSAL_STATES].sort())
  })
})

describe('timelockElapsed and isFinal', () => {
  it('says a queued proposal is executable from its ETA on', () => {
    expect(timelockElapsed('Queued', 100, at(1, 99))).toBe(false)
    expect(timelockElapsed('Queued', 100, at(1, 100))).toBe(true)
    expect(timelockElapsed('Succeeded', 100, at(1, 200))).toBe(false)
    expect(timelockElapsed('Queued', null, at(1, 200))).toBe(false)
  })
  it('treats only Pending and Active as open', () => {
    expect(PROPOSAL_STATES.filter((s) => !isFinal(s))).toEqual(['Pending', 'Active'])
  })
})
