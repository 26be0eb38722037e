import { ZeroAddress, getAddress } from 'ethers'
import { recoverSafeSigner, safeTxHash, type SafeTx, type SignatureKind } from '../signing/safe-tx'
import { firstLine } from '../first-line'
import type { ServiceTransaction } from './client'

export interface AcceptedConfirmation {
  owner: string
  signature: string
  kind: SignatureKind
}

export interface ConfirmationRefusal {
  /** The owner the service names (as given; it may not even be an address). */
  owner: string
  reason: string
}

export type CheckedTransaction =
  | {
      ok: true
      safeTx: SafeTx
      safeTxHash: string
      confirmations: AcceptedConfirmation[]
      refused: ConfirmationRefusal[]
    }
  | { ok: false; reason: string }

/**
 * Takes nothing from the service on its word: the SafeTx is rebuilt from the fields, its hash recomputed with this
 * app's EIP-712 code and compared with the hash the service names; each confirmation is recovered over the
 * recomputed hash, must be by the owner the service names, and that owner must be among `owners` (read from the
 * chain, or the last synced state). On-chain approvals (v = 1) are left to the chain sync, which reads them itself.
 */
export function checkServiceTransaction(
  tx: ServiceTransaction,
  chainId: number,
  safe: string,
  owners: string[],
): CheckedTransaction {
  let safeTx: SafeTx
  let hash: string
  try {
    if (getAddress(tx.safe) !== getAddress(safe))
      return { ok: false, reason: `it is a transaction of Safe ${tx.safe}, not of ${safe}` }
    if (tx.operation !== 0 && tx.operation !== 1)
      return { ok: false, reason: `operation ${tx.operation} is neither a call (0) nor a delegatecall (1)` }
    safeTx = {
      to: getAddress(tx.to),
      value: tx.value,
      data: (tx.data ?? '0x').toLowerCase() as SafeTx['data'],
      operation: tx.operation,
      safeTxGas: tx.safeTxGas,
      baseGas: tx.baseGas,
      gasPrice: tx.gasPrice,
      gasToken: getAddress(tx.gasToken),
      refundReceiver: getAddress(tx.refundReceiver ?? ZeroAddress),
      nonce: tx.nonce,
    }
    hash = safeTxHash(chainId, safe, safeTx)
  } catch (error) {
    return { ok: false, reason: `its fields cannot be read as a Safe transaction: ${firstLine(error, 160)}` }
  }
  if (hash !== tx.safeTxHash.toLowerCase())
    return {
      ok: false,
      reason: `its fields hash to ${hash}, not to the ${tx.safeTxHash} the service gives: what would be signed is not what is shown`,
    }
  const ownerSet = new Set(owners.map((o) => getAddress(o)))
  const confirmations: AcceptedConfirmation[] = []
  const refused: ConfirmationRefusal[] = []
  for (const c of tx.confirmations ?? []) {
    let recovered: { signer: string; kind: SignatureKind }
    try {
      recovered = recoverSafeSigner(hash, c.signature)
    } catch (error) {
      refused.push({ owner: c.owner, reason: `the signature cannot be read: ${firstLine(error, 160)}` })
      continue
    }
    if (recovered.kind === 'approved_hash') continue
    if (recovered.signer !== getAddress(c.owner)) {
      refused.push({
        owner: c.owner,
        reason: `the signature recovers to ${recovered.signer}, not to ${c.owner} as the service says: it was made over another transaction or with another key`,
      })
      continue
    }
    if (!ownerSet.has(recovered.signer)) {
      refused.push({
        owner: c.owner,
        reason: `${recovered.signer} is not an owner of Safe ${safe} (owners as read from the chain): the confirmation does not count`,
      })
      continue
    }
    if (confirmations.some((a) => a.owner === recovered.signer)) continue
    confirmations.push({ owner: recovered.signer, signature: c.signature.toLowerCase(), kind: recovered.kind })
  }
  return { ok: true, safeTx, safeTxHash: hash, confirmations, refused }
}
