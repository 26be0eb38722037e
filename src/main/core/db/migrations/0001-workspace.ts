// Chains, Safes and tokens the workspace knows. Synced chain state is kept so the app works offline from it.
export default `
CREATE TABLE chains (
  chain_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  rpc_url TEXT NOT NULL,
  is_sandbox INTEGER NOT NULL DEFAULT 0 CHECK (is_sandbox IN (0, 1)),
  contract_networks TEXT, -- JSON: protocol-kit ContractNetworkConfig for chains safe-deployments does not know
  added_at TEXT NOT NULL
) STRICT;

CREATE TABLE safes (
  chain_id INTEGER NOT NULL REFERENCES chains(chain_id),
  address TEXT NOT NULL,
  label TEXT,
  snapshot TEXT, -- JSON SafeOverview of the last successful sync
  synced_at TEXT,
  added_at TEXT NOT NULL,
  PRIMARY KEY (chain_id, address)
) STRICT;

CREATE TABLE tokens (
  chain_id INTEGER NOT NULL REFERENCES chains(chain_id),
  address TEXT NOT NULL,
  symbol TEXT NOT NULL,
  name TEXT NOT NULL,
  decimals INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 36),
  PRIMARY KEY (chain_id, address)
) STRICT;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`
