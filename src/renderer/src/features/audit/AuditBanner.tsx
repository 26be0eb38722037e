import { useAuditVerdict } from './queries'

/** A broken audit chain is shown on every page, loudly, never carried past silently. */
export function AuditBanner() {
  const verdict = useAuditVerdict().data
  if (!verdict || verdict.ok) return null
  return (
    <div role="alert" className="banner danger">
      <strong>The audit trail is broken at event #{verdict.firstBadSeq}.</strong> {verdict.reason}. Events from that one
      on cannot be trusted; export what you have and investigate before approving anything.
    </div>
  )
}
