// Holder index histories keyed by block (issue 22, seventh batch). The balance and votes histories were keyed by
// (index, account, block), with a second, covering copy of every row in block order (0023). A sync appends rows in
// block order, so each row went to a random place in the account-ordered key: at 50,000 holders a range of 20,000
// logs dirtied most of that key's pages, and writing the histories was the largest part of an index build. Now the
// table itself is in block order (each range's rows are appended, and the readers that walk a span of blocks read
// the table directly), and a slim (index, account, block) index serves the per-account reads (an account's amount at
// a block: one seek there, one in the table). Each row is kept once with its amounts instead of twice. The rows are
// copied over in block order; on an index of 100,000 holders this takes a while at first open, like 0023.
const byBlock = (table: string, amount: string) => `
CREATE TABLE ${table}_by_block (
  index_id INTEGER NOT NULL REFERENCES holder_indexes(id) ON DELETE CASCADE,
  account TEXT NOT NULL,
  block INTEGER NOT NULL,
  ${amount} TEXT NOT NULL, -- base units after the block
  previous TEXT, -- the account's amount before this row (its previous row's), NULL for its first
  PRIMARY KEY (index_id, block, account)
) STRICT, WITHOUT ROWID;
INSERT INTO ${table}_by_block (index_id, account, block, ${amount}, previous)
  SELECT index_id, account, block, ${amount}, previous FROM ${table} ORDER BY index_id, block, account;
DROP TABLE ${table};
ALTER TABLE ${table}_by_block RENAME TO ${table};
CREATE INDEX ${table}_account ON ${table}(index_id, account, block);
`

export default byBlock('holder_balances', 'balance') + byBlock('holder_votes', 'votes')
