import * as crypto from 'node:crypto'
import canonicalize from 'canonicalize'

/** The hash before the first event. */
export const GENESIS_HASH = '0'.repeat(64)

export interface AuditEventFields {
  seq: number
  at: string
  actor: string
  action: string
  subject: string
  payload: unknown
}

/** One-shot SHA-256 (Node ≥ 20.12): several times cheaper per event than a createHash object. */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex')

/**
 * hash = SHA-256(prevHash ‖ JCS(event)), JCS being RFC 8785 canonical JSON: anyone can recompute it from an
 * export with any RFC 8785 implementation, and a change to any byte of any event breaks every later hash.
 */
export function eventHash(prevHash: string, event: AuditEventFields): string {
  const canonical = canonicalize({
    seq: event.seq,
    at: event.at,
    actor: event.actor,
    action: event.action,
    subject: event.subject,
    payload: event.payload ?? null,
  })
  if (canonical === undefined) throw new Error('audit event is not JSON-serialisable')
  return sha256Hex(prevHash + canonical)
}

/**
 * The same hash for an event whose payload came out of JSON.parse (plain objects, arrays, strings, finite numbers,
 * booleans, null): the bulk paths (export, bundle verification) hash a million events with it. The fixed top-level
 * keys are written in their RFC 8785 order directly; `eventHash` stays the reference and tests hold them equal.
 */
export function parsedEventHash(
  prevHash: string,
  seq: number,
  at: string,
  actor: string,
  action: string,
  subject: string,
  payload: unknown,
): string {
  return sha256Hex(
    `${prevHash}{"action":${JSON.stringify(action)},"actor":${JSON.stringify(actor)},"at":${JSON.stringify(at)},` +
      `"payload":${jcs(payload ?? null)},"seq":${jcsNumber(seq)},"subject":${JSON.stringify(subject)}}`,
  )
}

/** RFC 8785 for JSON.parse output: keys sorted by UTF-16 code units (JS's default sort), ES number formatting. */
export function jcs(value: unknown): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'number':
      return jcsNumber(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'object': {
      if (Array.isArray(value)) {
        let out = '['
        for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + jcs(value[i] ?? null)
        return out + ']'
      }
      const object = value as Record<string, unknown>
      const keys = Object.keys(object).sort()
      let out = '{'
      let first = true
      for (const key of keys) {
        const v = object[key]
        if (v === undefined) continue
        out += (first ? '' : ',') + JSON.stringify(key) + ':' + jcs(v)
        first = false
      }
      return out + '}'
    }
    default:
      throw new Error(`a ${typeof value} cannot be part of an audit event`)
  }
}

function jcsNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error('NaN and Infinity cannot be part of an audit event')
  return JSON.stringify(n)
}
