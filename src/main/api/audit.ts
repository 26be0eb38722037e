import type { Handlers } from './registry'
import { auditHead, listAuditEvents, verifyAuditBundleText, verifyAuditChain } from '../core/audit'

export const auditHandlers: Handlers<'audit.list' | 'audit.verify' | 'audit.verifyBundle'> = {
  'audit.list': ({ beforeSeq, limit }, { ctx }) => ({
    events: listAuditEvents(ctx.db, { beforeSeq, limit }),
    total: auditHead(ctx.db).events,
  }),
  'audit.verify': (_input, { ctx }) => verifyAuditChain(ctx.db),
  'audit.verifyBundle': ({ text }) => verifyAuditBundleText(text),
}
