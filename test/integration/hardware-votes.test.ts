import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  HDNodeWallet,
  Mnemonic,
  Signature,
  Wallet,
  getBytes,
  parseEther,
  parseUnits,
  type JsonRpcProvider,
} from 'ethers'
import { ETHSignature } from '@keystonehq/bc-ur-registry-eth'
import { hashDomain, hashStruct, hashTypedData } from 'viem'
import { rpcProvider } from '../../src/main/core/chain'
import { tokenContract } from '../../src/main/core/sandbox'
import { sandboxWorkspace } from './helpers'
import { SoftwareQrDevice } from '../hardware/keystone-device'
import { SoftwareLedger, SW, replayingLedger } from '../hardware/ledger-device'
import { decodeCbor, independentUrDecode } from '../hardware/ur-independent'

/*
 * Issue #20: governance votes sign on hardware like council acts. A holder's Keystone signs a vote through UR parts,
 * another holder's Ledger signs one by its EIP-712 hashes; both are recorded through the vote-file checks and the
 * tally counts their weight at the snapshot. An answer to another request, or by another key, records nothing.
 */

const U = (n: number) => parseUnits(String(n), 18)
const FIRST = "m/44'/60'/0'/0/0"

describe('governance votes signed on hardware devices', () => {
  const ws = sandboxWorkspace()
  let provider: JsonRpcProvider
  // Fresh devices (the sandbox chain is shared with other files): their first accounts hold and self-delegate.
  const keystone = new SoftwareQrDevice(Wallet.createRandom().mnemonic!.phrase)
  const ledgerPhrase = Wallet.createRandom().mnemonic!.phrase
  const ledger = new SoftwareLedger(ledgerPhrase)
  const stranger = new SoftwareLedger(Wallet.createRandom().mnemonic!.phrase)
  const qrHolder = keystone.address(FIRST)
  const ledgerHolder = ledger.address(FIRST)
  let proposal: string

  beforeAll(async () => {
    provider = rpcProvider(ws.sandbox.rpcUrl, ws.sandbox.chainId)
    const funder = new Wallet(ws.sandbox.funder.privateKey, provider)
    const token = tokenContract(ws.sandbox.token.address, funder)
    const keys = [
      [keystone.root, 70_000],
      [HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(ledgerPhrase), 'm'), 30_000],
    ] as const
    for (const [root, amount] of keys) {
      const holder = root.derivePath(FIRST).connect(provider)
      await (await token.transfer(holder.address, U(amount))).wait()
      await (await funder.sendTransaction({ to: holder.address, value: parseEther('1') })).wait()
      await (await tokenContract(ws.sandbox.token.address, holder).delegate(holder.address)).wait()
    }
    await ws.call('governance.updateRules', {
      kind: 'technical',
      rules: {
        votingDelayBlocks: 2,
        votingPeriodBlocks: 30,
        quorumBps: 1,
        passThresholdBps: 5000,
        timelockSeconds: 3_600,
        gracePeriodSeconds: 7_200,
      },
    })
    proposal = (
      await ws.call('governance.create', {
        kind: 'technical',
        title: 'Hardware votes',
        body: 'Signed on devices.',
        proposer: qrHolder,
      })
    ).id
    await provider.send('hardhat_mine', ['0x3'])
    expect((await ws.call('governance.get', { id: proposal })).state).toBe('Active')

    await ws.call('hardware.pairQr', { parts: [keystone.hdKeyCode()], address: qrHolder, label: 'Holder Keystone' })
    ws.services.ledger = replayingLedger([ledger.getAddress(FIRST)])
    await ws.call('hardware.pairLedger', { path: FIRST, address: ledgerHolder, label: 'Holder Ledger' })
  })
  afterAll(async () => {
    provider?.destroy()
    await ws.ctx.close()
  })

  it("a holder's QR device votes: the typed data hashes (viem) to the digest, a wrong answer is refused", async () => {
    const shown = await ws.call('hardware.voteQrRequest', { id: proposal, voter: qrHolder, support: 'for', reason: '' })
    expect(shown).toMatchObject({ kind: 'vote', signer: qrHolder, device: 'Keystone', path: FIRST })
    const typed = JSON.parse(
      new TextDecoder().decode((decodeCbor(independentUrDecode(shown.parts).cbor) as Map<number, Uint8Array>).get(2)),
    )
    expect(typed).toMatchObject({ primaryType: 'Vote', message: { proposalId: proposal, support: 1, voter: qrHolder } })
    const { EIP712Domain: _domainType, ...types } = typed.types
    expect(hashTypedData({ ...typed, types })).toBe(shown.digest)

    const { parts: answer, request } = keystone.sign(shown.parts)
    // The right answer given for another vote (Against, not For) is refused.
    await expect(
      ws.call('hardware.voteQrImport', { vote: { ...shown.vote, support: 'against' }, parts: answer }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/another vote/) })
    // An answer to this request signed by another key is refused.
    const forged = Signature.from(new Wallet(Wallet.createRandom().privateKey).signingKey.sign(shown.digest))
    const byOther = new ETHSignature(Buffer.from(getBytes(forged.serialized)), request.getRequestId())
    await expect(
      ws.call('hardware.voteQrImport', { vote: shown.vote, parts: byOther.toUREncoder(400).encodeWhole() }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/not the paired account/) })
    // An answer to a request this workspace never showed (another id) is refused.
    const unknown = new ETHSignature(Buffer.from(getBytes(forged.serialized)), Buffer.alloc(16, 7))
    await expect(
      ws.call('hardware.voteQrImport', { vote: shown.vote, parts: unknown.toUREncoder(400).encodeWhole() }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/never showed/) })
    expect((await ws.call('governance.get', { id: proposal })).voters).toBe(0)

    const recorded = await ws.call('hardware.voteQrImport', { vote: shown.vote, parts: answer })
    expect(recorded).toMatchObject({ accepted: 1, refused: 0 })
    expect(recorded.outcomes[0]).toMatchObject({ voter: qrHolder, support: 'for', weight: U(70_000).toString() })
  })

  it("a holder's Ledger votes by the two hashes; another device's signature is refused; the tally counts both", async () => {
    const hashes = await ws.call('hardware.voteDeviceHashes', {
      id: proposal,
      voter: ledgerHolder,
      support: 'against',
      reason: 'Too early',
    })
    const domain = {
      name: 'AITBC Treasury Governance',
      version: '1',
      chainId: BigInt(ws.sandbox.chainId),
      verifyingContract: ws.sandbox.token.address as `0x${string}`,
    }
    const types = {
      Vote: [
        { name: 'proposalId', type: 'bytes32' },
        { name: 'support', type: 'uint8' },
        { name: 'voter', type: 'address' },
        { name: 'timestamp', type: 'uint64' },
        { name: 'reason', type: 'string' },
      ],
    } as const
    const message = {
      proposalId: proposal as `0x${string}`,
      support: 0,
      voter: ledgerHolder as `0x${string}`,
      timestamp: BigInt(hashes.vote.timestamp),
      reason: 'Too early',
    }
    const EIP712Domain = [
      { name: 'name', type: 'string' },
      { name: 'version', type: 'string' },
      { name: 'chainId', type: 'uint256' },
      { name: 'verifyingContract', type: 'address' },
    ] as const
    expect(hashes.domainHash).toBe(hashDomain({ domain, types: { EIP712Domain } }))
    expect(hashes.messageHash).toBe(hashStruct({ data: message, primaryType: 'Vote', types }))

    // Another Ledger (another seed) answers at the same path: its signature is not the voter's, nothing is recorded.
    ws.services.ledger = replayingLedger([stranger.signHashes(FIRST, hashes.domainHash, hashes.messageHash)])
    await expect(ws.call('hardware.voteLedgerSign', { vote: hashes.vote })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/not the paired account/),
    })
    ws.services.ledger = replayingLedger([ledger.signHashes(FIRST, hashes.domainHash, hashes.messageHash, SW.refused)])
    await expect(ws.call('hardware.voteLedgerSign', { vote: hashes.vote })).rejects.toMatchObject({
      message: expect.stringMatching(/refused on the Ledger/),
    })
    expect((await ws.call('governance.get', { id: proposal })).voters).toBe(1)

    const device = replayingLedger([ledger.signHashes(FIRST, hashes.domainHash, hashes.messageHash)])
    ws.services.ledger = device
    const recorded = await ws.call('hardware.voteLedgerSign', { vote: hashes.vote })
    device.replayed()
    expect(recorded.outcomes[0]).toMatchObject({
      status: 'accepted',
      voter: ledgerHolder,
      support: 'against',
      weight: U(30_000).toString(),
    })
    // A Keystone cannot be asked as a Ledger (nor the reverse).
    await expect(
      ws.call('hardware.voteLedgerSign', { vote: { ...hashes.vote, voter: qrHolder } }),
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/not a USB \(Ledger\) hardware signer/),
    })

    const p = await ws.call('governance.get', { id: proposal })
    expect(p).toMatchObject({
      voters: 2,
      tally: { for: U(70_000).toString(), against: U(30_000).toString(), abstain: '0' },
    })
    const votes = await ws.call('governance.exportVotes', { id: proposal })
    expect(votes.text).toContain(ledgerHolder)
  })
})
