// The audit capability's public face: the audit trail page and the banner the shell shows when the chain breaks.
export { AuditPage } from './AuditPage'
export { AuditBanner } from './AuditBanner'
