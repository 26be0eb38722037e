import { describe, expect, it } from 'vitest'
import { Wallet } from 'ethers'
import { hashTypedData } from 'viem'
import { nextStep, timeLeft } from './describe'
import { unwrapSafeModule, viaSafeModule } from './proposal-id'
import { ballotDigest, signBallot, verifyBallot } from './ballot'

const module = '0x1000000000000000000000000000000000000001'
const call = { to: '0x2000000000000000000000000000000000000002', value: 5n, data: '0xa9059cbb' }

describe('module actions', () => {
  it('a call wrapped for the module reads back as the same call; other targets are not the Safe', () => {
    const action = viaSafeModule(module, call)
    expect(action).toMatchObject({ target: module, value: 0n })
    expect(unwrapSafeModule(module, action)).toEqual({ ...call, to: call.to })
    expect(unwrapSafeModule(null, action)).toBeNull()
    expect(unwrapSafeModule(call.to, action)).toBeNull()
    expect(unwrapSafeModule(module, { ...action, calldata: '0xdeadbeef' })).toBeNull()
  })
})

describe('time left and next step', () => {
  const p = { snapshot: 100n, deadline: 150n, eta: 10_000n }
  it('counts clock units to the vote and seconds in the timelock', () => {
    expect(timeLeft('Pending', p, { clock: 98n, timestamp: 0n }, 'blocks')).toEqual({
      phase: 'until voting starts',
      amount: '3',
      unit: 'blocks',
    })
    expect(timeLeft('Active', p, { clock: 150n, timestamp: 0n }, 'seconds')).toMatchObject({ amount: '1' })
    expect(timeLeft('Queued', p, { clock: 0n, timestamp: 9_000n }, 'blocks')).toEqual({
      phase: 'until executable',
      amount: '1000',
      unit: 'seconds',
    })
    expect(timeLeft('Queued', p, { clock: 0n, timestamp: 20_000n }, 'blocks').amount).toBe('0')
  })
  it('offers execute only once the next block reaches the ETA', () => {
    expect(nextStep('Queued', p, { timestamp: 9_998n })).toBeNull()
    expect(nextStep('Queued', p, { timestamp: 9_999n })).toBe('execute')
    expect(nextStep('Succeeded', p, { timestamp: 0n })).toBe('queue')
    expect(nextStep('Defeated', p, { timestamp: 0n })).toBeNull()
  })
})

describe('ballots', () => {
  const domain = { chainId: 31337, governor: '0x3000000000000000000000000000000000000003', name: 'G', version: '1' }
  it('the digest equals viem’s; a changed field or a foreign signature is refused', async () => {
    const voter = Wallet.createRandom()
    const ballot = await signBallot(voter, domain, 42n, 1)
    expect(ballotDigest(domain, 42n, 1)).toBe(
      hashTypedData({
        domain: { ...domain, verifyingContract: domain.governor as `0x${string}` },
        types: {
          Ballot: [
            { name: 'proposalId', type: 'uint256' },
            { name: 'support', type: 'uint8' },
          ],
        },
        primaryType: 'Ballot',
        message: { proposalId: 42n, support: 1 },
      }),
    )
    expect(verifyBallot(ballot).voter).toBe(voter.address)
    expect(() => verifyBallot({ ...ballot, proposalId: '43' })).toThrow(/digest/)
    const other = await signBallot(Wallet.createRandom(), domain, 42n, 1)
    expect(() => verifyBallot({ ...ballot, signature: other.signature })).toThrow(/signed by/)
  })
})
