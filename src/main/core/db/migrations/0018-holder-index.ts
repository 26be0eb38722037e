// The governance token's holder index (issue 22): its Transfer, DelegateChanged and DelegateVotesChanged logs
// kept as per-account histories (one row per account and block where it changed), so balances, voting power and
// delegations at any block, and concentration over 100,000 holders, are read from SQLite instead of the RPC.
// Accounts are lowercase hex (checksumming a million addresses costs seconds); the API checksums what it shows.
export default `
CREATE TABLE holder_indexes (
  id INTEGER PRIMARY KEY,
  chain_id INTEGER NOT NULL,
  token TEXT NOT NULL, -- checksummed
  from_block INTEGER NOT NULL,
  synced_to INTEGER NOT NULL, -- every log of blocks from_block..synced_to is in; from_block - 1 before the first range
  logs INTEGER NOT NULL DEFAULT 0,
  reorgs INTEGER NOT NULL DEFAULT 0,
  last_reorg_block INTEGER,
  updated_at TEXT NOT NULL,
  UNIQUE (chain_id, token)
) STRICT;

-- Hashes of the last blocks read, compared with the chain's on the next sync: a mismatch is a reorg.
CREATE TABLE holder_index_blocks (
  index_id INTEGER NOT NULL REFERENCES holder_indexes(id) ON DELETE CASCADE,
  block INTEGER NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (index_id, block)
) STRICT, WITHOUT ROWID;

CREATE TABLE holder_balances (
  index_id INTEGER NOT NULL REFERENCES holder_indexes(id) ON DELETE CASCADE,
  account TEXT NOT NULL,
  block INTEGER NOT NULL,
  balance TEXT NOT NULL, -- base units after the block
  PRIMARY KEY (index_id, account, block)
) STRICT, WITHOUT ROWID;
CREATE INDEX holder_balances_block ON holder_balances(index_id, block);

CREATE TABLE holder_votes (
  index_id INTEGER NOT NULL REFERENCES holder_indexes(id) ON DELETE CASCADE,
  account TEXT NOT NULL,
  block INTEGER NOT NULL,
  votes TEXT NOT NULL, -- the newBalance of the block's last DelegateVotesChanged
  PRIMARY KEY (index_id, account, block)
) STRICT, WITHOUT ROWID;
CREATE INDEX holder_votes_block ON holder_votes(index_id, block);

CREATE TABLE holder_delegations (
  index_id INTEGER NOT NULL REFERENCES holder_indexes(id) ON DELETE CASCADE,
  delegator TEXT NOT NULL,
  block INTEGER NOT NULL,
  delegate TEXT NOT NULL,
  PRIMARY KEY (index_id, delegator, block)
) STRICT, WITHOUT ROWID;
CREATE INDEX holder_delegations_block ON holder_delegations(index_id, block);

-- Each account as of the index's end (its latest rows above), kept with them: concentration over 100,000 holders
-- reads this instead of grouping a million history rows; a past block patches the accounts changed since.
CREATE TABLE holder_current (
  index_id INTEGER NOT NULL REFERENCES holder_indexes(id) ON DELETE CASCADE,
  account TEXT NOT NULL,
  balance TEXT NOT NULL,
  votes TEXT NOT NULL,
  delegate TEXT,
  PRIMARY KEY (index_id, account)
) STRICT, WITHOUT ROWID;
`
