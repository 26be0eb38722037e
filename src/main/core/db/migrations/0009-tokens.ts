// Tokens of a treasury that already exists (issue 15): the registry gains where a token came from and a hidden flag
// (spam stays known, so a discovery does not bring it back), decimals up to 77 (the most a uint256 can scale), the
// entries of imported token lists for chains the workspace does not hold yet, a resumable discovery cursor per Safe,
// discovered contracts refused with their reason, the last balances read per Safe and token, and the native currency
// of a chain when the user overrides the shipped list. SQLite cannot change a CHECK, so tokens is rebuilt.
export default `
CREATE TABLE tokens_v9 (
  chain_id INTEGER NOT NULL REFERENCES chains(chain_id),
  address TEXT NOT NULL,
  symbol TEXT NOT NULL,
  name TEXT NOT NULL,
  decimals INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 77),
  source TEXT NOT NULL DEFAULT 'address' CHECK (source IN ('address', 'list', 'discovered', 'sandbox')),
  hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
  added_at TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (chain_id, address)
) STRICT;
INSERT INTO tokens_v9 (chain_id, address, symbol, name, decimals, source)
  SELECT chain_id, address, symbol, name, decimals, 'sandbox' FROM tokens;
DROP TABLE tokens;
ALTER TABLE tokens_v9 RENAME TO tokens;

-- Entries of a token list for a chain this workspace has no record of: kept, and adopted when that chain is added.
CREATE TABLE token_list_entries (
  chain_id INTEGER NOT NULL,
  address TEXT NOT NULL,
  symbol TEXT NOT NULL,
  name TEXT NOT NULL,
  decimals INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 77),
  list_name TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (chain_id, address)
) STRICT;

-- Where a Transfer-log discovery of a Safe's tokens stopped: the next block to read, up to the head it aimed at.
CREATE TABLE token_discovery (
  chain_id INTEGER NOT NULL,
  safe_address TEXT NOT NULL,
  next_block INTEGER NOT NULL CHECK (next_block >= 0),
  target_block INTEGER NOT NULL CHECK (target_block >= 0),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (chain_id, safe_address)
) STRICT;

-- Contracts that emitted a Transfer to or from a Safe but failed the ERC-20 reads: listed, never dropped silently.
CREATE TABLE token_refusals (
  chain_id INTEGER NOT NULL,
  address TEXT NOT NULL,
  reason TEXT NOT NULL,
  found_at TEXT NOT NULL,
  PRIMARY KEY (chain_id, address)
) STRICT;

-- The last balance read per Safe and token ('native' for the chain's coin), shown offline with when it was read.
CREATE TABLE token_balances (
  chain_id INTEGER NOT NULL,
  safe_address TEXT NOT NULL,
  token TEXT NOT NULL,
  balance TEXT NOT NULL,
  block INTEGER NOT NULL,
  read_at TEXT NOT NULL,
  PRIMARY KEY (chain_id, safe_address, token)
) STRICT;

-- The user's correction of a chain's native currency (the shipped list gives the default).
CREATE TABLE native_currencies (
  chain_id INTEGER PRIMARY KEY,
  symbol TEXT NOT NULL,
  name TEXT NOT NULL,
  decimals INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 77),
  updated_at TEXT NOT NULL
) STRICT;
`
