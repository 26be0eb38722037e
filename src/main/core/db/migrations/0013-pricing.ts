// Values in a reporting currency (issue 17). Prices are decimal strings (never REAL: money stays exact). Each price
// keeps the currency it was quoted in, so changing the workspace's reporting currency never silently reuses prices
// quoted in the old one. `token` is a checksummed address or 'native' for the chain's coin.
export default `
CREATE TABLE price_imports (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  currency TEXT NOT NULL,
  rows INTEGER NOT NULL,
  imported_at TEXT NOT NULL
) STRICT;

CREATE TABLE prices (
  chain_id INTEGER NOT NULL,
  token TEXT NOT NULL,
  day TEXT NOT NULL,
  currency TEXT NOT NULL,
  price TEXT NOT NULL,
  import_id INTEGER NOT NULL REFERENCES price_imports(id),
  PRIMARY KEY (chain_id, token, currency, day)
) STRICT;

CREATE TABLE price_feeds (
  chain_id INTEGER NOT NULL,
  token TEXT NOT NULL,
  feed TEXT NOT NULL,
  decimals INTEGER NOT NULL,
  description TEXT NOT NULL,
  max_age_seconds INTEGER NOT NULL,
  added_at TEXT NOT NULL,
  PRIMARY KEY (chain_id, token)
) STRICT;
`
