import { beforeAll, describe, expect, it } from 'vitest'
import { decodeMultiSendData } from '@safe-global/protocol-kit'
import { Wallet, getAddress } from 'ethers'
import { SENTINEL_OWNERS, erc20Iface, multiSendIface, safeIface } from './abi'
import {
  buildOwnerChange,
  buildRejection,
  buildTransactions,
  encodeTransfer,
  withNonce,
  type BuildContext,
} from './build'
import { parseArg } from './args'
import { protocolKit } from '../safe/kit'
import { ParamType } from 'ethers'

const SAFE = '0x3b528a984d3F9e7b7dA1f2310685fFAF327C3238'
const TOKEN = getAddress('0x5FbDB2315678afecb367f032d93F642f64180aa3')
const owners = [Wallet.createRandom().address, Wallet.createRandom().address, Wallet.createRandom().address]
const ctx: BuildContext = {
  chainId: 31337,
  safe: SAFE,
  multiSendCallOnly: getAddress('0x9A676e781A523b5d0C0e43731313A708CB607508'),
  multiSend: getAddress('0x0B306BF915C4d645ff596e518fAf3F9669b97016'),
  tokens: new Map([[TOKEN, { symbol: 'AITBC', decimals: 18 }]]),
  owners,
  threshold: 2,
  native: { symbol: 'ETH', decimals: 18 },
}
const to = Wallet.createRandom().address

describe('building proposals', () => {
  // protocol-kit loads on first use (core/safe/kit.ts): load it here, outside the tests' own time limits.
  beforeAll(() => void protocolKit(), 60_000)

  it('a single part is a direct call; several go through MultiSendCallOnly by delegatecall', () => {
    const single = buildTransactions([{ type: 'eth_transfer', to, amount: '5' }], ctx)
    expect(single).toMatchObject({
      kind: 'eth_transfer',
      tx: { to, value: '5', data: '0x', operation: 0 },
      multiSend: null,
    })

    const batch = buildTransactions(
      [
        { type: 'eth_transfer', to, amount: '5' },
        { type: 'erc20_transfer', token: TOKEN, to, amount: '7' },
        {
          type: 'contract_call',
          to: TOKEN,
          value: '0',
          abi: 'function approve(address spender, uint256 amount)',
          method: 'approve',
          args: [to, '9'],
        },
      ],
      ctx,
    )
    expect(batch).toMatchObject({ kind: 'batch', tx: { to: ctx.multiSendCallOnly, value: '0', operation: 1 } })
    expect(multiSendIface.getFunction('multiSend')!.selector).toBe(batch.tx.data.slice(0, 10))
    const decoded = decodeMultiSendData(batch.tx.data)
    expect(decoded.map((d) => [getAddress(d.to), d.value, d.operation])).toEqual([
      [to, '5', 0],
      [TOKEN, '0', 0],
      [TOKEN, '0', 0],
    ])
    expect(batch.outflows).toEqual([
      { token: null, symbol: 'ETH', decimals: 18, amount: '5' },
      { token: TOKEN, symbol: 'AITBC', decimals: 18, amount: '7' },
    ])
    expect(batch.actions[2]).toMatchObject({
      type: 'contract_call',
      method: 'approve(address,uint256)',
      args: [
        { name: 'spender', value: to },
        { name: 'amount', value: '9' },
      ],
    })
    expect(
      buildTransactions(
        [
          { type: 'eth_transfer', to, amount: '1' },
          { type: 'eth_transfer', to, amount: '2' },
        ],
        ctx,
        false,
      ).tx.to,
    ).toBe(ctx.multiSend)
  })

  it('writes ERC-20 transfer calldata exactly as the ABI coder does', () => {
    for (const amount of [0n, 1n, 10n ** 18n, (1n << 256n) - 1n])
      expect(encodeTransfer(to, amount)).toBe(erc20Iface.encodeFunctionData('transfer', [to, amount]))
    expect(() => encodeTransfer(to, 1n << 256n)).toThrow(/range/)
  })

  it('reads raw transfer data of a known token as a token transfer', () => {
    const raw = buildTransactions([{ type: 'erc20_transfer', token: TOKEN, to, amount: '42' }], ctx).tx.data
    const again = buildTransactions([{ type: 'contract_call', to: TOKEN, value: '0', data: raw }], ctx)
    expect(again.actions[0]).toMatchObject({ type: 'erc20_transfer', amount: '42', symbol: 'AITBC' })
  })

  it('names the part and argument that is wrong', () => {
    expect(() =>
      buildTransactions(
        [
          { type: 'eth_transfer', to, amount: '1' },
          { type: 'contract_call', to, value: '0', abi: 'function f(uint8 x)', method: 'f', args: ['300'] },
        ],
        ctx,
      ),
    ).toThrow(/parts\[1\]\.args\[0\]: 300 is out of range \(uint8 x\)/)
    expect(() =>
      buildTransactions(
        [{ type: 'contract_call', to, value: '0', abi: 'function f(uint8 x)', method: 'g', args: [] }],
        ctx,
      ),
    ).toThrow(/no function "g"/)
    expect(() =>
      buildTransactions([{ type: 'contract_call', to, value: '1', abi: 'function f()', method: 'f', args: [] }], ctx),
    ).toThrow(/not payable/)
    expect(() => buildTransactions([{ type: 'erc20_transfer', token: to, to, amount: '1' }], ctx)).toThrow(
      /parts\[0\]\.token: .* unknown/,
    )
  })

  it('parses typed text arguments: tuples and arrays as JSON, bools, hex', () => {
    const tuple = ParamType.from('tuple(address a, uint256[] b, bool c, bytes4 d) t')
    expect(
      parseArg(tuple, JSON.stringify({ a: to.toLowerCase(), b: ['1', '2'], c: true, d: '0x12345678' }), 'x'),
    ).toEqual([to, [1n, 2n], true, '0x12345678'])
    // Short bytesN is right-padded as the Transaction Builder (web3's formatParam) does; too long is refused.
    expect(parseArg(ParamType.from('bytes4'), '0x12', 'x')).toBe('0x12000000')
    expect(() => parseArg(ParamType.from('bytes4'), '0x1234567890', 'x')).toThrow(/exactly 4 bytes/)
    expect(() => parseArg(ParamType.from('bool'), 'yes', 'x')).toThrow(/not true\/false/)
    expect(parseArg(ParamType.from('int8'), '-128', 'x')).toBe(-128n)
  })

  it('owner changes find the previous owner in the linked list and check the new threshold', () => {
    const remove = buildOwnerChange({ change: 'remove_owner', owner: owners[1], threshold: 2 }, ctx)
    expect(safeIface.decodeFunctionData('removeOwner', remove.tx.data).map(String)).toEqual([owners[0], owners[1], '2'])
    const first = buildOwnerChange({ change: 'swap_owner', owner: owners[0], newOwner: to }, ctx)
    expect(safeIface.decodeFunctionData('swapOwner', first.tx.data)[0]).toBe(SENTINEL_OWNERS)
    expect(first.tx.to).toBe(SAFE)
    expect(() => buildOwnerChange({ change: 'add_owner', owner: owners[0], threshold: 2 }, ctx)).toThrow(
      /already an owner/,
    )
    expect(() => buildOwnerChange({ change: 'remove_owner', owner: owners[0], threshold: 3 }, ctx)).toThrow(
      /exceeds the 2 owners left/,
    )
    expect(() => buildOwnerChange({ change: 'change_threshold', threshold: 2 }, ctx)).toThrow(/already 2/)
    expect(() => buildOwnerChange({ change: 'add_owner', owner: SAFE, threshold: 1 }, ctx)).toThrow(
      /cannot be an owner/,
    )
  })

  it('a rejection is a 0-value self-call on the given nonce', () => {
    expect(withNonce(buildRejection(SAFE, 7), 7)).toMatchObject({
      to: SAFE,
      value: '0',
      data: '0x',
      operation: 0,
      nonce: '7',
      safeTxGas: '0',
    })
  })
})
