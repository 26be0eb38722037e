// Scale (issue 9): the last verified point of the audit chain, so start-up checks only the events after it at once
// (the whole chain is still walked in the background, see core/audit/guard.ts), and indexes that keep every list
// page of a workspace with 100,000 proposals and 1,000,000 audit events within milliseconds (bench/scale.bench.ts).
export default `
CREATE TABLE audit_checkpoints (
  seq INTEGER PRIMARY KEY,
  hash TEXT NOT NULL,
  verified_at TEXT NOT NULL
) STRICT;

-- History and "all" pages (newest nonce first) walk this backwards and stop after one page, instead of sorting
-- every closed proposal; status is in it so the page's filter needs no table lookups.
CREATE INDEX proposals_by_nonce ON proposals(chain_id, nonce, id, status);
-- The page's total: counted per status range of a narrow index.
CREATE INDEX proposals_status ON proposals(chain_id, status);
-- Grants of a program (program list counts them; the grants list filters by program).
CREATE INDEX grants_program ON grants(program_id, id);
-- Batches by status (disbursements list filter).
CREATE INDEX disbursement_batches_status ON disbursement_batches(status, id);
`
