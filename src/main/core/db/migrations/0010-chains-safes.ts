// Several chains and Safes in one workspace: the version of each chain's own Safe contract list (read from its
// singleton's VERSION() when the addresses are given), and the active Safe, first set to the Safe the workspace
// used before (the first one on its active chain).
export default `
ALTER TABLE chains ADD COLUMN contracts_version TEXT;

INSERT INTO settings (key, value)
SELECT 'active_safe', s.chain_id || ':' || s.address FROM safes s
WHERE s.chain_id = (SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'active_chain_id')
ORDER BY s.added_at, s.address LIMIT 1
ON CONFLICT(key) DO NOTHING;
`
