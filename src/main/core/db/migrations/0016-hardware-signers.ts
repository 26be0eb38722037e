// Hardware signers (issue 20): a signer whose key stays on a device. The signer itself is a watch-only row of
// `signers` (no keystore file); this table says which device holds its key and how to ask it (the derivation path
// and, for an ERC-4527 QR device, the master key fingerprint the device checks a request against). Requests shown
// to a QR device are remembered by their request id so the signature read back is matched to what was asked.
export default `
CREATE TABLE hardware_signers (
  address TEXT PRIMARY KEY REFERENCES signers(address) ON DELETE CASCADE,
  transport TEXT NOT NULL CHECK (transport IN ('qr', 'usb')),
  device TEXT NOT NULL, -- what the user sees: the name in the pairing code ("Keystone") or "Ledger"
  path TEXT NOT NULL, -- BIP-32 derivation path of the key, m/44'/60'/…
  source_fingerprint TEXT CHECK (source_fingerprint IS NULL OR length(source_fingerprint) = 8), -- hex, QR only
  added_at TEXT NOT NULL
) STRICT;

CREATE TABLE hardware_sign_requests (
  request_id TEXT PRIMARY KEY, -- the UUID in the eth-sign-request, echoed by the device's eth-signature
  signer TEXT NOT NULL REFERENCES signers(address) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('safe-tx', 'council-act', 'vote')),
  digest TEXT NOT NULL, -- the EIP-712 digest asked for: a safeTxHash, a council act's or a vote's digest
  created_at TEXT NOT NULL
) STRICT;
`
