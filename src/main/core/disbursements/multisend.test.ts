import { describe, expect, it } from 'vitest'
import { Interface, Wallet } from 'ethers'
import { OperationType } from '@safe-global/types-kit'
import { encodeMultiSendData } from '@safe-global/protocol-kit'
import {
  MULTI_SEND,
  buildBatchSafeTx,
  decodeMultiSendTransactions,
  encodeMultiSendTransactions,
  multiSendCalldata,
  transferCall,
} from './multisend'
import { recoverSafeSigner, signSafeTx } from '../signing/safe-tx'

const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const BOB = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
const SAFE = '0x3b528a984d3F9e7b7dA1f2310685fFAF327C3238'
const MSCO = '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0'

const transfers = [
  { token: 'native', receiver: ALICE, amount: 10n ** 18n },
  { token: TOKEN, receiver: BOB, amount: 1234n },
]

describe('MultiSend batch payload', () => {
  it('packs calls exactly as protocol-kit does', () => {
    const calls = transfers.map(transferCall)
    const ours = encodeMultiSendTransactions(calls)
    const theirs = encodeMultiSendData(
      calls.map((c) => ({ to: c.to, value: c.value.toString(), data: c.data, operation: OperationType.Call })),
    )
    expect(ours).toBe(theirs)
    expect(decodeMultiSendTransactions(ours)).toEqual(calls.map((c) => ({ ...c, operation: 0 })))
  })

  it('pays ETH by value and ERC-20 by transfer(to, amount) calldata', () => {
    expect(transferCall(transfers[0])).toEqual({ to: ALICE, value: 10n ** 18n, data: '0x' })
    const erc20 = transferCall(transfers[1])
    expect(erc20.to).toBe(TOKEN)
    expect(erc20.value).toBe(0n)
    const decoded = new Interface(['function transfer(address,uint256)']).decodeFunctionData('transfer', erc20.data)
    expect([decoded[0], decoded[1]]).toEqual([BOB, 1234n])
    expect(erc20.data).toBe(
      new Interface(['function transfer(address to, uint256 amount) returns (bool)']).encodeFunctionData('transfer', [
        BOB,
        1234n,
      ]),
    )
    expect(() => transferCall({ ...transfers[0], amount: 0n })).toThrow(/more than zero/)
    expect(() => transferCall({ ...transfers[1], receiver: '0x1234' })).toThrow(/not an address/)
  })

  it('wraps the calls in multiSend(bytes) as a delegatecall SafeTx to MultiSendCallOnly, hashed by EIP-712', async () => {
    const { safeTx, safeTxHash } = buildBatchSafeTx({
      chainId: 31337,
      safeAddress: SAFE,
      multiSendCallOnly: MSCO,
      nonce: 7,
      transfers,
    })
    expect(safeTx).toMatchObject({ to: MSCO, value: '0', operation: 1, nonce: '7', safeTxGas: '0', gasPrice: '0' })
    expect(safeTx.data).toBe(multiSendCalldata(transfers))
    for (const n of [1, 2, 3]) {
      const some = [...transfers, ...transfers, ...transfers].slice(0, n)
      expect(multiSendCalldata(some)).toBe(
        MULTI_SEND.encodeFunctionData('multiSend', [encodeMultiSendTransactions(some.map(transferCall))]),
      )
    }
    const [packed] = MULTI_SEND.decodeFunctionData('multiSend', safeTx.data)
    expect(decodeMultiSendTransactions(packed as string)).toHaveLength(2)
    const wallet = Wallet.createRandom()
    const sig = await signSafeTx(wallet, 31337, SAFE, safeTx)
    expect(recoverSafeSigner(safeTxHash, sig).signer).toBe(wallet.address)
  })
})
