import { councilActRequest } from '../../../shared/contract/council'
import { recoverActSigner } from './recover'
import { councilDigest, requestInconsistency } from './typed-data'

/**
 * Re-verifies the council acts an audit bundle carries, with nothing but the events: each signature recovers to the
 * member it names, over the digest its domain and message give; that member was in the council the event records
 * (the membership at the time of the act and where it was read from); an effective act's content hashes to what was
 * signed and carries enough signatures. Used by `treasury audit verify`.
 */
export interface CouncilSignatureCheck {
  member: string
  recovered: string | null
  memberAtTheTime: boolean
}

export interface CouncilEventCheck {
  seq: number
  action: 'council.act.signed' | 'council.act.effective'
  kind: string
  subject: string
  digest: string
  councilSource: string
  signatures: CouncilSignatureCheck[]
  ok: boolean
  reason?: string
}

interface AuditEventLike {
  seq: number
  action: string
  payload: unknown
}

export const COUNCIL_AUDIT_ACTIONS = ['council.act.signed', 'council.act.effective'] as const

type Payload = {
  kind?: string
  subject?: string
  content?: unknown
  summary?: string
  domain?: unknown
  message?: unknown
  digest?: string
  needed?: number
  member?: string
  signature?: string
  signatures?: Array<{ member: string; signature: string }>
  council?: { source?: string; members?: string[] }
}

export function checkCouncilEvent(event: AuditEventLike): CouncilEventCheck {
  const p = (event.payload ?? {}) as Payload
  const result: CouncilEventCheck = {
    seq: event.seq,
    action: event.action as CouncilEventCheck['action'],
    kind: String(p.kind),
    subject: String(p.subject),
    digest: String(p.digest),
    councilSource: String(p.council?.source),
    signatures: [],
    ok: false,
  }
  const fail = (reason: string) => ({ ...result, reason })
  const effective = event.action === 'council.act.effective'
  const parsed = councilActRequest.safeParse({
    format: 'aitbc-council-act-request',
    version: 1,
    kind: p.kind,
    summary: p.summary ?? '',
    content: effective ? p.content : {},
    domain: p.domain,
    message: p.message,
  })
  if (!parsed.success) return fail(`the event does not carry a readable act (${parsed.error.issues[0]?.message})`)
  const request = parsed.data
  if (effective) {
    const inconsistency = requestInconsistency(request)
    if (inconsistency) return fail(inconsistency)
  }
  const digest = councilDigest(request.domain, request.message)
  if (digest !== String(p.digest).toLowerCase()) return fail(`the digest recorded is not the act's (${digest})`)
  const members = p.council?.members ?? []
  const signatures = effective ? (p.signatures ?? []) : [{ member: String(p.member), signature: String(p.signature) }]
  for (const s of signatures) {
    let recovered: string | null = null
    try {
      recovered = recoverActSigner(digest, s.signature)
    } catch {
      recovered = null
    }
    result.signatures.push({ member: s.member, recovered, memberAtTheTime: members.includes(s.member) })
  }
  const bad = result.signatures.find((s) => s.recovered !== s.member)
  if (bad) return fail(`the signature named as ${bad.member}'s recovers to ${bad.recovered ?? 'no key'}`)
  const outsider = result.signatures.find((s) => !s.memberAtTheTime)
  if (outsider) return fail(`${outsider.member} was not in the council the event records`)
  if (effective && signatures.length < (p.needed ?? 1))
    return fail(`${signatures.length} signature(s), ${p.needed} needed`)
  return { ...result, ok: true }
}

/** Every council event among `events`, checked. */
export function checkCouncilEvents(events: Iterable<AuditEventLike>): CouncilEventCheck[] {
  const out: CouncilEventCheck[] = []
  for (const e of events)
    if ((COUNCIL_AUDIT_ACTIONS as readonly string[]).includes(e.action)) out.push(checkCouncilEvent(e))
  return out
}
