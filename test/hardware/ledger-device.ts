import { RecordStore, openTransportReplayer } from '@ledgerhq/hw-transport-mocker'
import { HDNodeWallet, Mnemonic, Signature, concat, keccak256, toBeHex } from 'ethers'
import type { LedgerOpener } from '../../src/main/core/hardware/ledger/device'

/*
 * A software Ledger for the replayer: the APDU exchanges its Ethereum app would have with the host, computed from a
 * software key by Ledger's published protocol (LedgerHQ/app-ethereum doc/ethapp.adoc):
 *   GET ETH PUBLIC ADDRESS  CLA E0 INS 02 P1 00 (no display) P2 00 (no chain code), data: n, n × 4-byte path
 *     → 65 (len) ‖ uncompressed public key ‖ 40 (len) ‖ address as ASCII hex ‖ 9000
 *   SIGN ETH EIP 712 (v0)   CLA E0 INS 0C P1 00 P2 00, data: n, n × 4-byte path ‖ domain hash ‖ message hash
 *     → v ‖ r ‖ s ‖ 9000, over keccak256(0x1901 ‖ domain hash ‖ message hash)
 * and status words for its refusals (0x6985 refused on the device, 0x5515 locked, 0x6a80 blind signing off,
 * 0x6e00/0x6d00 another app).
 */

export const SW = { ok: '9000', refused: '6985', locked: '5515', blindSigningOff: '6a80', wrongApp: '6e00' } as const

function pathData(path: string): string {
  const parts = path.replace(/^m\//, '').split('/')
  return (
    toBeHex(parts.length, 1).slice(2) +
    parts.map((p) => toBeHex(parseInt(p, 10) + (p.endsWith("'") ? 0x80000000 : 0), 4).slice(2)).join('')
  )
}

function apdu(ins: string, data: string): string {
  return `e0${ins}0000${toBeHex(data.length / 2, 1).slice(2)}${data}`
}

export class SoftwareLedger {
  private readonly root: HDNodeWallet
  constructor(phrase: string) {
    this.root = HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(phrase), 'm')
  }

  address(path: string): string {
    return this.root.derivePath(path).address
  }

  /** The exchange of GET ETH PUBLIC ADDRESS for one path (or its refusal with a status word). */
  getAddress(path: string, sw: string = SW.ok): string {
    const request = `=> ${apdu('02', pathData(path))}`
    if (sw !== SW.ok) return `${request}\n<= ${sw}\n`
    const node = this.root.derivePath(path)
    const publicKey = node.signingKey.publicKey.slice(2) // 04 ‖ x ‖ y
    const ascii = Buffer.from(node.address.slice(2), 'ascii').toString('hex')
    return `${request}\n<= 41${publicKey}28${ascii}${SW.ok}\n`
  }

  /** The exchange of SIGN ETH EIP 712 with the two hashes (or its refusal with a status word). */
  signHashes(path: string, domainHash: string, messageHash: string, sw: string = SW.ok): string {
    const request = `=> ${apdu('0c', pathData(path) + domainHash.slice(2) + messageHash.slice(2))}`
    if (sw !== SW.ok) return `${request}\n<= ${sw}\n`
    const digest = keccak256(concat(['0x1901', domainHash, messageHash]))
    const sig = Signature.from(this.root.derivePath(path).signingKey.sign(digest))
    const reply = toBeHex(sig.v, 1).slice(2) + sig.r.slice(2) + sig.s.slice(2)
    return `${request}\n<= ${reply}${SW.ok}\n`
  }
}

/**
 * An opener whose n-th USB session replays the n-th script; `replayed()` says every scripted exchange happened.
 * A script `'unplug'` is a device pulled out mid-operation: its exchange fails as node-hid's does.
 */
export function replayingLedger(scripts: string[]): LedgerOpener & { replayed(): void } {
  const stores: RecordStore[] = []
  const open: LedgerOpener = async () => {
    const script = scripts.shift()
    if (script === undefined) throw new Error('the test scripted no more USB sessions')
    if (script === 'unplug') {
      const transport = await openTransportReplayer(RecordStore.fromString(''))
      transport.exchange = async () => {
        throw Object.assign(new Error('DisconnectedDeviceDuringOperation'), {
          name: 'DisconnectedDeviceDuringOperation',
        })
      }
      return transport
    }
    const store = RecordStore.fromString(script)
    stores.push(store)
    return openTransportReplayer(store)
  }
  return Object.assign(open, {
    replayed() {
      for (const store of stores) store.ensureQueueEmpty()
      if (scripts.length) throw new Error(`${scripts.length} scripted USB sessions were not used`)
    },
  })
}
