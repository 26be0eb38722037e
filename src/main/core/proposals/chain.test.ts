import { describe, expect, it } from 'vitest'
import { AbiCoder, Interface, zeroPadValue, type JsonRpcProvider } from 'ethers'
import { safeIface } from './abi'
import { decodeRevert, executionEvent, readExecutions } from './chain'

const hash = '0x' + 'ab'.repeat(32)
const successTopic = safeIface.getEvent('ExecutionSuccess')!.topicHash
const errors = new Interface(['error Error(string)', 'error Panic(uint256)', 'error Custom(uint256)'])

describe('reading the chain', () => {
  it('reads the safeTxHash of Safe 1.4.1 (indexed) and 1.3.0 (in data) execution events', () => {
    const payment = AbiCoder.defaultAbiCoder().encode(['uint256'], [0])
    expect(executionEvent({ topics: [successTopic, hash], data: payment })).toEqual({ hash, outcome: 'success' })
    const v130 = AbiCoder.defaultAbiCoder().encode(['bytes32', 'uint256'], [hash, 0])
    expect(executionEvent({ topics: [successTopic], data: v130 })).toEqual({ hash, outcome: 'success' })
    expect(executionEvent({ topics: [zeroPadValue('0x01', 32)], data: v130 })).toBeNull()
  })

  it('spells out revert reasons, Safe codes and panics', () => {
    expect(decodeRevert(errors.encodeErrorResult('Error', ['ERC20: transfer amount exceeds balance']))).toBe(
      'ERC20: transfer amount exceeds balance',
    )
    expect(decodeRevert(errors.encodeErrorResult('Error', ['GS026']))).toMatch(/^GS026: invalid owner/)
    expect(decodeRevert(errors.encodeErrorResult('Panic', [0x11]))).toBe('panic 0x11: arithmetic overflow or underflow')
    expect(decodeRevert(errors.encodeErrorResult('Custom', [1]))).toMatch(/custom error 0x/)
    expect(decodeRevert('0x')).toBe('reverted without a reason')
  })

  it('scans back in windows when the RPC refuses the whole log range, and stops once the hashes are found', async () => {
    const ranges: Array<[number, number]> = []
    const log = {
      topics: [successTopic, hash],
      data: '0x' + '00'.repeat(32),
      blockNumber: 9_000,
      transactionHash: '0x' + '12'.repeat(32),
    }
    const provider = {
      getBlockNumber: async () => 20_000,
      getLogs: async ({ fromBlock, toBlock }: { fromBlock: number; toBlock: number }) => {
        if (toBlock - fromBlock >= 5_000) throw new Error('block range too large')
        ranges.push([fromBlock, toBlock])
        return fromBlock <= 9_000 && 9_000 <= toBlock ? [log] : []
      },
      getTransactionReceipt: async () => null,
    } as unknown as JsonRpcProvider
    const { byHash } = await readExecutions(provider, '0x3b528a984d3F9e7b7dA1f2310685fFAF327C3238', 0, new Set([hash]))
    expect(byHash.get(hash)).toMatchObject({ blockNumber: 9_000, outcome: 'success' })
    expect(ranges).toEqual([
      [15_001, 20_000],
      [10_001, 15_000],
      [5_001, 10_000],
    ])
  })
})
