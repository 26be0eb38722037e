import { describe, expect, it } from 'vitest'
import { hashDomain, hashStruct, hashTypedData, recoverTypedDataAddress, getAddress as viemAddress } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { ZeroAddress } from 'ethers'
import { readPairingCode } from '../../src/main/core/hardware/ur/pairing'
import { decodeUr, urParts } from '../../src/main/core/hardware/ur/codec'
import { ethSignRequest, safeTxDeviceHashes, safeTxTypedData } from '../../src/main/core/hardware/ur/sign-request'
import { readEthSignature } from '../../src/main/core/hardware/ur/signature'
import { safeTxHash, type SafeTx } from '../../src/main/core/signing/safe-tx'
import { SoftwareQrDevice } from '../hardware/keystone-device'
import { decodeCbor, independentUrDecode, type Tagged } from '../hardware/ur-independent'

const PHRASE = 'test test test test test test test test test test test junk'
const SAFE = '0x5FbDB2315678afecb367f032d93F642f64180aa3'

function bigSafeTx(dataBytes: number): SafeTx {
  return {
    to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
    value: '1000000000000000000',
    data: ('0x' + 'ab'.repeat(dataBytes)) as `0x${string}`,
    operation: 0,
    safeTxGas: '0',
    baseGas: '0',
    gasPrice: '0',
    gasToken: ZeroAddress,
    refundReceiver: ZeroAddress,
    nonce: '7',
  }
}

describe('ERC-4527 pairing codes', () => {
  const device = new SoftwareQrDevice(PHRASE)

  it("a crypto-hdkey (m/44'/60'/0', children 0/*) gives the first five addresses viem derives from the phrase", () => {
    const code = readPairingCode([device.hdKeyCode()])
    expect(code.device).toBe('Keystone')
    expect(code.sourceFingerprint).toBe(device.fingerprint)
    expect(code.accounts).toHaveLength(5)
    code.accounts.forEach((a, i) => {
      expect(a.path).toBe(`m/44'/60'/0'/0/${i}`)
      expect(a.address).toBe(mnemonicToAccount(PHRASE, { addressIndex: i }).address)
    })
  })

  it('a crypto-account (Ledger Live layout) gives one address per account key', () => {
    const code = readPairingCode([device.accountCode(3).toUpperCase()]) // as a QR reader returns alphanumeric text
    expect(code.sourceFingerprint).toBe(device.fingerprint)
    expect(code.accounts.map((a) => a.path)).toEqual(["m/44'/60'/0'/0/0", "m/44'/60'/1'/0/0", "m/44'/60'/2'/0/0"])
    code.accounts.forEach((a, i) =>
      expect(a.address).toBe(mnemonicToAccount(PHRASE, { accountIndex: i, addressIndex: 0 }).address),
    )
  })

  it('refuses another UR type and a non-UR text, saying which', () => {
    expect(() => readPairingCode(['{"not":"ur"}'])).toThrow(/not a UR code/)
    const signature = readEthSignatureParts()
    expect(() => readPairingCode(signature)).toThrow(
      /"eth-signature" code; expected "crypto-hdkey" or "crypto-account"/,
    )
  })
})

function readEthSignatureParts(): string[] {
  const device = new SoftwareQrDevice(PHRASE)
  const { request } = ethSignRequest({
    typedData: safeTxTypedData(31337, SAFE, bigSafeTx(4)),
    path: "m/44'/60'/0'/0/0",
    sourceFingerprint: device.fingerprint,
    address: device.address("m/44'/60'/0'/0/0"),
    chainId: 31337,
  })
  return device.sign(urParts(request)).parts
}

describe('eth-sign-request for a SafeTx, read by the libraries and by an independent decoder', () => {
  const device = new SoftwareQrDevice(PHRASE)
  const path = "m/44'/60'/0'/0/1"
  const signer = device.address(path)

  it('a 2 kB MultiSend-sized request travels as fountain parts; both decoders read the same typed data; viem hashes it to safeTxHash', async () => {
    const tx = bigSafeTx(2000)
    const typedData = safeTxTypedData(31337, SAFE, tx)
    const { request, requestId } = ethSignRequest({
      typedData,
      path,
      sourceFingerprint: device.fingerprint,
      address: signer,
      chainId: 31337,
    })
    const parts = urParts(request)
    expect(parts.length).toBeGreaterThan(20)
    expect(parts[0]).toMatch(/^ur:eth-sign-request\/1-\d+\//)

    // Independent: bytewords + CBOR from the specs, map keys per ERC-4527 (1 id, 2 data, 3 type, 4 chain, 5 path, 6 address, 7 origin).
    const { type, cbor } = independentUrDecode(parts)
    expect(type).toBe('eth-sign-request')
    const map = decodeCbor(cbor) as Map<number, unknown>
    const id = map.get(1) as Tagged
    expect(id.tag).toBe(37)
    expect(Buffer.from(id.value as Uint8Array).toString('hex')).toBe(requestId.replace(/-/g, ''))
    expect(map.get(3)).toBe(2) // typed data
    expect(map.get(4)).toBe(31337)
    const keypath = map.get(5) as Tagged
    expect(keypath.tag).toBe(304)
    const components = (keypath.value as Map<number, unknown>).get(1) as Array<number | boolean>
    expect(components).toEqual([44, true, 60, true, 0, true, 0, false, 1, false])
    expect(((keypath.value as Map<number, unknown>).get(2) as number).toString(16).padStart(8, '0')).toBe(
      device.fingerprint,
    )
    expect(viemAddress('0x' + Buffer.from(map.get(6) as Uint8Array).toString('hex'))).toBe(signer)
    const json = JSON.parse(new TextDecoder().decode(map.get(2) as Uint8Array))
    expect(json).toEqual(JSON.parse(JSON.stringify(typedData)))

    // viem hashes what the device would sign; it is the Safe's own hash and the two hashes the review shows.
    const viemTyped = {
      domain: { chainId: json.domain.chainId, verifyingContract: json.domain.verifyingContract },
      types: { SafeTx: json.types.SafeTx },
      primaryType: 'SafeTx' as const,
      message: json.message,
    }
    expect(hashTypedData(viemTyped)).toBe(safeTxHash(31337, SAFE, tx))
    const shown = safeTxDeviceHashes(31337, SAFE, tx)
    expect(shown.domainHash).toBe(
      hashDomain({
        domain: viemTyped.domain,
        types: { EIP712Domain: json.types.EIP712Domain },
      }),
    )
    expect(shown.messageHash).toBe(hashStruct({ data: json.message, primaryType: 'SafeTx', types: viemTyped.types }))

    // The device answers; the app reads the answer back (shuffled, with a repeat) and it recovers to the signer.
    const answer = device.sign([...parts].reverse())
    const read = readEthSignature([answer.parts[0], ...answer.parts])
    expect(read.requestId).toBe(requestId)
    expect(await recoverTypedDataAddress({ ...viemTyped, signature: read.signature as `0x${string}` })).toBe(signer)
  })

  it('decodes from any sufficient subset of fountain parts (a missed frame is made up later)', () => {
    // A fixed request id: the fountain's mixed parts are seeded by the content's checksum, and with a random id one
    // run in many drew mixes that could not make up the missed fifth (the decoder then rightly says "incomplete").
    const { request } = ethSignRequest({
      requestId: '2f6c3a8e-5b1d-4c7a-9e2f-7a1b3c4d5e6f',
      typedData: safeTxTypedData(31337, SAFE, bigSafeTx(1500)),
      path,
      sourceFingerprint: device.fingerprint,
      address: signer,
      chainId: 31337,
    })
    const parts = urParts(request)
    const n = parts.length / 2
    const withGaps = parts.filter((_, i) => i % 5 !== 2) // a fifth of the frames missed, pure ones included
    expect(decodeUr(withGaps, ['eth-sign-request']).type).toBe('eth-sign-request')
    expect(() => decodeUr(parts.slice(0, Math.floor(n / 2)), ['eth-sign-request'])).toThrow(/incomplete/)
  })

  it('carries a 200-call MultiSend (~37 kB of calldata) as a few hundred parts that decode back', () => {
    const tx = bigSafeTx(200 * 185) // 200 × multiSend(operation, to, value, len, transfer(to, amount)) entries
    const { request } = ethSignRequest({
      typedData: safeTxTypedData(31337, SAFE, tx),
      path,
      sourceFingerprint: device.fingerprint,
      address: signer,
      chainId: 31337,
    })
    const parts = urParts(request)
    expect(parts.length).toBeGreaterThan(300)
    expect(parts.length).toBeLessThan(600)
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(520)
    const { cbor } = independentUrDecode(parts)
    const json = JSON.parse(new TextDecoder().decode((decodeCbor(cbor) as Map<number, Uint8Array>).get(2)))
    expect(json.message.data).toBe(tx.data)
    expect(decodeUr(parts, ['eth-sign-request']).cbor.equals(Buffer.from(cbor))).toBe(true)
  }, 30_000)
})
