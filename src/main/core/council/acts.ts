import { getAddress, hexlify, randomBytes, type Wallet } from 'ethers'
import { ApiError } from '../../../shared/errors'
import {
  councilSignatureBundle,
  type CouncilActKind,
  type CouncilActRequest,
  type CouncilActView,
  type CouncilSignature,
  type CouncilView,
} from '../../../shared/contract/council'
import { requireChain } from '../chain/active'
import type { CoreContext } from '../workspace/context'
import { recoverActSigner } from './recover'
import { councilNow } from './members'
import {
  actByNonce,
  getAct,
  insertAct,
  insertActSignature,
  listActs,
  markEffective,
  setNeeded,
  type StoredAct,
} from './store'
import { councilDigest, councilRequest, parseCouncilContent, requestInconsistency, signCouncilAct } from './typed-data'

/**
 * What each act kind does, given by the layer above (core/workflows/council-acts.ts) so this capability imports no
 * grant, budget or dispute code. `check` runs when a request is made and again before it takes effect; `apply` runs
 * inside the transaction that stores the signature completing the act, and returns what it changed.
 */
export interface CouncilEffect {
  summary(ctx: CoreContext, content: never): string
  check(ctx: CoreContext, content: never): void
  prepare?(ctx: CoreContext, content: never): Promise<void>
  apply(ctx: CoreContext, content: never, act: { id: number; signers: string[] }): unknown
}
export type CouncilEffects = Record<CouncilActKind, CouncilEffect>

export const DEFAULT_VALIDITY_SECONDS = 24 * 3600

function parsed(kind: CouncilActKind, content: unknown): never {
  const result = parseCouncilContent(kind, content)
  if (!result.success)
    throw new ApiError(
      'BAD_INPUT',
      `The ${kind} is not valid: ${result.error.issues.map((i) => `${i.path.join('.') || 'content'}: ${i.message}`).join('; ')}.`,
    )
  return result.data as never
}

/** `council.request`: the act every member signs, with a fresh nonce and its expiry. Stores nothing. */
export async function requestAct(
  ctx: CoreContext,
  effects: CouncilEffects,
  input: { kind: CouncilActKind; content: unknown; validFor?: number },
  now = new Date(),
): Promise<CouncilActRequest> {
  const chain = requireChain(ctx.db)
  const council = await councilNow(ctx.db, chain, now)
  const content = parsed(input.kind, input.content)
  effects[input.kind].check(ctx, content)
  return councilRequest({
    chainId: chain.chainId,
    safe: council.safe,
    kind: input.kind,
    content,
    summary: effects[input.kind].summary(ctx, content),
    nonce: hexlify(randomBytes(32)),
    expiry: Math.floor(now.getTime() / 1000) + (input.validFor ?? DEFAULT_VALIDITY_SECONDS),
  })
}

function refuse(message: string, details?: unknown): never {
  throw new ApiError('UNAUTHORIZED', `The council act was refused: ${message}.`, details)
}

/** Who made each signature, checked against the act and the council now; refuses the whole submission on any fault. */
function checkSigners(digest: string, signatures: CouncilSignature[], council: CouncilView, already: string[]) {
  const accepted: CouncilSignature[] = []
  for (const s of signatures) {
    let signer: string
    try {
      signer = recoverActSigner(digest, s.signature)
    } catch (error) {
      refuse(`the signature named as ${s.signer}'s is malformed (${error instanceof Error ? error.message : error})`)
    }
    if (signer !== s.signer)
      refuse(
        `the signature is not ${s.signer}'s over this act: it recovers to ${signer} (another key, or altered content)`,
      )
    if (!council.members.includes(signer))
      refuse(
        `${signer} is not a council member at this time (the council is ${describeSource(council)}: ${council.members.join(', ')})`,
        { council: council.members, source: council.source },
      )
    if (already.includes(signer) || accepted.some((a) => a.signer === signer)) continue
    accepted.push({ signer, signature: s.signature })
  }
  return accepted
}

export function describeSource(council: Pick<CouncilView, 'source' | 'safe'>): string {
  return council.source === 'list'
    ? 'the signed council list'
    : council.source === 'safe-chain'
      ? `the owners of Safe ${council.safe}, read from the chain`
      : `the owners of Safe ${council.safe} as last synced (the chain could not be read)`
}

/**
 * `council.submit`: checks every signature against the request and the council at this time, stores them with the
 * act (one transaction with their audit events), and applies the act once enough members signed. A replay, an
 * expired request, another chain or Safe, an altered content or subject, a non-member: each refused by name.
 */
export async function submitAct(
  ctx: CoreContext,
  effects: CouncilEffects,
  request: CouncilActRequest,
  signatures: CouncilSignature[],
  now = new Date(),
): Promise<CouncilActView> {
  const chain = requireChain(ctx.db)
  const council = await councilNow(ctx.db, chain, now)
  const d = request.domain
  if (d.chainId !== chain.chainId)
    refuse(`it was signed for chain ${d.chainId}; this workspace's chain is ${chain.chainId}`)
  if (getAddress(d.verifyingContract) !== council.safe)
    refuse(`it was signed for Safe ${d.verifyingContract}; this council's Safe is ${council.safe}`)
  const inconsistency = requestInconsistency(request)
  if (inconsistency) refuse(inconsistency)
  const nowSeconds = Math.floor(now.getTime() / 1000)
  if (request.message.expiry < nowSeconds)
    refuse(
      `it expired at ${new Date(request.message.expiry * 1000).toISOString()}; ask the members to sign a new request`,
    )
  const digest = councilDigest(d, request.message)
  const existing = actByNonce(ctx.db, request.message.nonce)
  if (existing && existing.digest !== digest.toLowerCase())
    refuse(
      `replayed: its nonce was already used by council act #${existing.id} (${existing.kind} on ${existing.subject})`,
    )
  if (existing?.status === 'effective')
    refuse(
      `replayed: this act (#${existing.id}) already took effect at ${existing.effectiveAt}; a new decision needs a new request`,
    )
  const already = existing?.signers.map((s) => s.member) ?? []
  const fresh = checkSigners(digest, signatures, council, already)
  if (fresh.length === 0)
    refuse(`${signatures.map((s) => s.signer).join(', ')} already signed this act (#${existing!.id})`)

  const kind = request.kind
  const effect = effects[kind]
  // The effect gets the content as its schema reads it (defaults filled); the signature covers the content as sent.
  const content = parseCouncilContent(kind, request.content).data as never
  effect.check(ctx, content)
  const needed = council.thresholds[kind]
  const signers = [...already, ...fresh.map((s) => s.signer)]
  if (signers.length >= needed) await effect.prepare?.(ctx, content)
  const at = now.toISOString()
  const actId = ctx.db.transaction(() => {
    const id = existing?.id ?? insertAct(ctx.db, { request, digest, needed, at })
    if (existing) setNeeded(ctx.db, id, needed)
    for (const s of fresh)
      ctx.mutate(
        {
          actor: s.signer,
          action: 'council.act.signed',
          subject: `council-act:${id}`,
          payload: {
            kind,
            subject: request.message.subject,
            member: s.signer,
            signature: s.signature,
            digest,
            domain: d,
            message: request.message,
            council: { source: council.source, members: council.members },
            signed: signers.indexOf(s.signer) + 1,
            needed,
          },
        },
        () =>
          insertActSignature(ctx.db, {
            actId: id,
            member: s.signer,
            signature: s.signature,
            source: council.source,
            members: council.members,
            at,
          }),
      )
    if (signers.length >= needed) {
      const result = effect.apply(ctx, content, { id, signers })
      const stored = getAct(ctx.db, id)!
      ctx.mutate(
        {
          actor: signers[signers.length - 1],
          action: 'council.act.effective',
          subject: `council-act:${id}`,
          payload: {
            kind,
            subject: request.message.subject,
            summary: request.summary,
            content: request.content,
            domain: d,
            message: request.message,
            digest,
            needed,
            signatures: stored.signers.map((s) => ({ member: s.member, signature: s.signature })),
            council: { source: council.source, members: council.members },
            result,
          },
        },
        () => markEffective(ctx.db, id, result, at),
      )
    }
    return id
  })()
  return actView(getAct(ctx.db, actId)!, council, now)
}

/** `council.sign`: the member's unlocked key signs in the main process (it never leaves), then the signature is submitted. */
export async function signAndSubmit(
  ctx: CoreContext,
  effects: CouncilEffects,
  wallet: Wallet,
  request: CouncilActRequest,
): Promise<CouncilActView> {
  const inconsistency = requestInconsistency(request)
  if (inconsistency) throw new ApiError('BAD_INPUT', `Not signed: ${inconsistency}.`)
  const signature = await signCouncilAct(wallet, request)
  return submitAct(ctx, effects, request, [{ signer: wallet.address, signature }])
}

/** `council.importSignature`: a signature file, against its request (carried in the file, or the act stored here). */
export async function importSignature(ctx: CoreContext, effects: CouncilEffects, text: string) {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new ApiError('BAD_INPUT', 'The signature file is not JSON.')
  }
  const bundle = councilSignatureBundle.safeParse(json)
  if (!bundle.success)
    throw new ApiError(
      'BAD_INPUT',
      `Not a council signature file: ${bundle.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`,
    )
  const b = bundle.data
  const request =
    b.request ??
    listActs(ctx.db, { status: 'pending' }).find((a) => a.digest === b.digest.toLowerCase())?.request ??
    null
  if (!request)
    throw new ApiError(
      'NOT_FOUND',
      `No pending council act has digest ${b.digest}, and the file does not carry its request: import the request's signature file made by \`treasury sign\`.`,
    )
  if (councilDigest(request.domain, request.message) !== b.digest.toLowerCase())
    throw new ApiError('BAD_INPUT', "The signature file's digest is not its request's: the file was altered.")
  return submitAct(ctx, effects, request, [{ signer: b.signer, signature: b.signature }])
}

export function actView(a: StoredAct, council: CouncilView | null, now = new Date()): CouncilActView {
  const expired = a.status === 'pending' && a.expiry < Math.floor(now.getTime() / 1000)
  const signed = new Set(a.signers.map((s) => s.member))
  return {
    id: a.id,
    kind: a.kind,
    subject: a.subject,
    summary: a.summary,
    content: a.content,
    contentHash: a.contentHash,
    nonce: a.nonce,
    expiry: a.expiry,
    digest: a.digest,
    status: expired ? 'expired' : a.status,
    needed: a.needed,
    signers: a.signers,
    missing: a.status === 'pending' && !expired && council ? council.members.filter((m) => !signed.has(m)) : [],
    createdAt: a.createdAt,
    effectiveAt: a.effectiveAt,
    result: a.result,
    request: a.request,
  }
}

export async function listActViews(
  ctx: CoreContext,
  filter: { status?: 'pending' | 'effective' | 'expired'; subject?: string },
  now = new Date(),
): Promise<CouncilActView[]> {
  const chain = requireChain(ctx.db)
  let council: CouncilView | null = null
  try {
    council = await councilNow(ctx.db, chain, now)
  } catch {
    council = null
  }
  const stored = listActs(ctx.db, {
    subject: filter.subject,
    status: filter.status === 'expired' ? 'pending' : filter.status,
  }).filter((a) => a.chainId === chain.chainId)
  const views = stored.map((a) => actView(a, council, now))
  return filter.status ? views.filter((v) => v.status === filter.status) : views
}
