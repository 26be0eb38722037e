// A confirmation pulled from the Safe Transaction Service was stored as source 'bundle' (the proposal shows it as
// "signature imported"), although its audit event says 'txservice'. The signature stores gain that source, and rows
// already pulled get it back from their own audit event (`proposal.signature_added` with source 'txservice'), the
// only record of where a signature came from. SQLite cannot widen a CHECK in place: both tables are rebuilt with
// the same columns; nothing references them, so foreign keys stay on.
export default `
CREATE TABLE proposal_signatures_next (
  proposal_id INTEGER NOT NULL REFERENCES proposals(id),
  signer TEXT NOT NULL,
  signature TEXT NOT NULL, -- 65 bytes as Safe packs them (r, s, v); v = 1 for an on-chain approveHash
  kind TEXT NOT NULL CHECK (kind IN ('eip712', 'eth_sign', 'approved_hash')),
  source TEXT NOT NULL CHECK (source IN ('local', 'bundle', 'onchain', 'txservice')),
  added_at TEXT NOT NULL,
  PRIMARY KEY (proposal_id, signer)
) STRICT;
INSERT INTO proposal_signatures_next (proposal_id, signer, signature, kind, source, added_at)
  SELECT s.proposal_id, s.signer, s.signature, s.kind,
    CASE WHEN s.source = 'bundle' AND EXISTS (
      SELECT 1 FROM audit_events e
      WHERE e.action = 'proposal.signature_added' AND e.subject = 'proposal:' || s.proposal_id
        AND json_extract(e.payload, '$.source') = 'txservice' AND json_extract(e.payload, '$.signer') = s.signer
    ) THEN 'txservice' ELSE s.source END,
    s.added_at
  FROM proposal_signatures s;
DROP TABLE proposal_signatures;
ALTER TABLE proposal_signatures_next RENAME TO proposal_signatures;
CREATE INDEX proposal_signatures_signer ON proposal_signatures(signer, proposal_id);

CREATE TABLE signatures_next (
  safe_tx_hash TEXT NOT NULL,
  signer TEXT NOT NULL,
  chain_id INTEGER NOT NULL,
  safe_address TEXT NOT NULL,
  signature TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('eip712', 'eth_sign', 'approved_hash')),
  source TEXT NOT NULL CHECK (source IN ('local', 'imported', 'onchain', 'txservice')),
  added_at TEXT NOT NULL,
  PRIMARY KEY (safe_tx_hash, signer)
) STRICT;
INSERT INTO signatures_next (safe_tx_hash, signer, chain_id, safe_address, signature, kind, source, added_at)
  SELECT g.safe_tx_hash, g.signer, g.chain_id, g.safe_address, g.signature, g.kind,
    CASE WHEN g.source = 'imported' AND EXISTS (
      SELECT 1 FROM proposals p JOIN proposal_signatures ps ON ps.proposal_id = p.id
      WHERE p.chain_id = g.chain_id AND p.safe_address = g.safe_address AND p.safe_tx_hash = g.safe_tx_hash
        AND ps.signer = g.signer AND ps.source = 'txservice'
    ) THEN 'txservice' ELSE g.source END,
    g.added_at
  FROM signatures g;
DROP TABLE signatures;
ALTER TABLE signatures_next RENAME TO signatures;
`
