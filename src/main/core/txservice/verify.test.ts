import { describe, expect, it } from 'vitest'
import { Wallet, ZeroAddress, getAddress } from 'ethers'
import { protocolKit } from '../safe/kit'
import { approvedHashSignature } from '../signing/safe-tx'
import { checkServiceTransaction } from './verify'
import { unpackMultiSend } from './adopt'
import type { ServiceTransaction } from './client'
import { viemSafeTxHash, viemSignSafeTx } from '../../../../test/independent/viem-safe-tx'

const CHAIN = 31337
const SAFE = getAddress('0x' + '5a'.repeat(20))
const owners = [Wallet.createRandom(), Wallet.createRandom()]
const outsider = Wallet.createRandom()
const fields = {
  to: getAddress('0x' + '11'.repeat(20)),
  value: '1000',
  data: '0xabcdef' as const,
  operation: 0,
  safeTxGas: '21000',
  baseGas: '7',
  gasPrice: '0',
  gasToken: ZeroAddress,
  refundReceiver: ZeroAddress,
  nonce: '4',
}
// The known answer, computed by viem (independent of the app's ethers hashing).
const HASH = viemSafeTxHash(CHAIN, SAFE, fields)
const sign = (w: { privateKey: string }) => viemSignSafeTx(w.privateKey, CHAIN, SAFE, fields)

function serviceTx(extra: Partial<ServiceTransaction> = {}): ServiceTransaction {
  return { safe: SAFE, ...fields, safeTxHash: HASH, isExecuted: false, confirmations: [], ...extra }
}

describe('a transaction read from the Safe Transaction Service', () => {
  const ownerList = owners.map((o) => o.address)

  it('is accepted when its fields hash to its safeTxHash; owner confirmations count', async () => {
    const confirmations = [{ owner: owners[0].address, signature: await sign(owners[0]) }]
    const checked = checkServiceTransaction(serviceTx({ confirmations }), CHAIN, SAFE, ownerList)
    expect(checked).toMatchObject({ ok: true, safeTxHash: HASH, refused: [] })
    if (checked.ok) expect(checked.confirmations.map((c) => c.owner)).toEqual([owners[0].address])
  })

  it('is refused when any field differs from what the hash commits to', () => {
    for (const change of [
      { value: '1001' },
      { data: '0xabcdee' },
      { nonce: '5' },
      { safeTxGas: '0' },
      { operation: 1 },
    ]) {
      const checked = checkServiceTransaction(serviceTx(change), CHAIN, SAFE, ownerList)
      expect(checked.ok).toBe(false)
      if (!checked.ok) expect(checked.reason).toContain(`not to the ${HASH} the service gives`)
    }
    expect(checkServiceTransaction(serviceTx(), CHAIN + 1, SAFE, ownerList).ok).toBe(false)
  })

  it('refuses confirmations by non-owners, by someone other than the named owner, or unreadable; skips approvals', async () => {
    const confirmations = [
      { owner: outsider.address, signature: await sign(outsider) },
      { owner: owners[1].address, signature: await sign(outsider) },
      { owner: owners[1].address, signature: '0x1234' },
      { owner: owners[0].address, signature: approvedHashSignature(owners[0].address) },
      { owner: owners[1].address, signature: await sign(owners[1]) },
    ]
    const checked = checkServiceTransaction(serviceTx({ confirmations }), CHAIN, SAFE, ownerList)
    if (!checked.ok) throw new Error(checked.reason)
    expect(checked.confirmations.map((c) => c.owner)).toEqual([owners[1].address])
    expect(checked.refused.map((r) => r.reason)).toEqual([
      expect.stringContaining(`${outsider.address} is not an owner`),
      expect.stringContaining(`recovers to ${outsider.address}, not to ${owners[1].address}`),
      expect.stringContaining('cannot be read'),
    ])
  })

  it('unpacks MultiSend batches as protocol-kit packs them', () => {
    const calls = [
      { to: owners[0].address, value: '5', data: '0x', operation: 0 },
      { to: owners[1].address, value: '0', data: '0xa9059cbb' + '00'.repeat(64), operation: 0 },
    ]
    const packed = protocolKit().encodeMultiSendData(calls)
    expect(unpackMultiSend(packed)).toEqual(
      calls.map((c) => ({ operation: 0, to: c.to, value: BigInt(c.value), data: c.data })),
    )
    expect(() => unpackMultiSend(packed.slice(0, -2))).toThrow(/cut short/)
  })
})
