// Budgets, grant programs and disbursement batches (issue 5). Amounts are decimal strings of base units with the
// token's decimals beside them. Nothing here stores a committed or spent figure: both are derived from batches
// (and, once merged, from the proposals they become), so no one can type a number in to make a budget look fine.
// `token` is 'native' for the chain's coin, otherwise the checksummed ERC-20 address.
export default `
CREATE TABLE budget_periods (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  starts_on TEXT NOT NULL, -- YYYY-MM-DD, inclusive
  ends_on TEXT NOT NULL,   -- YYYY-MM-DD, inclusive
  created_at TEXT NOT NULL,
  CHECK (starts_on <= ends_on)
) STRICT;

CREATE TABLE budget_lines (
  id INTEGER PRIMARY KEY,
  period_id INTEGER NOT NULL REFERENCES budget_periods(id),
  category TEXT NOT NULL,
  chain_id INTEGER NOT NULL,
  token TEXT NOT NULL,
  symbol TEXT NOT NULL,
  decimals INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 36),
  -- The allocation the line was created with; reallocations move amounts between lines as recorded decisions,
  -- and the current allocation is derived from both.
  initial_allocation TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (period_id, category, chain_id, token)
) STRICT;

CREATE TABLE budget_reallocations (
  id INTEGER PRIMARY KEY,
  from_line_id INTEGER NOT NULL REFERENCES budget_lines(id),
  to_line_id INTEGER NOT NULL REFERENCES budget_lines(id),
  amount TEXT NOT NULL,
  reason TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  CHECK (from_line_id <> to_line_id)
) STRICT;

CREATE TABLE grant_programs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  category TEXT NOT NULL,
  budget_line_id INTEGER NOT NULL REFERENCES budget_lines(id),
  description TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE program_criteria (
  id INTEGER PRIMARY KEY,
  program_id INTEGER NOT NULL REFERENCES grant_programs(id),
  position INTEGER NOT NULL,
  label TEXT NOT NULL,
  weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 100),
  UNIQUE (program_id, position)
) STRICT;

CREATE TABLE grants (
  id INTEGER PRIMARY KEY,
  program_id INTEGER NOT NULL REFERENCES grant_programs(id),
  title TEXT NOT NULL,
  applicant TEXT NOT NULL,
  recipient TEXT NOT NULL,
  token TEXT NOT NULL,
  symbol TEXT NOT NULL,
  decimals INTEGER NOT NULL,
  amount TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('applied', 'approved', 'rejected')),
  decided_by TEXT,
  decision_reason TEXT,
  decided_at TEXT,
  outcome_notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE grant_milestones (
  id INTEGER PRIMARY KEY,
  grant_id INTEGER NOT NULL REFERENCES grants(id),
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  amount TEXT NOT NULL,
  due_on TEXT NOT NULL,
  deliverable_url TEXT,
  status TEXT NOT NULL CHECK (status IN ('pending', 'submitted', 'approved', 'paid', 'rejected')),
  status_note TEXT,
  updated_at TEXT NOT NULL,
  UNIQUE (grant_id, position)
) STRICT;

CREATE TABLE grant_evaluations (
  id INTEGER PRIMARY KEY,
  grant_id INTEGER NOT NULL REFERENCES grants(id),
  evaluator TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  UNIQUE (grant_id, evaluator)
) STRICT;

CREATE TABLE grant_scores (
  evaluation_id INTEGER NOT NULL REFERENCES grant_evaluations(id),
  criterion_id INTEGER NOT NULL REFERENCES program_criteria(id),
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
  PRIMARY KEY (evaluation_id, criterion_id)
) STRICT;

CREATE TABLE disbursement_schedules (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('monthly', 'milestones')),
  chain_id INTEGER NOT NULL,
  safe_address TEXT NOT NULL,
  -- monthly: pays amount of the line's token to recipient on day_of_month from starts_on to ends_on
  budget_line_id INTEGER REFERENCES budget_lines(id),
  recipient TEXT,
  amount TEXT,
  day_of_month INTEGER CHECK (day_of_month BETWEEN 1 AND 28),
  starts_on TEXT,
  ends_on TEXT,
  -- milestones: drafts a batch for a grant's approved milestones as their due dates arrive
  grant_id INTEGER REFERENCES grants(id),
  paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
  created_at TEXT NOT NULL,
  CHECK ((kind = 'monthly' AND budget_line_id IS NOT NULL AND recipient IS NOT NULL AND amount IS NOT NULL
          AND day_of_month IS NOT NULL AND starts_on IS NOT NULL) OR (kind = 'milestones' AND grant_id IS NOT NULL))
) STRICT;

CREATE TABLE disbursement_batches (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('milestones', 'csv', 'schedule')),
  chain_id INTEGER NOT NULL,
  safe_address TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'proposed', 'executed', 'failed', 'cancelled')),
  schedule_id INTEGER REFERENCES disbursement_schedules(id),
  schedule_due_on TEXT,
  -- The MultiSend SafeTx (JSON) and its EIP-712 hash, set when the batch is proposed.
  safe_tx TEXT,
  safe_tx_hash TEXT UNIQUE,
  nonce INTEGER,
  override_by TEXT,
  override_reason TEXT,
  override_at TEXT,
  executed_tx_hash TEXT,
  executed_block INTEGER,
  executed_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE disbursement_items (
  batch_id INTEGER NOT NULL REFERENCES disbursement_batches(id),
  position INTEGER NOT NULL,
  budget_line_id INTEGER NOT NULL REFERENCES budget_lines(id),
  token TEXT NOT NULL,
  receiver TEXT NOT NULL,
  amount TEXT NOT NULL,
  milestone_id INTEGER REFERENCES grant_milestones(id),
  external_id TEXT,
  PRIMARY KEY (batch_id, position)
) STRICT;

CREATE INDEX disbursement_items_line ON disbursement_items(budget_line_id);
CREATE INDEX disbursement_items_milestone ON disbursement_items(milestone_id);
`
