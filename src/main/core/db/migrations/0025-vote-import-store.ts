// The store of a large vote import (issue 22).
// - The per-day audit counts (0014) are kept by the appenders in core/audit/log.ts from now on, not by a trigger run
//   for each inserted event: an import of 80,000 votes appends 80,000 events in one transaction, and the trigger cost
//   about 2 s of it; the bulk appender adds them with one statement. The counts already stored are what the trigger
//   kept, so nothing is recounted.
// - Each vote records the EIP-712 domain separator its signature was verified under, so a later import of the same
//   line (same message, domain and signature) can take its signer from the stored vote instead of recovering it
//   again. Votes stored before have none and are verified again, as before.
export default `
DROP TRIGGER audit_day_counts_append;

ALTER TABLE governance_votes ADD COLUMN domain_separator TEXT; -- 0x + 64 hex, or NULL: stored before 0025
`
