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
}
