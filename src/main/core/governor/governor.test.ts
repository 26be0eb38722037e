import { describe, expect, it } from 'vitest'
import { Wallet } from 'ethers'
import { hashTypedData, keccak256 as viemKeccak, toBytes } from 'viem'
import { nextStep, timeLeft } from './describe'
import { unwrapSafeModule, viaSafeModule } from './proposal-id'
import { BALLOT_TYPEHASHES, ballotDigest, ballotKindOfTypehash, signBallot, verifyBallot } from './ballot'
import { ballotFileSchema } from '../../../shared/contract/governor'

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
  const viemDomain = { ...domain, verifyingContract: domain.governor as `0x${string}` }
  it('4.x: the digest equals viem’s; a changed field or a foreign signature is refused', async () => {
    const voter = Wallet.createRandom()
    const ballot = await signBallot(voter, domain, { kind: 'oz4', proposalId: 42n, support: 1 })
    expect(ballot).toMatchObject({ version: 2, ballotKind: 'oz4' })
    expect(ballot).not.toHaveProperty('nonce')
    expect(ballotDigest(domain, { kind: 'oz4', proposalId: 42n, support: 1 })).toBe(
      hashTypedData({
        domain: viemDomain,
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
    const other = await signBallot(Wallet.createRandom(), domain, { kind: 'oz4', proposalId: 42n, support: 1 })
    expect(() => verifyBallot({ ...ballot, signature: other.signature })).toThrow(/signed by/)
  })

  it('a version 1 file (before ballot kinds) still reads and verifies as a 4.x ballot', async () => {
    const voter = Wallet.createRandom()
    const signed = await signBallot(voter, domain, { kind: 'oz4', proposalId: 7n, support: 2 })
    const { ballotKind: _kind, ...rest } = signed as typeof signed & { ballotKind: string }
    const v1 = ballotFileSchema.parse({ ...rest, version: 1 })
    expect(verifyBallot(v1).vote).toEqual({ kind: 'oz4', proposalId: 7n, support: 2 })
    // A v1 file with a kind, or a v2 file without one, is not a ballot.
    expect(ballotFileSchema.safeParse({ ...signed, version: 1 }).success).toBe(false)
    expect(ballotFileSchema.safeParse({ ...rest, version: 2 }).success).toBe(false)
  })

  it('5.x: voter and nonce are signed; the digest equals viem’s; the type hashes are the Governors’ constants', async () => {
    const voter = Wallet.createRandom()
    const ballot = await signBallot(voter, domain, { kind: 'oz5', proposalId: 42n, support: 0, nonce: 3n })
    expect(ballot).toMatchObject({ version: 2, ballotKind: 'oz5', nonce: '3', voter: voter.address })
    expect(ballotFileSchema.parse(ballot)).toEqual(ballot)
    expect(ballot.digest).toBe(
      hashTypedData({
        domain: viemDomain,
        types: {
          Ballot: [
            { name: 'proposalId', type: 'uint256' },
            { name: 'support', type: 'uint8' },
            { name: 'voter', type: 'address' },
            { name: 'nonce', type: 'uint256' },
          ],
        },
        primaryType: 'Ballot',
        message: { proposalId: 42n, support: 0, voter: voter.address as `0x${string}`, nonce: 3n },
      }),
    )
    // keccak256 of the type strings as OpenZeppelin's sources declare them, by viem.
    expect(BALLOT_TYPEHASHES.oz4).toBe(viemKeccak(toBytes('Ballot(uint256 proposalId,uint8 support)')))
    expect(BALLOT_TYPEHASHES.oz5).toBe(
      viemKeccak(toBytes('Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)')),
    )
    expect(ballotKindOfTypehash(BALLOT_TYPEHASHES.oz5.toUpperCase().replace('0X', '0x'))).toBe('oz5')
    expect(ballotKindOfTypehash(`0x${'00'.repeat(32)}`)).toBeNull()
    expect(verifyBallot(ballot).vote).toEqual({
      kind: 'oz5',
      proposalId: 42n,
      support: 0,
      voter: voter.address,
      nonce: 3n,
    })
    expect(() => verifyBallot({ ...ballot, nonce: '4' })).toThrow(/digest/)
    // Another voter named in the file changes the signed fields: refused before the chain is asked.
    expect(() => verifyBallot({ ...ballot, voter: Wallet.createRandom().address })).toThrow(/digest/)
    // The same 5.x fields without the nonce are not a ballot file; a 4.x ballot with a nonce neither.
    const { nonce: _n, ...noNonce } = ballot
    expect(ballotFileSchema.safeParse(noNonce).success).toBe(false)
    expect(ballotFileSchema.safeParse({ ...ballot, ballotKind: 'oz4' }).success).toBe(false)
  })

  it('5.x for a contract voter: the ballot names the contract; only the chain (ERC-1271) can accept the signer', async () => {
    const key = Wallet.createRandom()
    const contract = '0x4000000000000000000000000000000000000004'
    const ballot = await signBallot(key, domain, {
      kind: 'oz5',
      proposalId: 9n,
      support: 1,
      nonce: 5n,
      onBehalfOf: contract,
    })
    expect(ballot).toMatchObject({ voter: contract, nonce: '5' })
    expect(verifyBallot(ballot)).toMatchObject({ voter: contract, signer: key.address, needsContractCheck: true })
    // A longer signature (e.g. a Safe's owners) is a 5.x contract voter's; a 4.x ballot has exactly one.
    const long = { ...ballot, signature: ballot.signature + ballot.signature.slice(2) }
    expect(verifyBallot(ballotFileSchema.parse(long))).toMatchObject({ signer: null, needsContractCheck: true })
    const four = await signBallot(key, domain, { kind: 'oz4', proposalId: 9n, support: 1 })
    expect(ballotFileSchema.safeParse({ ...four, signature: long.signature }).success).toBe(false)
  })
})
