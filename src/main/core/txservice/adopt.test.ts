import { describe, expect, it } from 'vitest'
import { Wallet, ZeroAddress, getAddress } from 'ethers'
import { protocolKit } from '../safe/kit'
import { multiSendIface } from '../proposals/abi'
import { encodeTransfer, type BuildContext } from '../proposals/build'
import type { SafeTx } from '../signing/safe-tx'
import { NotAdoptable, readServiceTransaction } from './adopt'

const SAFE = getAddress('0x' + '5a'.repeat(20))
const TOKEN = getAddress('0x' + '70'.repeat(20))
const MULTISEND = getAddress('0x' + 'a1'.repeat(20))
const CALL_ONLY = getAddress('0x' + 'a2'.repeat(20))
const ctx: BuildContext = {
  chainId: 31337,
  safe: SAFE,
  multiSend: MULTISEND,
  multiSendCallOnly: CALL_ONLY,
  tokens: new Map([[TOKEN, { symbol: 'AITBC', decimals: 18 }]]),
  owners: [],
  threshold: 1,
  native: { symbol: 'ETH', decimals: 18 },
}

function tx(fields: Partial<SafeTx>): SafeTx {
  return {
    to: SAFE,
    value: '0',
    data: '0x',
    operation: 0,
    safeTxGas: '0',
    baseGas: '0',
    gasPrice: '0',
    gasToken: ZeroAddress,
    refundReceiver: ZeroAddress,
    nonce: '3',
    ...fields,
  }
}

describe("reading a transaction someone else built (from its bytes, never the service's summary)", () => {
  const recipient = Wallet.createRandom().address

  it('reads a known token transfer, an ETH transfer and Safe{Wallet} rejection; keeps the fields as given', () => {
    const token = readServiceTransaction(
      tx({ to: TOKEN, data: encodeTransfer(recipient, 5n * 10n ** 18n) as SafeTx['data'] }),
      SAFE,
      ctx,
    )
    expect(token).toMatchObject({
      kind: 'erc20_transfer',
      actions: [{ type: 'erc20_transfer', token: TOKEN, to: recipient, amount: (5n * 10n ** 18n).toString() }],
      outflows: [{ token: TOKEN, symbol: 'AITBC', amount: (5n * 10n ** 18n).toString() }],
    })
    expect(readServiceTransaction(tx({ to: recipient, value: '7' }), SAFE, ctx)).toMatchObject({
      kind: 'eth_transfer',
      outflows: [{ token: null, amount: '7' }],
    })
    expect(readServiceTransaction(tx({}), SAFE, ctx)).toMatchObject({ kind: 'rejection', tx: { to: SAFE } })
  })

  it('reads a MultiSendCallOnly batch call by call, and refuses other delegatecalls', () => {
    const packed = protocolKit().encodeMultiSendData([
      { to: recipient, value: '1', data: '0x', operation: 0 },
      { to: TOKEN, value: '0', data: encodeTransfer(recipient, 2n), operation: 0 },
    ])
    const data = multiSendIface.encodeFunctionData('multiSend', [packed]) as SafeTx['data']
    const batch = readServiceTransaction(tx({ to: CALL_ONLY, data, operation: 1 }), SAFE, ctx)
    expect(batch).toMatchObject({ kind: 'batch', multiSend: CALL_ONLY })
    expect(batch.actions.map((a) => a.type)).toEqual(['eth_transfer', 'erc20_transfer'])
    expect(() => readServiceTransaction(tx({ to: recipient, data, operation: 1 }), SAFE, ctx)).toThrow(
      /delegatecall into .* not this chain's MultiSend/,
    )
    const nested = protocolKit().encodeMultiSendData([{ to: recipient, value: '0', data: '0x', operation: 1 }])
    expect(() =>
      readServiceTransaction(
        tx({
          to: MULTISEND,
          data: multiSendIface.encodeFunctionData('multiSend', [nested]) as SafeTx['data'],
          operation: 1,
        }),
        SAFE,
        ctx,
      ),
    ).toThrow(NotAdoptable)
  })
})
