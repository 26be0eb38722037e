import { createHash } from 'node:crypto'
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
  return createHash('sha256').update(prevHash, 'utf8').update(canonical, 'utf8').digest('hex')
}
