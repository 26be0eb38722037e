// Signer metadata (the keys themselves are Web3 Secret Storage files under <workspace>/keys, never in SQLite),
// signing requests as they were created or imported, and the Safe signatures accepted for them.
export default `
CREATE TABLE signers (
  address TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('local', 'watch')),
  path TEXT, -- BIP-44 derivation path when the key came from a mnemonic
  keystore_file TEXT, -- file name under <workspace>/keys for a local key, NULL for watch-only
  added_at TEXT NOT NULL,
  CHECK ((kind = 'local') = (keystore_file IS NOT NULL))
) STRICT;

CREATE TABLE signing_requests (
  safe_tx_hash TEXT PRIMARY KEY,
  chain_id INTEGER NOT NULL,
  safe_address TEXT NOT NULL,
  nonce TEXT NOT NULL,
  document TEXT NOT NULL, -- the signing request JSON exactly as created or imported
  origin TEXT NOT NULL CHECK (origin IN ('created', 'imported')),
  added_at TEXT NOT NULL
) STRICT;

CREATE INDEX signing_requests_safe ON signing_requests(chain_id, safe_address, nonce);

CREATE TABLE signatures (
  safe_tx_hash TEXT NOT NULL,
  signer TEXT NOT NULL,
  chain_id INTEGER NOT NULL,
  safe_address TEXT NOT NULL,
  signature TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('eip712', 'eth_sign', 'approved_hash')),
  source TEXT NOT NULL CHECK (source IN ('local', 'imported', 'onchain')),
  added_at TEXT NOT NULL,
  PRIMARY KEY (safe_tx_hash, signer)
) STRICT;
`
