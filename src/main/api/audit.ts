import type { Handlers } from './registry'
import { auditHead, auditVerdict, listAuditEvents, verifyAuditBundleText } from '../core/audit'

export const auditHandlers: Handlers<'audit.list' | 'audit.verify' | 'audit.verifyBundle'> = {
  'audit.list': ({ beforeSeq, limit }, { ctx }) => ({
    events: listAuditEvents(ctx.db, { beforeSeq, limit }),
    total: auditHead(ctx.db).events,
  }),
  // The whole chain, walked in slices off the request path (core/audit/guard.ts); a break found at start at once.
  'audit.verify': (_input, { ctx }) => auditVerdict(ctx.db),
  'audit.verifyBundle': ({ text }) => verifyAuditBundleText(text),
}
