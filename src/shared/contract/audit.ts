import { z } from 'zod'
import { call } from './define'

export interface AuditEvent {
  seq: number
  at: string
  actor: string
  action: string
  subject: string
  payload: unknown
  prevHash: string
  hash: string
}

export interface AuditVerdict {
  ok: boolean
  events: number
  headHash: string | null
  /** First sequence number whose stored hash does not match: everything after it is untrusted too. */
  firstBadSeq?: number
  reason?: string
}

/** What `treasury audit verify` and `audit.verifyBundle` answer about an exported bundle. */
export interface AuditBundleVerdict {
  ok: boolean
  events: number
  firstSeq: number | null
  lastSeq: number | null
  prevHash: string | null
  headHash: string | null
  exportedAt: string | null
  range: { from: string | null; to: string | null } | null
  /** The steward signature over the head: who signed and whether it holds; null when unsigned. */
  anchor: { ok: boolean; address: string; reason?: string } | null
  /** The first event that fails; it and every event after it are untrusted. */
  firstBadSeq?: number
  line?: number
  reason?: string
}

export const auditContract = {
  'audit.list': call<{ events: AuditEvent[]; total: number }>()(
    z
      .object({
        beforeSeq: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  'audit.verify': call<AuditVerdict>()(z.object({}).strict()),
  /** Verifies an exported JSON bundle given as text (a file picked in the app), with the same code as the CLI. */
  'audit.verifyBundle': call<AuditBundleVerdict>()(z.object({ text: z.string().min(1).max(3_500_000) }).strict()),
}
