// Holder index metrics at any block (issue 22, sixth batch). A past block is answered from the nearest snapshot
// patched with the accounts changed between the two; each changed account needed two primary-key seeks (its amount
// at the block and at the snapshot), ~20,000 seeks halfway between two snapshots at 100,000 holders. Now:
// - each history row keeps the account's amount before it (`previous`: its previous row's amount, NULL for its
//   first), filled here for the rows already written, and the block indexes carry the account, the amount and
//   `previous`: one ordered read of the rows between two blocks gives every changed account's amount at both ends
//   (the first row's `previous`, the last row's amount), no seek;
// - a snapshot keeps the delegate count at its block (filled here for the snapshots already taken), patched with the
//   few delegations changed since instead of grouping every delegation; the delegate index finds who else delegates
//   to a delegate whose delegators changed;
// - a snapshot keeps the accounts of its first SNAPSHOT_ACCOUNTS amounts only (the ten largest are all a past block
//   reads of them; the rest were two thirds of a snapshot's size and never read). Fewer unchanged ones than ten in
//   them: the history alone answers.
export default `
ALTER TABLE holder_balances ADD COLUMN previous TEXT;
ALTER TABLE holder_votes ADD COLUMN previous TEXT;
UPDATE holder_balances AS h SET previous = p.previous
  FROM (SELECT index_id, account, block,
          lag(balance) OVER (PARTITION BY index_id, account ORDER BY block) AS previous FROM holder_balances) AS p
  WHERE p.previous IS NOT NULL AND h.index_id = p.index_id AND h.account = p.account AND h.block = p.block;
UPDATE holder_votes AS h SET previous = p.previous
  FROM (SELECT index_id, account, block,
          lag(votes) OVER (PARTITION BY index_id, account ORDER BY block) AS previous FROM holder_votes) AS p
  WHERE p.previous IS NOT NULL AND h.index_id = p.index_id AND h.account = p.account AND h.block = p.block;
DROP INDEX holder_balances_block;
CREATE INDEX holder_balances_block ON holder_balances(index_id, block, account, balance, previous);
DROP INDEX holder_votes_block;
CREATE INDEX holder_votes_block ON holder_votes(index_id, block, account, votes, previous);
CREATE INDEX holder_delegations_delegate ON holder_delegations(index_id, delegate, block);

ALTER TABLE holder_snapshots ADD COLUMN delegates INTEGER;
UPDATE holder_snapshots AS s SET delegates = (
  SELECT count(DISTINCT delegate) FROM (
    SELECT delegate, max(block) FROM holder_delegations d
    WHERE d.index_id = s.index_id AND d.block <= s.block GROUP BY delegator)
  WHERE delegate != '0x0000000000000000000000000000000000000000');
UPDATE holder_snapshots SET accounts = substr(accounts, 1, 42 * 1000);
`
