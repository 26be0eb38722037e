import { getAddress, verifyMessage, type Signer } from 'ethers'

/**
 * A steward's EIP-191 signature over an audit head. It turns "this file is self-consistent" into "this file ends
 * where a named steward saw the trail end": without it, a bundle truncated at the end (and its header edited to
 * match) still verifies, with it the truncation breaks the signature.
 */
export interface AuditAnchor {
  scheme: 'eip191'
  /** The steward's address (EIP-55). */
  address: string
  seq: number
  hash: string
  /** The exact text signed (personal_sign); the verifier rebuilds it from seq and hash and compares. */
  message: string
  signature: string
  signedAt: string
}

export interface AnchorVerdict {
  ok: boolean
  address: string
  reason?: string
}

/** Human-readable, so a steward signing on a hardware wallet sees what they vouch for. */
export function anchorMessage(head: { seq: number; hash: string }): string {
  return `AITBC Treasury audit trail head\nEvent: #${head.seq}\nHash: ${head.hash}`
}

export async function signAuditHead(
  signer: Signer,
  head: { seq: number; hash: string },
  now: Date = new Date(),
): Promise<AuditAnchor> {
  if (!/^[0-9a-f]{64}$/.test(head.hash)) throw new Error('the head hash must be 64 lowercase hex digits')
  const message = anchorMessage(head)
  const signature = await signer.signMessage(message)
  return {
    scheme: 'eip191',
    address: getAddress(await signer.getAddress()),
    seq: head.seq,
    hash: head.hash,
    message,
    signature,
    signedAt: now.toISOString(),
  }
}

/** Checks the anchor against the head the events themselves end on, and recovers who signed it. */
export function verifyAuditAnchor(anchor: AuditAnchor, head: { seq: number; hash: string }): AnchorVerdict {
  const claimed = typeof anchor.address === 'string' ? anchor.address : '(none)'
  if (anchor.scheme !== 'eip191') return { ok: false, address: claimed, reason: `unknown scheme "${anchor.scheme}"` }
  if (anchor.seq !== head.seq || anchor.hash !== head.hash)
    return {
      ok: false,
      address: claimed,
      reason: `the signature is over event #${anchor.seq} (${String(anchor.hash).slice(0, 16)}…), but the events end at #${head.seq} (${head.hash.slice(0, 16)}…)`,
    }
  if (anchor.message !== anchorMessage(head))
    return { ok: false, address: claimed, reason: 'the signed message is not the one this head calls for' }
  let recovered: string
  try {
    recovered = verifyMessage(anchor.message, anchor.signature)
  } catch {
    return { ok: false, address: claimed, reason: 'the signature is malformed' }
  }
  let expected: string
  try {
    expected = getAddress(anchor.address)
  } catch {
    return { ok: false, address: claimed, reason: 'the anchor names no valid address' }
  }
  if (recovered !== expected)
    return { ok: false, address: expected, reason: `the signature was made by ${recovered}, not ${expected}` }
  return { ok: true, address: recovered }
}
