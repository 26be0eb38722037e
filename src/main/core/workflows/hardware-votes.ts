import { TypedDataEncoder, getAddress, recoverAddress } from 'ethers'
import { ApiError } from '../../../shared/errors'
import type { CoreContext } from '../workspace/context'
import { requireHardwareSigner, type TypedDataToSign } from '../hardware/qr-signer'
import { ledgerSignHashes, type LedgerOpener } from '../hardware/ledger/device'
import { SUPPORT, type SupportName } from '../governance/types'
import { VOTE_TYPES, governanceDomain, voteDigest, voteTypedData, type VoteMessage } from '../governance/typed-data'
import { envOf, proposalOf, recordSignedVote } from '../governance/service'
import { requireSigner, shownAnswer } from './hardware-signatures'

/*
 * Governance votes signed on a hardware device, the way council acts are: a QR device gets the vote's EIP-712 typed
 * data as an eth-sign-request (its answer matched by request id and the vote's digest), a Ledger signs the vote's
 * domain and message hashes. Either signature must recover to the paired account, which is the voter; the vote is
 * then recorded through the same checks as an imported vote file.
 */

/** A vote as the holder chose it; the timestamp is fixed when the device is first asked, so both sides agree. */
export interface HardwareVote {
  id: string
  voter: string
  support: SupportName
  reason: string
  timestamp: number
}

/** Fixes the vote's timestamp (the voter's clock, here: now) when the caller gave none. */
export function hardwareVote(vote: Omit<HardwareVote, 'timestamp'> & { timestamp?: number }, now = new Date()) {
  return { ...vote, voter: getAddress(vote.voter), timestamp: vote.timestamp ?? Math.floor(now.getTime() / 1000) }
}

function signedVote(ctx: CoreContext, vote: HardwareVote) {
  const env = envOf(ctx)
  const p = proposalOf(env, vote.id)
  const domain = governanceDomain(env.chain.chainId, env.token.address)
  const message: VoteMessage = {
    proposalId: p.id,
    support: SUPPORT[vote.support],
    voter: getAddress(vote.voter),
    timestamp: vote.timestamp,
    reason: vote.reason,
  }
  return { domain, message, digest: voteDigest(domain, message) }
}

/** A vote as typed data for a device (what it signs, and the two hashes a Ledger shows). */
export function voteToSign(ctx: CoreContext, vote: HardwareVote): TypedDataToSign {
  const { domain, message, digest } = signedVote(ctx, vote)
  return {
    kind: 'vote',
    typedData: voteTypedData(domain, message) as unknown as TypedDataToSign['typedData'],
    chainId: domain.chainId,
    digest,
    domainHash: TypedDataEncoder.hashDomain(domain),
    messageHash: TypedDataEncoder.hashStruct('Vote', VOTE_TYPES, message),
    subject: `governance-proposal:${message.proposalId}`,
  }
}

function recoveredFrom(digest: string, signature: string): string {
  try {
    return recoverAddress(digest, signature)
  } catch (error) {
    throw new ApiError('BAD_INPUT', `The device's signature is not valid: ${(error as Error).message}`)
  }
}

/** A QR device's `eth-signature` for a vote: checked against the vote given and recorded as the voter's vote. */
export async function importVoteQrSignature(ctx: CoreContext, vote: HardwareVote, parts: string[]) {
  const { answer, shown } = shownAnswer(ctx, parts, 'vote')
  const { domain, message, digest } = signedVote(ctx, vote)
  if (shown.digest !== digest.toLowerCase() || shown.signer !== message.voter)
    throw new ApiError('BAD_INPUT', 'This signature answers another vote than the one given: nothing was recorded.')
  requireSigner(recoveredFrom(digest, answer.signature), shown.signer, 'device')
  return recordSignedVote(ctx, { domain, message, signature: answer.signature })
}

/** Signs a vote on the voter's Ledger by its EIP-712 hashes and records it. */
export async function signVoteWithLedger(ctx: CoreContext, open: LedgerOpener, vote: HardwareVote) {
  const signer = requireHardwareSigner(ctx, vote.voter, 'usb')
  const what = voteToSign(ctx, vote)
  const { domain, message } = signedVote(ctx, vote)
  const signature = await ledgerSignHashes(open, signer.path, what.domainHash, what.messageHash)
  requireSigner(recoveredFrom(what.digest, signature), signer.address, `Ledger (${signer.path})`)
  return recordSignedVote(ctx, { domain, message, signature })
}
