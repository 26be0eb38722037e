// Token governance: proposals (their rules copied from the type's settings at creation, so a later settings edit
// never changes a vote in flight), signed votes, a cache of past voting power per snapshot, and disputes.
// States (Pending, Active, …) are not stored: they are derived from the chain's clock and the tally.
export default `
CREATE TABLE governance_proposals (
  id TEXT PRIMARY KEY, -- 0x + 64 hex: keccak256 of the proposal content's canonical JSON (RFC 8785)
  chain_id INTEGER NOT NULL REFERENCES chains(chain_id),
  token TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('technical', 'treasury_spending', 'partnership', 'policy')),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  proposer TEXT NOT NULL,
  content TEXT NOT NULL, -- the canonical JSON the id hashes, kept verbatim so anyone can recompute the id
  created_block INTEGER NOT NULL,
  snapshot_block INTEGER NOT NULL,
  end_block INTEGER NOT NULL CHECK (end_block > snapshot_block),
  voting_delay_blocks INTEGER NOT NULL,
  voting_period_blocks INTEGER NOT NULL,
  quorum_bps INTEGER NOT NULL CHECK (quorum_bps BETWEEN 0 AND 10000),
  pass_threshold_bps INTEGER NOT NULL CHECK (pass_threshold_bps BETWEEN 0 AND 9999),
  timelock_seconds INTEGER NOT NULL CHECK (timelock_seconds >= 0),
  grace_period_seconds INTEGER NOT NULL CHECK (grace_period_seconds > 0),
  spending TEXT, -- JSON { safe, transfers: [{ recipient, token | null, amount }] } for treasury spending
  total_supply TEXT, -- past total supply at the snapshot (base units), cached once the snapshot is in the past
  queued_at INTEGER, -- chain timestamp (s) when queued
  eta INTEGER, -- queued_at + timelock_seconds
  canceled_at TEXT,
  canceled_by TEXT,
  cancel_note TEXT,
  cancel_signature TEXT,
  implemented_at TEXT, -- non-spending proposals: the council recorded it as carried out
  implemented_by TEXT,
  implemented_note TEXT,
  implemented_signature TEXT,
  safe_proposal_id TEXT, -- treasury spending: the Safe proposal drafted from it (proposals core), when there is one
  safe_tx_hash TEXT, -- the SafeTx hash that carries out its transfers
  safe_nonce INTEGER,
  safe_tx TEXT, -- JSON SafeTx of the link
  execution_tx_hash TEXT, -- the chain transaction in which the Safe executed safe_tx_hash (ExecutionSuccess)
  executed_at INTEGER, -- its block timestamp
  created_at TEXT NOT NULL
) STRICT;

CREATE INDEX governance_proposals_created ON governance_proposals(chain_id, created_block);
CREATE UNIQUE INDEX governance_proposals_safe_tx ON governance_proposals(safe_tx_hash) WHERE safe_tx_hash IS NOT NULL;

CREATE TABLE governance_votes (
  proposal_id TEXT NOT NULL REFERENCES governance_proposals(id),
  voter TEXT NOT NULL,
  support INTEGER NOT NULL CHECK (support IN (0, 1, 2)),
  timestamp INTEGER NOT NULL,
  reason TEXT NOT NULL,
  signature TEXT NOT NULL,
  weight TEXT NOT NULL, -- getPastVotes(voter, snapshot) in base units
  imported_at TEXT NOT NULL,
  PRIMARY KEY (proposal_id, voter, timestamp)
) STRICT;

-- getPastVotes answers never change once the block is in the past: read each (account, block) once.
CREATE TABLE governance_weights (
  chain_id INTEGER NOT NULL,
  token TEXT NOT NULL,
  block INTEGER NOT NULL,
  account TEXT NOT NULL,
  votes TEXT NOT NULL,
  PRIMARY KEY (chain_id, token, block, account)
) STRICT;

CREATE TABLE disputes (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE, -- 0x + 64 hex, what a council member signs when resolving it
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('governance_proposal', 'disbursement', 'milestone')),
  subject_ref TEXT NOT NULL,
  raised_by TEXT NOT NULL,
  reason TEXT NOT NULL,
  raised_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'upheld', 'dismissed')),
  decision TEXT,
  resolved_by TEXT,
  resolved_at TEXT,
  resolution_signature TEXT
) STRICT;

CREATE INDEX disputes_subject ON disputes(subject_kind, subject_ref, status);
`
