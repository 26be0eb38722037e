// Treasury proposals (a Safe transaction with its purpose and history), their signatures and execution attempts,
// and the address book. A proposal's SafeTx and hash never change once written: editing what it does means a new
// proposal; only the descriptive fields and the status move.
export default `
CREATE TABLE proposals (
  id INTEGER PRIMARY KEY,
  chain_id INTEGER NOT NULL,
  safe_address TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('eth_transfer', 'erc20_transfer', 'contract_call', 'batch', 'owner_change', 'rejection')),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  category TEXT,
  budget_line_id TEXT, -- for the budgets capability: which budget line this spends from
  grant_link TEXT,     -- for the grants capability: which grant (id or URL) this pays
  proposer TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'awaiting_signatures', 'ready', 'executed', 'failed', 'replaced', 'cancelled')),
  nonce INTEGER NOT NULL CHECK (nonce >= 0),
  safe_tx TEXT NOT NULL,      -- JSON SafeTx (every EIP-712 field, uint256 as decimal strings)
  safe_tx_hash TEXT NOT NULL,
  actions TEXT NOT NULL,      -- JSON ProposalAction[]: the decoded human summary
  outflows TEXT NOT NULL,     -- JSON Outflow[]: what leaves the Safe, per token
  multisend_address TEXT,
  rejects_id INTEGER REFERENCES proposals(id),
  replaced_by_id INTEGER REFERENCES proposals(id),
  simulation TEXT,            -- JSON SimulationResult of the last simulation
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (chain_id, safe_address, safe_tx_hash)
) STRICT;

CREATE INDEX proposals_queue ON proposals(chain_id, safe_address, status, nonce, id);
CREATE INDEX proposals_nonce ON proposals(chain_id, safe_address, nonce);
CREATE INDEX proposals_category ON proposals(chain_id, category);

CREATE TABLE proposal_signatures (
  proposal_id INTEGER NOT NULL REFERENCES proposals(id),
  signer TEXT NOT NULL,
  signature TEXT NOT NULL, -- 65 bytes as Safe packs them (r, s, v); v = 1 for an on-chain approveHash
  kind TEXT NOT NULL CHECK (kind IN ('eip712', 'eth_sign', 'approved_hash')),
  source TEXT NOT NULL CHECK (source IN ('local', 'bundle', 'onchain')),
  added_at TEXT NOT NULL,
  PRIMARY KEY (proposal_id, signer)
) STRICT;

CREATE INDEX proposal_signatures_signer ON proposal_signatures(signer, proposal_id);

CREATE TABLE proposal_executions (
  proposal_id INTEGER NOT NULL REFERENCES proposals(id),
  tx_hash TEXT NOT NULL,
  block_number INTEGER,
  gas_used TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('success', 'execution_failure', 'reverted')),
  executor TEXT,
  origin TEXT NOT NULL CHECK (origin IN ('app', 'chain')),
  at TEXT NOT NULL,
  PRIMARY KEY (proposal_id, tx_hash)
) STRICT;

CREATE TABLE address_book (
  chain_id INTEGER NOT NULL,
  address TEXT NOT NULL,
  label TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (chain_id, address)
) STRICT;
`
