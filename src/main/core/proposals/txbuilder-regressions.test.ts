import { describe, expect, it } from 'vitest'
import { encodeFunctionData, parseAbiItem, type AbiFunction } from 'viem'
import { FunctionFragment } from 'ethers'
import { encodeCall } from './args'
import { parseTxBuilderBatch } from './txbuilder'

/* Issue #14's defects 1–3, each as the file a user brought. The calldata is compared with viem's encoder. */

const SAFE = '0x3b528a984d3F9e7b7dA1f2310685fFAF327C3238'
const TOKEN = '0x6B175474E89094C44Da98b954EedeAC495271d0F'
const expectFor = { chainId: 1, safe: SAFE }

function batch(transactions: unknown[]): string {
  return JSON.stringify(
    { version: '1.0', chainId: '1', createdAt: 1, meta: { name: 'x', createdFromSafeAddress: SAFE }, transactions },
    null,
    2,
  )
}

/** The part a file imports to, encoded the way build.ts encodes it when the proposal is made. */
function calldataOf(text: string, index = 0): string {
  const part = parseTxBuilderBatch(text, expectFor).parts[index]
  if (part.type !== 'contract_call') throw new Error('not a call')
  if (part.data) return part.data
  const abi = JSON.parse(part.abi ?? '[]') as object[]
  const fn = FunctionFragment.from(abi[0])
  return encodeCall(fn, part.args ?? [], 'args').data
}

describe('issue #14 regressions (Transaction Builder import)', () => {
  it("1. a uint256[] in the Builder's unquoted form keeps every wei (296497184744719253504)", () => {
    const method = {
      name: 'distribute',
      payable: false,
      inputs: [
        { name: 'amounts', type: 'uint256[]', internalType: 'uint256[]' },
        { name: 'total', type: 'uint256', internalType: 'uint256' },
      ],
    }
    const text = batch([
      {
        to: TOKEN,
        value: '0',
        data: null,
        contractMethod: method,
        contractInputsValues: { amounts: '[296497184744719253504, 502135396922511168]', total: 'PLACEHOLDER' },
      },
    ]).replace('"PLACEHOLDER"', '296497184744719253504') // a bare JSON number, as some generators write it
    const expected = encodeFunctionData({
      abi: [parseAbiItem('function distribute(uint256[] amounts, uint256 total)') as AbiFunction],
      args: [[296497184744719253504n, 502135396922511168n], 296497184744719253504n],
    })
    expect(calldataOf(text)).toBe(expected)
  })

  it('1b. a bare-number transaction value above 2^53 is read from the text, not rounded', () => {
    const text = batch([{ to: TOKEN, value: 'V', data: '0x' }]).replace('"V"', '9007199254740993')
    const part = parseTxBuilderBatch(text, expectFor).parts[0]
    expect(part.type === 'contract_call' && part.value).toBe('9007199254740993')
  })

  it("2. the Builder's unquoted address[] and bytes32[] text is accepted", () => {
    const a = '0x1111111111111111111111111111111111111111'
    const b = '0x2222222222222222222222222222222222222222'
    const h1 = `0x${'ab'.repeat(32)}`
    const h2 = `0x${'cd'.repeat(32)}`
    const text = batch([
      {
        to: TOKEN,
        value: '0',
        data: null,
        contractMethod: {
          name: 'setRoots',
          payable: false,
          inputs: [
            { name: 'accounts', type: 'address[]', internalType: 'address[]' },
            { name: 'roots', type: 'bytes32[]', internalType: 'bytes32[]' },
          ],
        },
        contractInputsValues: { accounts: `[${a}, ${b}]`, roots: `[${h1},${h2}]` },
      },
    ])
    const expected = encodeFunctionData({
      abi: [parseAbiItem('function setRoots(address[] accounts, bytes32[] roots)') as AbiFunction],
      args: [
        [a, b],
        [h1, h2],
      ],
    })
    expect(calldataOf(text)).toBe(expected)
  })

  it('3. an entry with both data and contractMethod imports with its data, as Safe sends it', () => {
    const data = encodeFunctionData({
      abi: [parseAbiItem('function approve(address spender, uint256 amount)') as AbiFunction],
      args: [SAFE, 5n],
    })
    const text = batch([
      {
        to: TOKEN,
        value: '0',
        data,
        contractMethod: {
          name: 'approve',
          payable: false,
          inputs: [
            { name: 'spender', type: 'address' },
            { name: 'amount', type: 'uint256' },
          ],
        },
        contractInputsValues: { spender: SAFE, amount: '7' },
      },
    ])
    expect(calldataOf(text)).toBe(data)
  })

  it('refusals name the line, the transaction, the argument path and the reason', () => {
    const text = batch([
      { to: TOKEN, value: '1', data: '0x' },
      {
        to: TOKEN,
        value: '0',
        data: null,
        contractMethod: { name: 'f', payable: false, inputs: [{ name: 'amounts', type: 'uint256[]' }] },
        contractInputsValues: { amounts: '[1, 1e21]' },
      },
    ])
    const line = text.split('\n').findIndex((l) => l.includes('1e21')) + 1
    expect(() => parseTxBuilderBatch(text, expectFor)).toThrow(
      `line ${line}, transactions[1].contractInputsValues.amounts[1]: "1e21" is hex without 0x`,
    )
  })
})

describe('hostile argument text', () => {
  it('refuses a tuple nested 100,000 deep inside a string, without overflowing the stack', async () => {
    const { ParamType } = await import('ethers')
    const { parseArg } = await import('./args')
    const deep = '['.repeat(100_000) + ']'.repeat(100_000)
    expect(() => parseArg(ParamType.from('tuple(uint256 a)'), deep, 'x')).toThrow(/nested deeper than 64 levels/)
    expect(() => parseArg(ParamType.from('uint256[]'), deep, 'x')).toThrow(/x\[0\]/)
  })
})
