// Council acts (issue 18): each decision taken in the council's name is an EIP-712 message signed by members. An act
// is stored with its first valid signature and takes effect when enough members signed; `nonce` and `digest` are
// unique, so a signed act is used once. `council_lists` holds the council when it is not the Safe's owners; each row
// is made effective by a signed council-change act (the latest row wins; members NULL = the Safe's owners again).
export default `
CREATE TABLE council_acts (
  id INTEGER PRIMARY KEY,
  chain_id INTEGER NOT NULL,
  safe TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  summary TEXT NOT NULL,
  content TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  nonce TEXT NOT NULL UNIQUE,
  expiry INTEGER NOT NULL,
  digest TEXT NOT NULL UNIQUE,
  needed INTEGER NOT NULL CHECK (needed > 0),
  status TEXT NOT NULL CHECK (status IN ('pending', 'effective')),
  result TEXT,
  created_at TEXT NOT NULL,
  effective_at TEXT
) STRICT;
CREATE INDEX council_acts_subject ON council_acts (subject);

CREATE TABLE council_act_signatures (
  act_id INTEGER NOT NULL REFERENCES council_acts(id),
  member TEXT NOT NULL,
  signature TEXT NOT NULL,
  council_source TEXT NOT NULL,
  council_members TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  PRIMARY KEY (act_id, member)
) STRICT;

CREATE TABLE council_lists (
  id INTEGER PRIMARY KEY,
  chain_id INTEGER NOT NULL,
  safe TEXT NOT NULL,
  members TEXT,
  threshold INTEGER NOT NULL CHECK (threshold > 0),
  thresholds TEXT NOT NULL,
  act_id INTEGER NOT NULL REFERENCES council_acts(id),
  created_at TEXT NOT NULL
) STRICT;
`
