import { z } from 'zod'
import { call } from './define'
import { address, bytes32, empty } from './primitives'
import { signerLabel } from './keys'
import type { RequestView } from './signing'
import { councilActRequest, type CouncilActView } from './council'
import type { VoteImportResult } from './governance'

/** A signer whose key stays on a device: a QR device (ERC-4527: Keystone, AirGap Vault…) or a USB Ledger. */
export interface HardwareSignerInfo {
  address: string
  label: string
  transport: 'qr' | 'usb'
  device: string
  path: string
  sourceFingerprint: string | null
  addedAt: string
}

export interface PairingPreview {
  device: string
  sourceFingerprint: string
  accounts: Array<{ address: string; path: string; known: boolean }>
}

/** An animated eth-sign-request and what the device will show to compare with. */
export interface QrSignRequestView {
  requestId: string
  signer: string
  device: string
  path: string
  sourceFingerprint: string
  /** What is signed: a Safe transaction, a council act or a governance vote. */
  kind: 'safe-tx' | 'council-act' | 'vote'
  /** The EIP-712 digest the device signs (the safeTxHash, the act's or the vote's digest). */
  digest: string
  /** EIP-712 domain separator and SafeTx struct hash: what a device that does not decode the fields shows. */
  domainHash: string
  messageHash: string
  /** `ur:eth-sign-request/…` texts, shown in order (pure fragments, then fountain extras). */
  parts: string[]
  /** PNG data URLs of the parts. */
  images: string[]
}

/** The transaction a device signs: a proposal's, or a stored signing request's (exactly one). */
const target = {
  safeTxHash: bytes32.optional(),
  proposalId: z.number().int().positive().optional(),
}
const oneTarget = (v: { safeTxHash?: string; proposalId?: number }) =>
  (v.safeTxHash === undefined) !== (v.proposalId === undefined)
const ONE_TARGET = 'give either safeTxHash or proposalId'

export interface DeviceHashes {
  digest: string
  domainHash: string
  messageHash: string
}

export interface HardwareSignResult {
  view: RequestView
  signer: string
  proposalId: number | null
}

/** Scanned UR texts: one per QR read (the app's reader, a camera or an image file). */
const urParts = z
  .array(z.string().min(1).max(4000, 'a UR part is at most 4000 characters'))
  .min(1, 'scan at least one QR code')
  .max(2000, 'at most 2000 QR parts')

/** A governance vote for a holder's device: the voter is the paired account that signs. */
const voteChoice = {
  id: bytes32.transform((v) => v.toLowerCase()),
  voter: address,
  support: z.enum(['for', 'against', 'abstain']),
  reason: z.string().max(1000).default(''),
}
/** The vote exactly as the device was asked to sign it (its timestamp fixed when the request was made). */
const hardwareVote = z.object({ ...voteChoice, timestamp: z.number().int().min(0) }).strict()

export interface HardwareVoteView {
  id: string
  voter: string
  support: 'for' | 'against' | 'abstain'
  reason: string
  timestamp: number
}

export const hardwareContract = {
  'hardware.list': call<HardwareSignerInfo[]>()(empty),
  /** Reads a device's account QR (crypto-hdkey / crypto-account): its name, fingerprint and first addresses. */
  'hardware.readPairing': call<PairingPreview>()(z.object({ parts: urParts }).strict()),
  /** Adds one of the code's accounts as a hardware signer (watch-only here; the key stays on the device). */
  'hardware.pairQr': call<HardwareSignerInfo>()(z.object({ parts: urParts, address, label: signerLabel }).strict()),
  /** A fresh eth-sign-request for a stored signing request or a proposal's transaction. */
  'hardware.qrRequest': call<QrSignRequestView>()(
    z
      .object({
        signer: address,
        safeTxHash: bytes32.optional(),
        proposalId: z.number().int().positive().optional(),
      })
      .strict()
      .refine(
        (v) => (v.safeTxHash === undefined) !== (v.proposalId === undefined),
        'give either safeTxHash or proposalId',
      ),
  ),
  /** The device's eth-signature: matched to its request, recovered to the paired signer, stored as a confirmation. */
  'hardware.qrImportSignature': call<HardwareSignResult & { requestId: string }>()(
    z.object({ parts: urParts }).strict(),
  ),
  /** What a device shows for a transaction it signs by hashes (Ledger): the EIP-712 domain and message hashes. */
  'hardware.deviceHashes': call<DeviceHashes>()(z.object(target).strict().refine(oneTarget, ONE_TARGET)),
  /** The first five addresses of a Ledger layout (Ledger Live m/44'/60'/x'/0/0, legacy m/44'/60'/0'/x), from the device. */
  'hardware.ledgerAccounts': call<Array<{ path: string; address: string; known: boolean }>>()(
    z.object({ layout: z.enum(['live', 'legacy']), start: z.number().int().min(0).max(10_000).optional() }).strict(),
  ),
  /** Adds the Ledger account at a path (its address read from the device again and compared). */
  'hardware.pairLedger': call<HardwareSignerInfo>()(
    z
      .object({
        path: z.string().regex(/^m\/44'\/60'(\/\d{1,10}'?){1,8}$/, "an Ethereum path, m/44'/60'/…"),
        address,
        label: signerLabel,
      })
      .strict(),
  ),
  /** Signs on the Ledger by the two EIP-712 hashes; the signature is checked and stored like an imported one. */
  'hardware.ledgerSign': call<HardwareSignResult>()(
    z
      .object({ signer: address, ...target })
      .strict()
      .refine(oneTarget, ONE_TARGET),
  ),
  /** A council act for a member's QR device (the same request every member signs). */
  'hardware.councilQrRequest': call<QrSignRequestView>()(
    z.object({ request: councilActRequest, signer: address }).strict(),
  ),
  /** The device's answer for a council act: checked against the act and submitted as the member's signature. */
  'hardware.councilQrImport': call<CouncilActView>()(z.object({ request: councilActRequest, parts: urParts }).strict()),
  /** What a Ledger shows for a council act: its EIP-712 domain and message hashes. */
  'hardware.councilDeviceHashes': call<DeviceHashes>()(z.object({ request: councilActRequest }).strict()),
  /** Signs a council act on the Ledger by its hashes and submits the member's signature. */
  'hardware.councilLedgerSign': call<CouncilActView>()(
    z.object({ request: councilActRequest, signer: address }).strict(),
  ),
  /** A vote for the voter's QR device; answers the vote with its timestamp, to give back with the answer. */
  'hardware.voteQrRequest': call<QrSignRequestView & { vote: HardwareVoteView }>()(z.object(voteChoice).strict()),
  /** The device's answer for a vote: matched to its request and vote, recovered to the voter, recorded like a file. */
  'hardware.voteQrImport': call<VoteImportResult>()(z.object({ vote: hardwareVote, parts: urParts }).strict()),
  /** What a Ledger shows for a vote (its EIP-712 domain and message hashes), with the vote to sign as shown. */
  'hardware.voteDeviceHashes': call<DeviceHashes & { vote: HardwareVoteView }>()(z.object(voteChoice).strict()),
  /** Signs a vote on the voter's Ledger by its hashes and records it like an imported vote. */
  'hardware.voteLedgerSign': call<VoteImportResult>()(z.object({ vote: hardwareVote }).strict()),
}
