// Hardening (issue 23): the wrong-passphrase delay of each signer lives in the workspace, not in memory, so neither
// a workspace switch nor a restart resets it. `not_before` is milliseconds since the epoch.
export default `
CREATE TABLE signer_unlock_attempts (
  address TEXT PRIMARY KEY REFERENCES signers(address) ON DELETE CASCADE,
  failures INTEGER NOT NULL CHECK (failures > 0),
  not_before INTEGER NOT NULL
) STRICT;
`
