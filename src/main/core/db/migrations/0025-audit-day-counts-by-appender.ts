// The per-day audit counts (0014) are kept by the appenders in core/audit/log.ts from now on, not by a trigger run
// for each inserted event: an import of 80,000 votes appends 80,000 events in one transaction, and the trigger cost
// about 2 s of it; the bulk appender adds them with one statement. The counts already stored are what the trigger
// kept, so nothing is recounted.
export default `
DROP TRIGGER audit_day_counts_append;
`
