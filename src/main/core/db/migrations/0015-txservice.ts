// The Safe Transaction Service as a shared queue (issue 19). Per chain, the service to talk to (none = off). The
// outbox holds which accepted signatures still have to reach the service: the signature itself stays in
// proposal_signatures, so cancelling or a crash never loses one. What was pulled, and what was refused (with the
// reason), are kept apart from the proposals: the service is a mailbox, never an authority.
export default `
CREATE TABLE txservice_config (
  chain_id INTEGER PRIMARY KEY,
  url TEXT,                 -- NULL: Safe's hosted service for this chain (api-kit's list; needs an API key)
  api_key TEXT,             -- only for Safe's hosted services; never shown back, never logged
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE txservice_outbox (
  id INTEGER PRIMARY KEY,
  chain_id INTEGER NOT NULL,
  safe_address TEXT NOT NULL,
  safe_tx_hash TEXT NOT NULL,
  signer TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'refused', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  posted_as TEXT CHECK (posted_as IN ('proposal', 'confirmation', 'already_there')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (chain_id, safe_tx_hash, signer)
) STRICT;

CREATE INDEX txservice_outbox_due ON txservice_outbox(status, next_attempt_at);

CREATE TABLE txservice_pulled (
  chain_id INTEGER NOT NULL,
  safe_address TEXT NOT NULL,
  safe_tx_hash TEXT NOT NULL,
  proposal_id INTEGER NOT NULL REFERENCES proposals(id),
  origin TEXT,              -- the service's free-text origin (e.g. the app that proposed it), shown as given
  pulled_at TEXT NOT NULL,
  PRIMARY KEY (chain_id, safe_tx_hash)
) STRICT;

CREATE TABLE txservice_refusals (
  id INTEGER PRIMARY KEY,
  chain_id INTEGER NOT NULL,
  safe_address TEXT NOT NULL,
  safe_tx_hash TEXT NOT NULL, -- as the service names it
  owner TEXT NOT NULL DEFAULT '', -- the confirmation's claimed owner; '' when the whole transaction is refused
  reason TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  UNIQUE (chain_id, safe_tx_hash, owner)
) STRICT;
`
