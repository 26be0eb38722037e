import { describe, expect, it } from 'vitest'
import { Wallet } from 'ethers'
import { batchChecksum, parseTxBuilderBatch, type BatchFile } from './txbuilder'

const SAFE = '0x3b528a984d3F9e7b7dA1f2310685fFAF327C3238'
const to = Wallet.createRandom().address

function file(transactions: unknown[]): BatchFile {
  return {
    version: '1.0',
    chainId: '31337',
    createdAt: 1,
    meta: { name: 'x', createdFromSafeAddress: SAFE },
    transactions,
  } as BatchFile
}

describe('Transaction Builder batch files', () => {
  it('checksum: keys sorted, name ignored, stored checksum excluded', () => {
    const a = file([{ to, value: '1', data: null, contractMethod: null, contractInputsValues: null }])
    const sum = batchChecksum(a)
    expect(sum).toMatch(/^0x[0-9a-f]{64}$/)
    expect(batchChecksum({ ...a, meta: { ...a.meta, name: 'renamed', checksum: '0xdead' } })).toBe(sum)
    expect(batchChecksum({ ...a, transactions: [{ ...a.transactions[0], value: '2' }] })).not.toBe(sum)
    const parsed = parseTxBuilderBatch(JSON.stringify({ ...a, meta: { ...a.meta, checksum: sum } }), {
      chainId: 31337,
      safe: SAFE,
    })
    expect(parsed.checksumOk).toBe(true)
  })

  it('names the line of the wrong transaction field', () => {
    const text = JSON.stringify(
      file([
        { to, value: '1' },
        { to, value: '-3', data: '0x' },
      ]),
      null,
      2,
    )
    const line = text.split('\n').findIndex((l) => l.includes('"-3"')) + 1
    expect(() => parseTxBuilderBatch(text, { chainId: 31337, safe: SAFE })).toThrow(
      `line ${line}, transactions[1].value`,
    )
    const missing = JSON.stringify(
      file([
        {
          to,
          value: '0',
          data: null,
          contractMethod: { name: 'f', inputs: [{ name: 'x', type: 'uint256' }], payable: false },
          contractInputsValues: {},
        },
      ]),
      null,
      2,
    )
    expect(() => parseTxBuilderBatch(missing, { chainId: 31337, safe: SAFE })).toThrow(
      /contractInputsValues.*missing value for uint256 x/,
    )
    expect(() => parseTxBuilderBatch(JSON.stringify(file([])), { chainId: 31337, safe: SAFE })).toThrow(
      /no transactions/,
    )
    expect(() => parseTxBuilderBatch(JSON.stringify(file([{ to, value: '1' }])), { chainId: 31337, safe: to })).toThrow(
      /made for Safe/,
    )
  })
})
