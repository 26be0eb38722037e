import { ZeroAddress, getAddress } from 'ethers'
import type { Review, SigningRequestDoc, TokenRef, Warning } from '../../../shared/contract/signing'
import { decodeSafeTx } from './decode'
import { envFor } from './documents'

/** How far above the Safe's nonce a request may be before it is flagged: it would wait behind that many others. */
export const NONCE_AHEAD_LIMIT = 5n

export interface SafeState {
  source: 'chain' | 'snapshot' | 'request' | 'none'
  nonce: bigint | null
  owners: string[] | null
  threshold: number | null
}

export interface ReviewEnv {
  /** null when this machine has no workspace to compare with (an air-gapped signer with only the CLI). */
  knownChain: boolean | null
  knownSafe: boolean | null
  /** Tokens this machine knows (`known: true`). */
  tokens: TokenRef[]
  multiSend: string[]
  state: SafeState
  /** The signer about to sign, when there is one: checked against the owners. */
  signer?: string
}

/** The state a request itself states: used only when this machine knows nothing better, and labelled so. */
export function stateFromRequest(doc: SigningRequestDoc): SafeState {
  return doc.context
    ? {
        source: 'request',
        nonce: BigInt(doc.context.safeNonce),
        owners: doc.context.owners,
        threshold: doc.context.threshold,
      }
    : { source: 'none', nonce: null, owners: null, threshold: null }
}

/**
 * What a signer sees before signing: the transaction decoded again from its bytes with this machine's knowledge,
 * every recipient and amount, and the warnings the issue lists (delegatecall, unknown call, unlimited approval,
 * gas refund, nonce, unknown chain or Safe) plus a few more (owner or module changes, a summary that lies).
 */
export function reviewRequest(doc: SigningRequestDoc, env: ReviewEnv): Review {
  const known = new Map(env.tokens.filter((t) => t.address).map((t) => [t.address!.toLowerCase(), t]))
  const tokens: TokenRef[] = [...known.values()]
  for (const stated of doc.summary.tokens)
    if (stated.address && !known.has(stated.address.toLowerCase())) tokens.push({ ...stated, known: false })
  const decoded = decodeSafeTx(doc.safeTx, envFor(doc.chainId, doc.safe, tokens, env.multiSend))
  const warnings: Warning[] = []
  const tx = doc.safeTx

  if (env.knownChain === null)
    warnings.push({
      code: 'unknown-chain',
      severity: 'caution',
      message: `This machine has no workspace to compare with: make sure chain ${doc.chainId} and Safe ${doc.safe} are the ones you sign for.`,
    })
  else {
    if (!env.knownChain)
      warnings.push({
        code: 'unknown-chain',
        severity: 'danger',
        message: `Chain ${doc.chainId} is not a chain of this workspace.`,
      })
    if (!env.knownSafe)
      warnings.push({
        code: 'unknown-safe',
        severity: 'danger',
        message: `Safe ${doc.safe} on chain ${doc.chainId} is not a Safe of this workspace.`,
      })
  }

  warnings.push(...decoded.warnings)

  if (BigInt(tx.gasPrice) > 0n || tx.gasToken !== ZeroAddress || tx.refundReceiver !== ZeroAddress) {
    const paid = BigInt(tx.gasPrice) > 0n
    warnings.push({
      code: 'gas-refund',
      severity: paid ? 'danger' : 'caution',
      message: paid
        ? `The Safe pays a gas refund: gas price ${tx.gasPrice} in ${tx.gasToken === ZeroAddress ? 'the native coin' : `token ${tx.gasToken}`}, to ${tx.refundReceiver === ZeroAddress ? 'whoever executes it' : tx.refundReceiver}.`
        : `A gas token (${tx.gasToken}) or refund receiver (${tx.refundReceiver}) is set, with gas price 0.`,
    })
  }

  const state = env.state
  const nonce = BigInt(tx.nonce)
  const from = state.source === 'request' ? " (as stated by the request: this machine can't check it)" : ''
  if (state.nonce === null)
    warnings.push({
      code: 'nonce-unchecked',
      severity: 'caution',
      message: `The Safe's current nonce is unknown here: nonce ${tx.nonce} could not be checked.`,
    })
  else if (nonce < state.nonce)
    warnings.push({
      code: 'nonce-used',
      severity: 'danger',
      message: `Nonce ${tx.nonce} is already used: the Safe is at nonce ${state.nonce}${from}. This transaction can never execute.`,
    })
  else if (nonce > state.nonce + NONCE_AHEAD_LIMIT)
    warnings.push({
      code: 'nonce-far',
      severity: 'caution',
      message: `Nonce ${tx.nonce} is far above the Safe's nonce ${state.nonce}${from}: it executes only after ${nonce - state.nonce} others.`,
    })

  if (env.signer && state.owners && !state.owners.some((o) => getAddress(o) === getAddress(env.signer!)))
    warnings.push({
      code: 'not-owner',
      severity: 'danger',
      message: `${env.signer} is not an owner of this Safe${from}: its signature would not count.`,
    })

  const key = (t: { recipient: string; token: TokenRef; amount: string; kind: string }) =>
    `${t.kind}:${t.recipient}:${t.token.address ?? 'native'}:${t.amount}`
  const ours = decoded.transfers.map(key).sort().join('|')
  const theirs = doc.summary.transfers.map(key).sort().join('|')
  if (ours !== theirs)
    warnings.push({
      code: 'summary-mismatch',
      severity: 'danger',
      message:
        "The request's own summary does not match what its transaction does. Trust only the decoding shown here, and ask who made the request.",
    })

  return {
    chainId: doc.chainId,
    safe: doc.safe,
    safeVersion: doc.safeVersion,
    safeTx: doc.safeTx,
    safeTxHash: doc.safeTxHash,
    description: doc.description ?? null,
    calls: decoded.calls,
    transfers: decoded.transfers,
    warnings: warnings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'danger' ? -1 : 1)),
    stateSource: state.source,
    safeNonce: state.nonce === null ? null : state.nonce.toString(),
    owners: state.owners,
    threshold: state.threshold,
  }
}

export function hasDanger(review: Review): boolean {
  return review.warnings.some((w) => w.severity === 'danger')
}
