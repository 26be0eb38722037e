import {
  CryptoAccount,
  CryptoHDKey,
  CryptoKeypath,
  CryptoOutput,
  ETHSignature,
  EthSignRequest,
  PathComponent,
  ScriptExpressions,
} from '@keystonehq/bc-ur-registry-eth'
import { URDecoder, UREncoder } from '@ngraveio/bc-ur'
import { HDNodeWallet, Mnemonic, Signature, TypedDataEncoder, getBytes } from 'ethers'

/**
 * A software stand-in for an ERC-4527 QR device (a Keystone): it shows its account code, reads an eth-sign-request
 * the way the device does (fingerprint check, key at the requested path, typed data parsed from the request), signs
 * it with the key at that path, and answers with an eth-signature carrying the request id.
 */
export class SoftwareQrDevice {
  readonly root: HDNodeWallet
  constructor(
    phrase: string,
    readonly name = 'Keystone',
  ) {
    this.root = HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(phrase), 'm')
  }

  get fingerprint(): string {
    return this.root.fingerprint.slice(2)
  }

  /** The account QR's text: a crypto-hdkey at m/44'/60'/0' with children 0/* (the MetaMask layout). */
  hdKeyCode(): string {
    return UREncoder.encodeSinglePart(this.accountKey().toUR())
  }

  /** The account QR's text as a crypto-account (the Ledger Live layout: one key per m/44'/60'/x'/0/0). */
  accountCode(count = 3): string {
    const outputs = Array.from({ length: count }, (_, x) => {
      const node = this.root.derivePath(`m/44'/60'/${x}'/0/0`)
      const key = new CryptoHDKey({
        isMaster: false,
        key: Buffer.from(getBytes(node.publicKey)),
        origin: keypath(`44'/60'/${x}'/0/0`, this.fingerprint),
        name: this.name,
      })
      return new CryptoOutput([ScriptExpressions.PUBLIC_KEY_HASH], key)
    })
    return UREncoder.encodeSinglePart(new CryptoAccount(Buffer.from(this.fingerprint, 'hex'), outputs).toUR())
  }

  address(path: string): string {
    return this.root.derivePath(path).address
  }

  /** Reads the request's parts (any order), signs as the device would, and returns the eth-signature's parts. */
  sign(parts: string[]): { parts: string[]; request: EthSignRequest } {
    const decoder = new URDecoder()
    for (const part of parts) {
      decoder.receivePart(part.toLowerCase())
      if (decoder.isComplete()) break
    }
    if (!decoder.isSuccess()) throw new Error('device: the request did not decode')
    const request = EthSignRequest.fromCBOR(decoder.resultUR().cbor)
    if (request.getSourceFingerprint().toString('hex') !== this.fingerprint)
      throw new Error('device: the request is for another wallet')
    const key = this.root.derivePath('m/' + request.getDerivationPath())
    const typed = JSON.parse(request.getSignData().toString('utf8')) as {
      types: Record<string, Array<{ name: string; type: string }>>
      domain: Record<string, unknown>
      primaryType: string
      message: Record<string, unknown>
    }
    const types = { ...typed.types }
    delete types.EIP712Domain
    const digest = TypedDataEncoder.hash(typed.domain, types, typed.message)
    const signature = Signature.from(key.signingKey.sign(digest)).serialized
    const answer = new ETHSignature(Buffer.from(getBytes(signature)), request.getRequestId())
    return { parts: answer.toUREncoder(400).encodeWhole(), request }
  }

  private accountKey(): CryptoHDKey {
    const account = this.root.derivePath("m/44'/60'/0'")
    return new CryptoHDKey({
      isMaster: false,
      key: Buffer.from(getBytes(account.publicKey)),
      chainCode: Buffer.from(getBytes(account.chainCode)),
      origin: keypath("44'/60'/0'", this.fingerprint),
      children: new CryptoKeypath([
        new PathComponent({ index: 0, hardened: false }),
        new PathComponent({ hardened: false }),
      ]),
      parentFingerprint: Buffer.from(account.parentFingerprint.slice(2), 'hex'),
      name: this.name,
    })
  }
}

function keypath(path: string, fingerprint: string): CryptoKeypath {
  return new CryptoKeypath(
    path.split('/').map((c) => new PathComponent({ index: parseInt(c, 10), hardened: c.endsWith("'") })),
    Buffer.from(fingerprint, 'hex'),
  )
}
