import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseUnits } from 'ethers'
import { hashTypedData } from 'viem'
import { sandboxWorkspace } from './helpers'
import { SoftwareQrDevice } from '../hardware/keystone-device'
import { SoftwareLedger, SW, replayingLedger } from '../hardware/ledger-device'
import { decodeCbor, independentUrDecode } from '../hardware/ur-independent'

/*
 * Issue #20: council acts sign the same way as Safe transactions. A member's Keystone signs a grant evaluation
 * through UR parts; another member's Ledger signs one by its EIP-712 hashes; each takes effect as a member's act.
 */

const PHRASE = 'test test test test test test test test test test test junk'

describe('council acts signed on hardware devices', () => {
  const ws = sandboxWorkspace()
  const { signers, funder, token } = ws.sandbox
  const [alice, bob] = signers
  let programId: number
  let criterionId: number
  afterAll(() => ws.ctx.close())

  const apply = (title: string) =>
    ws.call('grants.apply', {
      programId,
      title,
      applicant: 'Iris',
      recipient: funder.address,
      milestones: [{ title: 'One', amount: parseUnits('10', 18).toString(), dueOn: '2026-05-01' }],
    })

  beforeAll(async () => {
    await ws.call('safe.overview', { refresh: true })
    const period = await ws.call('budgets.createPeriod', {
      name: 'H-2026',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
    })
    const line = await ws.call('budgets.createLine', {
      periodId: period.id,
      category: 'grants',
      token: token.address,
      allocation: parseUnits('1000', 18).toString(),
    })
    const program = await ws.call('grants.createProgram', {
      name: 'Hardware',
      category: 'grants',
      budgetLineId: line.id,
      criteria: [{ label: 'Impact', weight: 1 }],
    })
    programId = program.id
    criterionId = program.criteria[0].id
  })

  it("a member's QR device and another's Ledger each sign an act that takes effect", async () => {
    const keystone = new SoftwareQrDevice(PHRASE)
    await ws.call('hardware.pairQr', { parts: [keystone.hdKeyCode()], address: alice.address, label: 'Alice Keystone' })
    const ledger = new SoftwareLedger(PHRASE)
    const bobPath = "m/44'/60'/0'/0/2"
    ws.services.ledger = replayingLedger([ledger.getAddress(bobPath)])
    await ws.call('hardware.pairLedger', { path: bobPath, address: bob.address, label: 'Bob Ledger' })

    // QR: the act's typed data as the device reads it, hashed by viem to the act's digest.
    const grant = await apply('By Keystone')
    const request = await ws.call('council.request', {
      kind: 'grant-evaluation',
      content: { grantId: grant.id, scores: [{ criterionId, score: 8 }] },
    })
    const shown = await ws.call('hardware.councilQrRequest', { request, signer: alice.address })
    expect(shown.kind).toBe('council-act')
    const typed = JSON.parse(
      new TextDecoder().decode((decodeCbor(independentUrDecode(shown.parts).cbor) as Map<number, Uint8Array>).get(2)),
    )
    const { EIP712Domain: _domainType, ...types } = typed.types
    expect(hashTypedData({ ...typed, types })).toBe(shown.digest)
    // An answer given for another act is refused.
    const other = await ws.call('council.request', {
      kind: 'grant-evaluation',
      content: { grantId: grant.id, scores: [{ criterionId, score: 2 }] },
    })
    const answer = keystone.sign(shown.parts).parts
    await expect(ws.call('hardware.councilQrImport', { request: other, parts: answer })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    })
    const byQr = await ws.call('hardware.councilQrImport', { request, parts: answer })
    expect(byQr).toMatchObject({ status: 'effective', signers: [expect.objectContaining({ member: alice.address })] })

    // Ledger: the two hashes, a refusal on the device (nothing submitted), then the signature.
    const grant2 = await apply('By Ledger')
    const request2 = await ws.call('council.request', {
      kind: 'grant-evaluation',
      content: { grantId: grant2.id, scores: [{ criterionId, score: 5 }] },
    })
    const hashes = await ws.call('hardware.councilDeviceHashes', { request: request2 })
    ws.services.ledger = replayingLedger([
      ledger.signHashes(bobPath, hashes.domainHash, hashes.messageHash, SW.refused),
    ])
    await expect(
      ws.call('hardware.councilLedgerSign', { request: request2, signer: bob.address }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/refused on the Ledger/) })
    expect(await ws.call('council.acts', { status: 'effective' })).toHaveLength(1)
    const device = replayingLedger([ledger.signHashes(bobPath, hashes.domainHash, hashes.messageHash)])
    ws.services.ledger = device
    const byLedger = await ws.call('hardware.councilLedgerSign', { request: request2, signer: bob.address })
    device.replayed()
    expect(byLedger).toMatchObject({ status: 'effective', signers: [expect.objectContaining({ member: bob.address })] })
    expect(byLedger.digest).toBe(hashes.digest)
  })
})
