import type { Signer } from 'ethers'
import {
  councilActRequest,
  type CouncilActRequest,
  type CouncilSignatureBundle,
} from '../../../shared/contract/council'
import { councilDigest, requestInconsistency, signCouncilAct } from './typed-data'
import { recoverActSigner } from './recover'

/** Is this document a council act request (rather than a Safe signing request)? */
export function isCouncilRequestText(text: string): boolean {
  try {
    return (JSON.parse(text) as { format?: unknown }).format === 'aitbc-council-act-request'
  } catch {
    return false
  }
}

/** A council act request file, checked in itself (content, subject and hash agree) before anyone signs it. */
export function parseCouncilRequest(text: string): CouncilActRequest {
  const parsed = councilActRequest.safeParse(JSON.parse(text))
  if (!parsed.success)
    throw new Error(
      `not a council act request: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    )
  const inconsistency = requestInconsistency(parsed.data)
  if (inconsistency) throw new Error(`the request is inconsistent: ${inconsistency}`)
  return parsed.data
}

/** What a signer reads before signing: the act, its subject, the council's chain and Safe, until when. */
export function describeCouncilRequest(r: CouncilActRequest): string {
  return [
    `Council act: ${r.kind} on ${r.message.subject}`,
    `  ${r.summary}`,
    `  chain ${r.domain.chainId}, Safe ${r.domain.verifyingContract}`,
    `  content ${JSON.stringify(r.content)}`,
    `  content hash ${r.message.contentHash}`,
    `  valid until ${new Date(r.message.expiry * 1000).toISOString()}`,
  ].join('\n')
}

/** Signs offline and answers with the signature file (carrying the request, so it imports on its own). */
export async function signCouncilRequest(
  signer: Pick<Signer, 'signTypedData' | 'getAddress'>,
  request: CouncilActRequest,
): Promise<CouncilSignatureBundle> {
  const signature = await signCouncilAct(signer, request)
  const digest = councilDigest(request.domain, request.message) as `0x${string}`
  const address = await signer.getAddress()
  if (recoverActSigner(digest, signature) !== address) throw new Error('the signature did not verify')
  return { format: 'aitbc-council-act-signature', version: 1, digest, signer: address, signature, request }
}
