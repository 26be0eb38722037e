import { getAddress } from 'ethers'
import { ApiError } from '../../../shared/errors'
import type { SigningRequestDoc } from '../../../shared/contract/signing'
import type { CoreContext } from '../workspace/context'
import { WORKSPACE_USER } from '../workspace/context'
import { getSigner, insertSigner } from '../keys/store'
import { urImages, urParts } from './ur/codec'
import { readPairingCode, type PairingCode } from './ur/pairing'
import { ethSignRequest, safeTxDeviceHashes, safeTxTypedData, type TypedDataJson } from './ur/sign-request'
import {
  getHardwareSigner,
  insertHardwareSigner,
  insertShownRequest,
  type HardwareSigner,
  type ShownRequest,
} from './store'

/** Reads a device's account QR and says which of its accounts are already signers here. */
export function previewPairing(ctx: CoreContext, parts: string[]): PairingCode & { known: string[] } {
  const code = readPairingCode(parts)
  return { ...code, known: code.accounts.filter((a) => getSigner(ctx.db, a.address)).map((a) => a.address) }
}

/**
 * Adds one account of a device's account QR as a signer: watch-only in `signers` (no key here) with its device,
 * path and master fingerprint, both rows and the audit event in one transaction. The address must be one the code
 * itself derives: a typed-in address is never trusted.
 */
export function pairQrSigner(
  ctx: CoreContext,
  input: { parts: string[]; address: string; label: string },
  now = new Date(),
): HardwareSigner {
  const code = readPairingCode(input.parts)
  const address = getAddress(input.address)
  const account = code.accounts.find((a) => a.address === address)
  if (!account)
    throw new ApiError(
      'BAD_INPUT',
      `${address} is not one of the accounts in this ${code.device} code (${code.accounts.map((a) => a.address).join(', ')}).`,
    )
  const existing = getSigner(ctx.db, address)
  if (existing) throw new ApiError('CONFLICT', `${address} is already in this workspace, as "${existing.label}".`)
  const signer: HardwareSigner = {
    address,
    transport: 'qr',
    device: code.device,
    path: account.path,
    sourceFingerprint: code.sourceFingerprint,
    addedAt: now.toISOString(),
  }
  ctx.mutate(
    {
      actor: WORKSPACE_USER,
      action: 'signer.added',
      subject: `signer:${address}`,
      payload: {
        label: input.label,
        kind: 'watch',
        hardware: {
          transport: 'qr',
          device: code.device,
          path: account.path,
          sourceFingerprint: code.sourceFingerprint,
        },
      },
    },
    () => {
      insertSigner(ctx.db, {
        address,
        label: input.label,
        kind: 'watch',
        path: account.path,
        keystoreFile: null,
        addedAt: signer.addedAt,
      })
      insertHardwareSigner(ctx.db, signer)
    },
  )
  return signer
}

export function requireHardwareSigner(ctx: CoreContext, address: string, transport: 'qr' | 'usb'): HardwareSigner {
  const signer = getHardwareSigner(ctx.db, getAddress(address))
  if (!signer || signer.transport !== transport)
    throw new ApiError(
      'BAD_INPUT',
      `${address} is not a ${transport === 'qr' ? 'QR (ERC-4527)' : 'USB (Ledger)'} hardware signer in this workspace: pair it first.`,
    )
  return signer
}

/** An animated `eth-sign-request` for one device and what the device will show, ready for the screen. */
export interface QrSignRequest {
  requestId: string
  signer: string
  device: string
  path: string
  sourceFingerprint: string
  kind: ShownRequest['kind']
  /** The EIP-712 digest the device signs: the safeTxHash, or the council act's digest. */
  digest: string
  domainHash: string
  messageHash: string
  parts: string[]
  images: string[]
}

/** What a QR device is asked to sign: EIP-712 typed data, its digest and the two hashes a device shows. */
export interface TypedDataToSign {
  kind: ShownRequest['kind']
  typedData: TypedDataJson
  chainId: number
  digest: string
  domainHash: string
  messageHash: string
  /** The audit subject (the Safe transaction's or the act's). */
  subject: string
}

/**
 * The request a QR device signs: the typed data, the key's path and master fingerprint, and a fresh request id,
 * remembered (with its audit event) so the answer is matched to it.
 */
export async function createQrRequest(
  ctx: CoreContext,
  what: TypedDataToSign,
  address: string,
  now = new Date(),
): Promise<QrSignRequest> {
  const signer = requireHardwareSigner(ctx, address, 'qr')
  const { request, requestId } = ethSignRequest({
    typedData: what.typedData,
    path: signer.path,
    sourceFingerprint: signer.sourceFingerprint!,
    address: signer.address,
    chainId: what.chainId,
  })
  const parts = urParts(request)
  ctx.mutate(
    {
      actor: WORKSPACE_USER,
      action: 'hardware.request-shown',
      subject: what.subject,
      payload: { requestId, signer: signer.address, device: signer.device, path: signer.path, parts: parts.length },
    },
    () =>
      insertShownRequest(ctx.db, {
        requestId,
        signer: signer.address,
        kind: what.kind,
        digest: what.digest,
        createdAt: now.toISOString(),
      }),
  )
  return {
    requestId,
    signer: signer.address,
    device: signer.device,
    path: signer.path,
    sourceFingerprint: signer.sourceFingerprint!,
    kind: what.kind,
    digest: what.digest,
    domainHash: what.domainHash,
    messageHash: what.messageHash,
    parts,
    images: await urImages(parts),
  }
}

/** A Safe transaction as typed data to sign. */
export function safeTxToSign(doc: SigningRequestDoc): TypedDataToSign {
  return {
    kind: 'safe-tx',
    typedData: safeTxTypedData(doc.chainId, doc.safe, doc.safeTx),
    chainId: doc.chainId,
    digest: doc.safeTxHash,
    ...safeTxDeviceHashes(doc.chainId, doc.safe, doc.safeTx),
    subject: `safetx:${doc.chainId}:${doc.safe}:${doc.safeTxHash}`,
  }
}
