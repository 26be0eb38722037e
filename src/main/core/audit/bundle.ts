import { z } from 'zod'
import { GENESIS_HASH } from './hash-chain'
import type { CheckerState } from './checker'
export * from './checker'
import { verifyAuditAnchor, type AnchorVerdict, type AuditAnchor } from './anchor'

/**
 * The JSON audit bundle: the events of a range, the hash before the first one, the hash of the last one and an
 * optional steward signature over it. It is plain JSON (any parser reads it), laid out one event per line so a
 * verifier can stream a million events in flat memory:
 *
 *   {"format":"aitbc-treasury.audit-bundle","version":1,…,"prevHash":"…","headHash":"…","anchor":null,"events":[
 *   {"seq":1,"at":"…","actor":"…","action":"…","subject":"…","payload":{…},"prevHash":"…","hash":"…"},
 *   …
 *   {"seq":N,…}
 *   ]}
 *
 * Each event: hash = SHA-256(prevHash ‖ RFC 8785 JCS of {seq, at, actor, action, subject, payload}).
 */
export const BUNDLE_FORMAT = 'aitbc-treasury.audit-bundle'
export const BUNDLE_VERSION = 1
export const HASH_RULE = 'hash = sha256(utf8(prevHash) || utf8(RFC8785({seq,at,actor,action,subject,payload}))), hex'

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits')

const anchorSchema = z
  .object({
    scheme: z.literal('eip191'),
    address: z.string(),
    seq: z.number().int().positive(),
    hash: hex64,
    message: z.string(),
    signature: z.string(),
    signedAt: z.string(),
  })
  .strict()

export const bundleHeaderSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT, { message: `this is not an ${BUNDLE_FORMAT} file` }),
    version: z.literal(BUNDLE_VERSION, { message: `only version ${BUNDLE_VERSION} bundles are understood` }),
    exportedAt: z.string(),
    generator: z.string(),
    hashRule: z.string(),
    range: z
      .object({
        from: z.string().nullable(),
        to: z.string().nullable(),
        firstSeq: z.number().int().positive(),
        lastSeq: z.number().int().positive(),
        events: z.number().int().positive(),
      })
      .strict(),
    prevHash: hex64,
    headHash: hex64,
    anchor: anchorSchema.nullable(),
  })
  .strict()

export type BundleHeader = z.infer<typeof bundleHeaderSchema>

/** The first line: the header's fields, then the opening of the events array. */
export function bundleHeaderLine(header: BundleHeader): string {
  const text = JSON.stringify(header)
  return `${text.slice(0, -1)},"events":[\n`
}

export const BUNDLE_TRAILER = ']}\n'

export interface BundleVerdict {
  ok: boolean
  /** Events checked and found good, in order, before any failure. */
  events: number
  firstSeq: number | null
  lastSeq: number | null
  prevHash: string | null
  headHash: string | null
  exportedAt: string | null
  range: { from: string | null; to: string | null } | null
  /** null when the bundle carries no steward signature. */
  anchor: AnchorVerdict | null
  /** The first event that fails: it and everything after it are untrusted. */
  firstBadSeq?: number
  /** 1-based line of the file where the failure was found, when the file has the streaming layout. */
  line?: number
  reason?: string
}

/** The verdict once every event was walked: failures first, then the header's claims and the steward's anchor. */
export function concludeBundle(h: BundleHeader, state: CheckerState): BundleVerdict {
  const base: BundleVerdict = {
    ok: false,
    events: state.count,
    firstSeq: h.range.firstSeq,
    lastSeq: h.range.lastSeq,
    prevHash: h.prevHash,
    headHash: h.headHash,
    exportedAt: h.exportedAt,
    range: { from: h.range.from, to: h.range.to },
    anchor: null,
  }
  if (state.failure) return { ...base, ...state.failure }
  if (h.range.firstSeq === 1 && h.prevHash !== GENESIS_HASH)
    return { ...base, firstBadSeq: 1, reason: 'the bundle starts at event #1 but its prevHash is not the genesis hash' }
  if (state.count !== h.range.events || state.expectedSeq - 1 !== h.range.lastSeq)
    return {
      ...base,
      firstBadSeq: state.expectedSeq,
      reason: `the header announces events #${h.range.firstSeq}–#${h.range.lastSeq} (${h.range.events}), the file holds ${state.count}`,
    }
  if (state.prev !== h.headHash)
    return { ...base, firstBadSeq: h.range.lastSeq, reason: 'the last event is not the head the header names' }
  const anchor = h.anchor
    ? verifyAuditAnchor(h.anchor as AuditAnchor, { seq: h.range.lastSeq, hash: h.headHash })
    : null
  if (anchor && !anchor.ok) return { ...base, anchor, reason: `steward signature: ${anchor.reason}` }
  return { ...base, ok: true, anchor }
}

/** A bundle that could not even be read as one: no header, wrong format. */
export function unreadableBundle(reason: string, line?: number): BundleVerdict {
  return {
    ok: false,
    events: 0,
    firstSeq: null,
    lastSeq: null,
    prevHash: null,
    headHash: null,
    exportedAt: null,
    range: null,
    anchor: null,
    reason,
    ...(line ? { line } : {}),
  }
}

export function parseBundleHeader(value: unknown): { header: BundleHeader } | { error: string } {
  const parsed = bundleHeaderSchema.safeParse(value)
  if (parsed.success) {
    const r = parsed.data.range
    if (r.lastSeq - r.firstSeq + 1 !== r.events)
      return { error: `the header's range #${r.firstSeq}–#${r.lastSeq} does not hold ${r.events} events` }
    return { header: parsed.data }
  }
  const issue = parsed.error.issues[0]
  return { error: `bundle header: ${issue.path.join('.') || '(header)'}: ${issue.message}` }
}
