import { afterAll, describe, expect, it } from 'vitest'
import { JsonRpcProvider } from 'ethers'
import { hashDomain, hashStruct } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { sandboxWorkspace } from './helpers'
import { executeSafeTx } from './disbursements-chain'
import { SAFE_TX_TYPES } from '../../src/main/core/signing/safe-tx'
import { SW, SoftwareLedger, replayingLedger } from '../hardware/ledger-device'

/*
 * Issue #20, Ledger over USB: the device is @ledgerhq/hw-transport-mocker's replayer, fed the exchanges a Ledger
 * Ethereum app holding the sandbox's public mnemonic would have (computed by the test from a software key by Ledger's
 * APDU protocol). Addresses of both layouts, pairing, EIP-712 signing by hashes (executed on the sandbox chain), and
 * each refusal the device can give, each storing nothing.
 */

const PHRASE = 'test test test test test test test test test test test junk'
const RECIPIENT = '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720'

describe('hardware signers over USB (Ledger), replayed APDUs, on the sandbox chain', () => {
  const ws = sandboxWorkspace()
  const { funder, safeAddress, rpcUrl, chainId, signers } = ws.sandbox
  const ledger = new SoftwareLedger(PHRASE)
  afterAll(() => ws.ctx.close())
  const signatures = () => (ws.db.prepare('SELECT COUNT(*) AS n FROM signatures').get() as { n: number }).n

  it('lists the first five addresses of the Ledger Live and legacy layouts, as viem derives them', async () => {
    const live = [0, 1, 2, 3, 4].map((x) => `m/44'/60'/${x}'/0/0`)
    const legacy = [0, 1, 2, 3, 4].map((x) => `m/44'/60'/0'/${x}`)
    ws.services.ledger = replayingLedger([live.map((p) => ledger.getAddress(p)).join('')])
    const shown = await ws.call('hardware.ledgerAccounts', { layout: 'live' })
    expect(shown.map((a) => a.path)).toEqual(live)
    shown.forEach((a, x) => expect(a.address).toBe(mnemonicToAccount(PHRASE, { accountIndex: x }).address))
    const device = replayingLedger([legacy.map((p) => ledger.getAddress(p)).join('')])
    ws.services.ledger = device
    const old = await ws.call('hardware.ledgerAccounts', { layout: 'legacy' })
    old.forEach((a, x) => expect(a.address).toBe(mnemonicToAccount(PHRASE, { path: `m/44'/60'/0'/${x}` }).address))
    device.replayed()

    ws.services.ledger = replayingLedger([ledger.getAddress("m/44'/60'/0'/0/0", SW.locked)])
    await expect(ws.call('hardware.ledgerAccounts', { layout: 'live' })).rejects.toMatchObject({
      code: 'LOCKED',
      message: expect.stringMatching(/locked/),
    })
    ws.services.ledger = replayingLedger([ledger.getAddress("m/44'/60'/0'/0/0", SW.wrongApp)])
    await expect(ws.call('hardware.ledgerAccounts', { layout: 'live' })).rejects.toMatchObject({
      message: expect.stringMatching(/Ethereum app is not open/),
    })
  })

  it('pairs two owners, signs by the EIP-712 hashes the review shows, refusals store nothing, the Safe executes', async () => {
    const paths = ["m/44'/60'/0'/0/1", "m/44'/60'/0'/0/2"] // the sandbox owners Alice and Bob
    for (const [i, path] of paths.entries()) {
      ws.services.ledger = replayingLedger([ledger.getAddress(path)])
      await ws.call('hardware.pairLedger', { path, address: signers[i].address, label: `Ledger ${i + 1}` })
    }
    // Another device (other keys at the path) is refused before anything is stored.
    ws.services.ledger = replayingLedger([
      new SoftwareLedger('legal winner thank year wave sausage worth useful legal winner thank yellow').getAddress(
        paths[0],
      ),
    ])
    await expect(
      ws.call('hardware.pairLedger', { path: paths[0], address: signers[2].address, label: 'x' }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' })
    expect((await ws.call('hardware.list', {})).map((s) => [s.transport, s.path])).toEqual([
      ['usb', paths[0]],
      ['usb', paths[1]],
    ])

    const made = await ws.call('signing.createRequest', {
      tx: { kind: 'transfer', token: null, to: RECIPIENT, amount: '777' },
    })
    const hash = made.request.safeTxHash
    const shown = await ws.call('hardware.deviceHashes', { safeTxHash: hash })
    const tx = made.request.safeTx
    expect(shown.domainHash).toBe(
      hashDomain({
        domain: { chainId: BigInt(chainId), verifyingContract: safeAddress as `0x${string}` },
        types: {
          EIP712Domain: [
            { name: 'chainId', type: 'uint256' },
            { name: 'verifyingContract', type: 'address' },
          ],
        },
      }),
    )
    expect(shown.messageHash).toBe(hashStruct({ data: tx, primaryType: 'SafeTx', types: SAFE_TX_TYPES }))

    const refusals: Array<[string, object]> = [
      [SW.refused, { code: 'CONFLICT', message: expect.stringMatching(/refused on the Ledger/) }],
      [SW.locked, { code: 'LOCKED' }],
      [SW.blindSigningOff, { message: expect.stringMatching(/Blind signing/) }],
      [SW.wrongApp, { message: expect.stringMatching(/Ethereum app is not open/) }],
      ['6d00', { message: expect.stringMatching(/Ethereum app is not open/) }],
    ]
    for (const [sw, error] of refusals) {
      ws.services.ledger = replayingLedger([ledger.signHashes(paths[0], shown.domainHash, shown.messageHash, sw)])
      await expect(
        ws.call('hardware.ledgerSign', { signer: signers[0].address, safeTxHash: hash }),
      ).rejects.toMatchObject(error)
    }
    ws.services.ledger = replayingLedger(['unplug'])
    await expect(
      ws.call('hardware.ledgerSign', { signer: signers[0].address, safeTxHash: hash }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/unplugged/) })
    expect(signatures()).toBe(0)

    for (const [i, path] of paths.entries()) {
      const device = replayingLedger([ledger.signHashes(path, shown.domainHash, shown.messageHash)])
      ws.services.ledger = device
      const out = await ws.call('hardware.ledgerSign', { signer: signers[i].address, safeTxHash: hash })
      device.replayed()
      expect(out.signer).toBe(signers[i].address)
      expect(out.view.progress.collected).toBe(i + 1)
    }

    const stored = await Promise.all(
      signers.slice(0, 2).map(async (s) => {
        const file = await ws.call('signing.exportSignature', { safeTxHash: hash, signer: s.address })
        return { signer: s.address, data: JSON.parse(file.json).signature as string }
      }),
    )
    const provider = new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1 })
    const before = await provider.getBalance(RECIPIENT)
    const receipt = await executeSafeTx({
      rpcUrl,
      chainId,
      safeAddress,
      safeTx: tx,
      signerKeys: [],
      signatures: stored,
      executorKey: funder.privateKey,
    })
    expect(receipt.status).toBe(1)
    expect((await provider.getBalance(RECIPIENT)) - before).toBe(777n)
    provider.destroy()
  })
})
